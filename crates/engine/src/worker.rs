//! The engine in a dedicated Web Worker: one [`Engine`] per tab, owner of its documents. Each
//! message from the page is a [`ToEngine`] (JSON); each is answered with one
//! [`FromEngine::Reply`] carrying its number, and the engine's notices go out as
//! [`FromEngine::Event`]s, in the order they happened. The first message out is
//! [`FromEngine::Ready`]: the page sends nothing before it.

use crate::Engine;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use tiendo_core::engine::{EngineEvent, FromEngine, ToEngine};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Posts one message to the page.
fn post(message: &FromEngine) {
    let Ok(text) = serde_json::to_string(message) else { return };
    let global = js_sys::global();
    let post = js_sys::Reflect::get(&global, &JsValue::from_str("postMessage"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(post) = post {
        let _ = post.call1(&global, &JsValue::from_str(&text));
    }
}

/// The name the page gives the engine's worker (the same module also runs in the sync-file
/// check's workers, which start no engine).
pub const NAME: &str = "tiendo-engine";

/// Whether this is the engine's worker.
pub fn is_engine_worker() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("name")).ok().and_then(|n| n.as_string()).as_deref()
        == Some(NAME)
}

/// Runs the engine on this worker's messages, for as long as the worker lives.
pub fn run() {
    crate::send_marks_to(|name| post(&FromEngine::Event(EngineEvent::Mark(name.to_owned()))));
    let engine = Engine::new(Rc::new(|event| post(&FromEngine::Event(event))));
    // Commands are taken in order, one at a time: what the page asks after opening finds the
    // documents open, and an edit never overtakes the one before it. Long background reads
    // (`Command::is_background`) run beside the rest.
    let queue: Rc<RefCell<VecDeque<ToEngine>>> = Rc::default();
    let running = Rc::new(Cell::new(false));
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let Some(text) = event.data().as_string() else { return };
        // A message that does not read is not answered: the page's request then stays
        // unanswered rather than the engine guessing.
        let Ok(message) = serde_json::from_str::<ToEngine>(&text) else { return };
        queue.borrow_mut().push_back(message);
        if running.replace(true) {
            return;
        }
        let (engine, queue, running) = (Rc::clone(&engine), Rc::clone(&queue), Rc::clone(&running));
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let next = queue.borrow_mut().pop_front();
                let Some(ToEngine { id, command }) = next else { break };
                if command.is_background() {
                    let engine = Rc::clone(&engine);
                    wasm_bindgen_futures::spawn_local(async move {
                        let reply = engine.handle(command).await;
                        post(&FromEngine::Reply { id, reply: Box::new(reply) });
                    });
                    continue;
                }
                let reply = engine.handle(command).await;
                post(&FromEngine::Reply { id, reply: Box::new(reply) });
            }
            running.set(false);
        });
    });
    if let Ok(target) = js_sys::global().dyn_into::<web_sys::EventTarget>() {
        let _ = target.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    }
    // Lives as long as the worker.
    on_message.forget();
    post(&FromEngine::Ready);
}
