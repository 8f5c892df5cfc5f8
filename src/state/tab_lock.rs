//! This tab's name and its Web Lock, held by the page while it lives and let go as it goes
//! away, once its engine's worker is stopped: the next page's engine must find this tab gone to
//! replay what it left (its draft, the page's stash, `state/stash.rs`). The name is the tab's
//! actor in hex: the device's id, then the tab's 4 bytes.

use js_sys::{Function, Promise, Reflect};
use tiendo_core::ids::DeviceId;
use wasm_bindgen::{JsCast, JsValue};

/// This tab's 4 bytes, made once per page.
pub fn tab_bytes() -> [u8; 4] {
    thread_local!(static TAB: [u8; 4] = super::settings::random::<4>());
    TAB.with(|t| *t)
}

thread_local! {
    /// What lets the lock go, while it is held.
    static RELEASE: std::cell::RefCell<Option<Function>> = const { std::cell::RefCell::new(None) };
}

/// Takes the lock of this tab of `device`, until [`release`] (or the page is gone). Nothing
/// where the browser has no Web Locks.
pub fn hold(device: &DeviceId) {
    if RELEASE.with(|r| r.borrow().is_some()) {
        return;
    }
    let name = format!("tiendo-tab-{}{}", device.as_str(), tiendo_core::hex::encode(&tab_bytes()));
    let Some(navigator) = web_sys::window().map(|w| JsValue::from(w.navigator())) else { return };
    let Ok(locks) = Reflect::get(&navigator, &"locks".into()) else { return };
    let Some(request) = Reflect::get(&locks, &"request".into()).ok().and_then(|f| f.dyn_into::<Function>().ok()) else {
        return;
    };
    // Held while the callback's promise is pending: until `release` resolves it.
    let mut resolve = None;
    let held = Promise::new(&mut |r, _| resolve = Some(r));
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || held);
    if request.call2(&locks, &name.into(), &callback).is_ok() {
        RELEASE.with(|r| *r.borrow_mut() = resolve);
    }
}

/// Lets the lock go: the page is going away and its engine has stopped, so nothing of this tab
/// writes any more, and the next page's engine must find the tab gone at once (a page on its
/// way out is not always gone when the next one opens its documents).
pub fn release() {
    if let Some(resolve) = RELEASE.with(|r| r.borrow_mut().take()) {
        let _ = resolve.call0(&JsValue::NULL);
    }
}
