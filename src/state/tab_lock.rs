//! This tab's name and its Web Lock, held by the page for as long as it lives: the engine's
//! worker outlives its page for a moment after a reload, and the next page's engine must find
//! this tab gone to replay what it stashed (`state/stash.rs`). The name is the tab's actor in
//! hex: the device's id, then the tab's 4 bytes.

use js_sys::{Function, Promise, Reflect};
use tiendo_core::ids::DeviceId;
use wasm_bindgen::{JsCast, JsValue};

/// This tab's 4 bytes, made once per page.
pub fn tab_bytes() -> [u8; 4] {
    thread_local!(static TAB: [u8; 4] = super::settings::random::<4>());
    TAB.with(|t| *t)
}

/// Takes the lock of this tab of `device`, for the page's lifetime (the browser lets go when
/// the page goes). Nothing where the browser has no Web Locks.
pub fn hold(device: &DeviceId) {
    thread_local!(static HELD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if HELD.with(|h| h.replace(true)) {
        return;
    }
    let name = format!("tiendo-tab-{}{}", device.as_str(), tiendo_core::hex::encode(&tab_bytes()));
    let Some(navigator) = web_sys::window().map(|w| JsValue::from(w.navigator())) else { return };
    let Ok(locks) = Reflect::get(&navigator, &"locks".into()) else { return };
    let Some(request) = Reflect::get(&locks, &"request".into()).ok().and_then(|f| f.dyn_into::<Function>().ok()) else {
        return;
    };
    // Held while the callback's promise is pending: for ever, here.
    let forever = Promise::new(&mut |_, _| {});
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || forever);
    let _ = request.call2(&locks, &name.into(), &callback);
}
