//! Which tabs are alive, through the Web Locks API: each tab holds a lock named after it for
//! as long as it lives (the browser lets go when the tab closes or dies), so another tab can
//! tell a live tab's draft from a dead one's.

use js_sys::{Array, Function, Promise, Reflect};
use std::collections::BTreeSet;
use wasm_bindgen::{JsCast, JsValue};

fn locks() -> Option<JsValue> {
    // The navigator of a page or of a worker: both have `locks`.
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    Reflect::get(&navigator, &"locks".into()).ok().filter(|l| !l.is_undefined() && !l.is_null())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &name.into()).ok()?.dyn_into::<Function>().ok()
}

/// The lock name of tab `tab`.
pub fn lock_name(tab: &str) -> String {
    format!("tiendo-tab-{tab}")
}

/// A tab's lock, held until this is dropped or the page goes away.
#[derive(Debug)]
pub struct TabLock {
    release: Function,
}

impl Drop for TabLock {
    fn drop(&mut self) {
        let _ = self.release.call0(&JsValue::NULL);
    }
}

/// Takes the lock of tab `tab`; `None` if the browser has no locks.
pub fn hold(tab: &str) -> Option<TabLock> {
    let locks = locks()?;
    let request = method(&locks, "request")?;
    // The lock is held while the callback's promise is pending: until the lock is dropped.
    let mut release = None;
    let held = Promise::new(&mut |resolve, _| release = Some(resolve));
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || held);
    request.call2(&locks, &lock_name(tab).into(), &callback).ok()?;
    release.map(|release| TabLock { release })
}

/// The tabs whose lock is held now (by any page of this origin); `None` if the browser has no
/// locks.
pub async fn live_tabs() -> Option<BTreeSet<String>> {
    let locks = locks()?;
    let promise = method(&locks, "query")?.call0(&locks).ok()?.dyn_into::<Promise>().ok()?;
    let snapshot = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let held = Reflect::get(&snapshot, &"held".into()).ok()?.dyn_into::<Array>().ok()?;
    let prefix = lock_name("");
    Some(
        held.iter()
            .filter_map(|l| Reflect::get(&l, &"name".into()).ok()?.as_string())
            .filter_map(|n| n.strip_prefix(&prefix).map(str::to_owned))
            .collect(),
    )
}
