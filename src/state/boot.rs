//! Talking to the browser at start: open the documents, ask for persistent storage, register
//! the service worker, and listen for other tabs, page hiding and new versions.

use super::context::{AppContext, StorageInfo};
use super::settings::{Settings, Setup};
use leptos::prelude::*;
use tiendo_core::engine::OpenRequest;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Opens the documents for the stored first-run choice, or the built-in plan for browsing
/// before a choice is made.
pub fn open(ctx: AppContext) {
    match ctx.setup.get_untracked() {
        None => leptos::task::spawn_local(open_builtin(ctx)),
        Some(setup) => leptos::task::spawn_local(open_setup(ctx, setup)),
    }
}

/// Shows the built-in plan, read by the engine (the page holds no parser and no plan text).
async fn open_builtin(ctx: AppContext) {
    let Some(engine) = ctx.engine() else { return };
    let plan = engine.builtin_plan().await;
    // A choice made meanwhile opens its own documents.
    if ctx.setup.get_untracked().is_none() {
        ctx.data.set(Some(plan));
    }
}

/// Makes and remembers a first-run choice, then opens its documents.
pub fn choose(ctx: AppContext, setup: Setup) {
    Settings::save_setup(&setup);
    ctx.setup.set(Some(setup));
    ctx.data.set(None);
    open(ctx);
}

async fn open_setup(ctx: AppContext, setup: Setup) {
    let Some(engine) = ctx.engine() else { return };
    let device = Settings::device();
    // The page holds its tab's lock when the engine is in a worker (which outlives the page for
    // a moment); an engine in the page holds it itself.
    let tab = engine.in_worker().then(|| {
        super::tab_lock::hold(&device);
        super::tab_lock::tab_bytes()
    });
    let request = OpenRequest {
        setup,
        tab,
        device,
        credential: Settings::credential(),
        chosen_plan: Settings::chosen_plan(),
        stashed: super::stash::all(),
    };
    let (opening, opened) = engine.open(request).await;
    mark_interactive("tiendo:storage");
    mark_interactive("tiendo:opened");
    if let Err(e) = opened {
        ctx.data.set(Some(Err(e)));
    }
    ctx.storage.update(|s| {
        s.durable = opening.durable;
        s.problem = opening.problem;
    });
    guard_storage(ctx).await;
}

/// Asks for persistent storage and reads the space used.
pub async fn guard_storage(ctx: AppContext) {
    let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else { return };
    if let Ok(p) = manager.persist() {
        let persisted = JsFuture::from(p).await.ok().and_then(|v| v.as_bool());
        ctx.storage.update(|s| s.persisted = persisted);
    }
    if let Ok(p) = manager.estimate() {
        if let Ok(est) = JsFuture::from(p).await {
            let get = |k: &str| js_sys::Reflect::get(&est, &k.into()).ok().and_then(|v| v.as_f64());
            let usage = get("usage").zip(get("quota"));
            ctx.storage.update(|s: &mut StorageInfo| s.usage = usage);
        }
    }
}

/// Registers `/sw.js` and shows a banner when it reports a new version of the app.
pub fn register_service_worker(ctx: AppContext) {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        if e.data().as_string().as_deref() == Some("tiendo:update") {
            ctx.update_ready.set(true);
        }
    });
    container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = container.register("/sw.js");
    // Ask the worker to look for a new version now, every 15 minutes, and when back online.
    let check = move || {
        if let Some(worker) = web_sys::window().and_then(|w| w.navigator().service_worker().controller()) {
            let _ = worker.post_message(&JsValue::from_str("tiendo:check"));
        }
    };
    check();
    let _ = set_interval_with_handle(check, std::time::Duration::from_secs(15 * 60));
    std::mem::forget(window_event_listener(leptos::ev::online, move |_| check()));
}

/// Writes pending edits when the page is hidden or left.
pub fn flush_on_hide(ctx: AppContext) {
    // The stash is synchronous: the page may be gone before any write started now ends.
    let handle = window_event_listener(leptos::ev::pagehide, move |_| {
        ctx.stash_and_stop();
    });
    // A page restored from the back-forward cache has no engine any more: start afresh.
    let handle3 = window_event_listener(leptos::ev::pageshow, move |e: web_sys::PageTransitionEvent| {
        if e.persisted() {
            let _ = window().location().reload();
        }
    });
    let handle2 = window_event_listener(leptos::ev::visibilitychange, move |_| ctx.flush_now());
    // For the page's lifetime.
    std::mem::forget((handle, handle2, handle3));
}

/// Marks a moment of a longer piece of work (`performance.mark`), for the benchmark to read.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// Milliseconds since the page started (`performance.now()`), 0 where there is no clock.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Records that `name` last took `ms` (in `window.tiendoTimes`), for the benchmark to read.
pub fn record_time(name: &str, ms: f64) {
    let Some(window) = web_sys::window() else { return };
    let times = js_sys::Reflect::get(&window, &"tiendoTimes".into())
        .ok()
        .filter(|t| t.is_object())
        .unwrap_or_else(|| js_sys::Object::new().into());
    let _ = js_sys::Reflect::set(&times, &name.into(), &ms.into());
    let _ = js_sys::Reflect::set(&window, &"tiendoTimes".into(), &times);
}

/// Marks the moment a page became usable (`performance.mark`), once, for the benchmark to read.
pub fn mark_interactive(name: &str) {
    let Some(window) = web_sys::window() else { return };
    if let Some(perf) = window.performance() {
        if perf.get_entries_by_name(name).length() == 0 {
            let _ = perf.mark(name);
        }
    }
}

/// The WASM memory the engine's module holds now, in bytes, for the benchmark to read
/// (`await window.tiendoApp.engine_memory_bytes()`): with the page's, what the memory budget
/// counts.
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn engine_memory_bytes() -> f64 {
    let ctx = leptos::prelude::use_context::<AppContext>().or_else(|| ENGINE_CTX.with(|c| c.get()));
    match ctx.and_then(|c| c.engine()) {
        Some(engine) => engine.memory_bytes().await,
        None => 0.0,
    }
}

thread_local! {
    /// The app's context, for what the benchmark calls from outside the component tree.
    pub(super) static ENGINE_CTX: std::cell::Cell<Option<AppContext>> = const { std::cell::Cell::new(None) };
}
