//! The page's end of the engine's worker: starts it (the module the page names in
//! `<meta name="tiendo-engine">`), numbers each command, posts it as JSON, and hands each reply
//! to the request waiting for it and each notice to the page. Commands sent before the engine
//! says it is ready wait here, in order.

use js_sys::{Function, Promise};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use tiendo_core::engine::{Command, EngineError, EngineEvent, FromEngine, Reply, ToEngine};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where the engine's notices go.
pub type Notify = Rc<dyn Fn(EngineEvent)>;

/// The worker's name: its module starts the engine only under it (the same module checks sync
/// files in workers of its own).
/// (The engine's `worker::NAME`.)
const NAME: &str = "tiendo-engine";

/// The commands on their way and their replies.
#[derive(Default)]
struct Pending {
    /// Posted before the engine was ready.
    queued: Vec<String>,
    /// Who waits for each reply.
    waiting: HashMap<u64, Function>,
    /// Replies not yet taken.
    replies: HashMap<u64, Reply>,
}

/// A running engine worker.
pub struct WorkerLink {
    worker: Worker,
    next: Cell<u64>,
    ready: Rc<Cell<bool>>,
    pending: Rc<RefCell<Pending>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl WorkerLink {
    /// Starts the engine's worker; gives `notify` back when the page names no engine module
    /// or the worker cannot be made (the engine then runs in the page).
    pub fn start(notify: Notify) -> Result<Self, Notify> {
        let Some(url) = engine_url() else { return Err(notify) };
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        options.set_name(NAME);
        let Ok(worker) = Worker::new_with_options(&url, &options) else { return Err(notify) };
        let (ready, pending) = (Rc::new(Cell::new(false)), Rc::new(RefCell::new(Pending::default())));
        let on_message = {
            let (ready, pending, worker) = (Rc::clone(&ready), Rc::clone(&pending), worker.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let Some(text) = e.data().as_string() else { return };
                match serde_json::from_str::<FromEngine>(&text) {
                    Ok(FromEngine::Ready) => {
                        ready.set(true);
                        for message in std::mem::take(&mut pending.borrow_mut().queued) {
                            let _ = worker.post_message(&JsValue::from_str(&message));
                        }
                    }
                    Ok(FromEngine::Reply { id, reply }) => {
                        let waiting = {
                            let mut p = pending.borrow_mut();
                            p.replies.insert(id, *reply);
                            p.waiting.remove(&id)
                        };
                        if let Some(resolve) = waiting {
                            let _ = resolve.call0(&JsValue::NULL);
                        }
                    }
                    Ok(FromEngine::Event(event)) => notify(event),
                    Err(e) => leptos::logging::warn!("the engine's message does not read: {e}"),
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // A worker that does not start leaves every request unanswered: they are answered so.
        let on_error = {
            let pending = Rc::clone(&pending);
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
                let waiting: Vec<Function> = pending.borrow_mut().waiting.drain().map(|(_, f)| f).collect();
                for resolve in waiting {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            })
        };
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Self { worker, next: Cell::new(0), ready, pending, _on_message: on_message, _on_error: on_error })
    }

    fn post(&self, command: Command) -> u64 {
        let id = self.next.get() + 1;
        self.next.set(id);
        let Ok(text) = serde_json::to_string(&ToEngine { id, command }) else { return id };
        if self.ready.get() {
            let _ = self.worker.post_message(&JsValue::from_str(&text));
        } else {
            self.pending.borrow_mut().queued.push(text);
        }
        id
    }

    /// Posts `command` and waits for its reply.
    pub async fn call(&self, command: Command) -> Reply {
        let id = self.post(command);
        let pending = Rc::clone(&self.pending);
        let answered = Promise::new(&mut |resolve, _| {
            let mut p = pending.borrow_mut();
            if p.replies.contains_key(&id) {
                let _ = resolve.call0(&JsValue::NULL);
            } else {
                p.waiting.insert(id, resolve);
            }
        });
        let _ = JsFuture::from(answered).await;
        let reply = self.pending.borrow_mut().replies.remove(&id);
        reply.unwrap_or_else(|| Reply::Answered(Err(EngineError::Unanswered("the engine's worker stopped".into()))))
    }

    /// Stops the worker at once: nothing it was doing goes on.
    pub fn stop(&self) {
        self.worker.terminate();
    }

    /// Posts `command`; its reply is dropped.
    pub fn send(&self, command: Command) {
        let id = self.post(command);
        // Nobody waits: the reply, when it comes, is not kept.
        self.pending.borrow_mut().waiting.insert(id, forget_reply(Rc::clone(&self.pending), id));
    }
}

/// A "resolve" that drops reply `id` once it has come.
fn forget_reply(pending: Rc<RefCell<Pending>>, id: u64) -> Function {
    let drop_it = Closure::once_into_js(move || {
        pending.borrow_mut().replies.remove(&id);
    });
    drop_it.unchecked_into()
}

impl Drop for WorkerLink {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The engine module's loader, as the page names it.
fn engine_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    document.query_selector("meta[name=tiendo-engine]").ok()??.get_attribute("content")
}
