//! Timers and events of whatever global the engine runs in: a page's `window` or a worker's
//! scope, which have `setTimeout` and `addEventListener` alike but are different types.

use js_sys::{Function, Reflect};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Runs `f` once after `delay` (not at all where there is no `setTimeout`: outside a browser).
pub fn set_timeout(f: impl FnOnce() + 'static, delay: Duration) {
    let global = js_sys::global();
    let Some(set) =
        Reflect::get(&global, &JsValue::from_str("setTimeout")).ok().and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return;
    };
    let callback = Closure::once_into_js(f);
    let _ = set.call2(&global, &callback, &JsValue::from_f64(delay.as_millis() as f64));
}

/// Calls `f` on every event `name` of the global (`online`), for as long as the page or worker
/// lives.
pub fn on_global(name: &str, f: impl FnMut(web_sys::Event) + 'static) {
    let Ok(target) = js_sys::global().dyn_into::<web_sys::EventTarget>() else { return };
    let callback = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let _ = target.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
    // Lives as long as the global: never removed.
    callback.forget();
}
