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

/// Resolves when the page is idle (`requestIdleCallback`), or after a second at the latest; at
/// once in the next task where there is no such call (a worker, which holds up no page).
pub async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        let ask = Reflect::get(&global, &JsValue::from_str("requestIdleCallback"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok());
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &JsValue::from_str("timeout"), &JsValue::from_f64(1000.0));
        let asked = ask.map(|f| f.call2(&global, &resolve, &options).is_ok()).unwrap_or(false);
        if !asked {
            let resolve = resolve.clone();
            set_timeout(move || drop(resolve.call0(&JsValue::NULL)), Duration::ZERO);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a later task of the event loop, after the browser has had a chance to paint.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let resolve = resolve.clone();
        set_timeout(move || drop(resolve.call0(&JsValue::NULL)), Duration::ZERO);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Where marks go instead of this global's timeline.
type MarkSink = Box<dyn Fn(&str)>;

thread_local! {
    /// Where marks go instead, when the engine is not on the page (a worker's marks are not on
    /// the page's timeline, where the benchmark reads them).
    static MARKS_TO: std::cell::RefCell<Option<MarkSink>> = const { std::cell::RefCell::new(None) };
}

/// Sends marks to `to` from now on.
pub fn send_marks_to(to: impl Fn(&str) + 'static) {
    MARKS_TO.with(|m| *m.borrow_mut() = Some(Box::new(to)));
}

/// Marks a moment of a longer piece of work (`performance.mark`), for the benchmark to read.
pub fn mark(name: &str) {
    if MARKS_TO.with(|m| m.borrow().as_ref().map(|to| to(name)).is_some()) {
        return;
    }
    let global = js_sys::global();
    let Ok(performance) = Reflect::get(&global, &JsValue::from_str("performance")) else { return };
    if let Some(mark) =
        Reflect::get(&performance, &JsValue::from_str("mark")).ok().and_then(|f| f.dyn_into::<Function>().ok())
    {
        let _ = mark.call1(&performance, &JsValue::from_str(name));
    }
}
