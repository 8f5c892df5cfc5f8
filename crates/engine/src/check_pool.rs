//! Web Workers that check a sync file's documents at once, one share each
//! (`tiendo_core::file::share`), on the engine's own WASM module (`public/check-worker.js`,
//! `check_share.rs`). A province-year file is checked on every core, and the page keeps
//! answering meanwhile. The engine starts the pool when the files page opens, so the workers are
//! ready by the time a file is chosen; it stops when the page is left.

use js_sys::{Array, Object, Promise, Reflect, Uint32Array, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use tiendo_core::file::share::{HeldChunk, ShareOutcome};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// The most workers a check uses (a province-year has ~40 documents of about the same size).
const MAX_WORKERS: u32 = 4;

/// Why a worker gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PoolError {
    /// A worker could not start (its script or the module did not load): the page can check
    /// the file itself.
    #[error("a check worker could not start: {0}")]
    Unavailable(String),
    /// The check stopped inside a worker.
    #[error("a check worker failed: {0}")]
    Failed(String),
    /// Its answer did not read.
    #[error("a check worker's answer does not read: {0}")]
    BadAnswer(String),
}

/// One started worker, and why it could not start if it could not: a script that does not load
/// fails at once, long before a file is chosen, and that `error` event must not be missed.
#[derive(Debug)]
struct Started {
    worker: Worker,
    failed: Rc<RefCell<Option<String>>>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Started {
    fn new(script: &str, options: &WorkerOptions, init: &Object) -> Option<Self> {
        let worker = Worker::new_with_options(script, options).ok()?;
        let failed = Rc::new(RefCell::new(None));
        let noted = Rc::clone(&failed);
        // A script that does not load gives a plain `Event`, not an `ErrorEvent`.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            *noted.borrow_mut() = Some(error_text(&e));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.post_message(init).ok()?;
        Some(Self { worker, failed, _on_error: on_error })
    }
}

/// Running check workers; they stop when the pool is dropped.
#[derive(Debug)]
pub struct CheckPool {
    workers: RefCell<Vec<Started>>,
    /// How a worker starts: its script, and the first message (the glue's URL, the module).
    script: String,
    init: Object,
}

/// What an `error` event on a worker says: an `ErrorEvent`'s message, or that its script did
/// not load.
fn error_text(e: &JsValue) -> String {
    e.dyn_ref::<web_sys::ErrorEvent>().map_or_else(|| "the worker's script did not load".to_owned(), |e| e.message())
}

impl CheckPool {
    /// Starts one worker per core (at most [`MAX_WORKERS`]) on the module whose JavaScript glue
    /// is at `glue`, running `script`, if this browser can have them (module workers). `None`
    /// otherwise: the check then runs where the engine runs.
    pub fn start(glue: &str, script: &str, cores: u32) -> Option<Self> {
        if cores < 2 {
            return None;
        }
        let script = script.to_owned();
        // The page's compiled module itself, not its URL: the workers neither fetch nor compile
        // it, and run the machine code the page has already optimised.
        let module = wasm_bindgen::module();
        if !module.is_instance_of::<js_sys::WebAssembly::Module>() {
            return None;
        }
        let init = Object::new();
        Reflect::set(&init, &"glue".into(), &glue.into()).ok()?;
        Reflect::set(&init, &"module".into(), &module).ok()?;
        let workers = Self::spawn(&script, &init, cores.min(MAX_WORKERS));
        (!workers.is_empty()).then(|| Self { workers: RefCell::new(workers), script, init })
    }

    fn spawn(script: &str, init: &Object, n: u32) -> Vec<Started> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        (0..n).filter_map(|_| Started::new(script, &options, init)).collect()
    }

    /// Replaces every worker (after a failure, a worker's module may be left in any state).
    fn restart(&self) {
        let mut workers = self.workers.borrow_mut();
        for started in workers.iter() {
            started.worker.terminate();
        }
        let n = workers.len() as u32;
        *workers = Self::spawn(&self.script, &self.init, n);
    }

    /// How many workers run.
    pub fn len(&self) -> usize {
        self.workers.borrow().len()
    }

    /// Whether none runs.
    pub fn is_empty(&self) -> bool {
        self.workers.borrow().is_empty()
    }

    /// Checks each share (the indexes of its documents and the held chunks it needs) of the
    /// file `bytes` on its own worker; at most [`Self::len`] shares. The outcomes come back in
    /// the shares' order.
    ///
    /// Every check ends with fresh workers: what a province-year grew a worker's memory to is
    /// given back as soon as its answer is in, and a worker that failed is gone.
    pub async fn check(
        &self,
        bytes: &[u8],
        shares: Vec<(Vec<usize>, Vec<HeldChunk>)>,
    ) -> Result<Vec<ShareOutcome>, PoolError> {
        let outcome = self.ask_all(bytes, shares).await;
        self.restart();
        outcome
    }

    async fn ask_all(
        &self,
        bytes: &[u8],
        shares: Vec<(Vec<usize>, Vec<HeldChunk>)>,
    ) -> Result<Vec<ShareOutcome>, PoolError> {
        let asked: Result<Vec<JsFuture>, PoolError> = {
            let workers = self.workers.borrow();
            workers.iter().zip(shares).map(|(started, (share, held))| Self::ask(started, bytes, &share, held)).collect()
        };
        futures::future::join_all(asked?).await.into_iter().map(Self::read).collect()
    }

    /// Posts one share to a worker; the future resolves with its reply.
    fn ask(started: &Started, bytes: &[u8], share: &[usize], held: Vec<HeldChunk>) -> Result<JsFuture, PoolError> {
        if let Some(reason) = started.failed.borrow().clone() {
            return Err(PoolError::Unavailable(reason));
        }
        let worker = &started.worker;
        let failed = |e: JsValue| PoolError::Failed(format!("{e:?}"));
        let (ids, keys, chunks, transfer) = (Array::new(), Array::new(), Array::new(), Array::new());
        for (id, key, chunk) in held {
            ids.push(&id.into());
            keys.push(&key.encode().into());
            let chunk = Uint8Array::from(chunk.as_slice());
            transfer.push(&chunk.buffer());
            chunks.push(&chunk);
        }
        let file = Uint8Array::from(bytes);
        transfer.push(&file.buffer());
        let share: Vec<u32> = share.iter().map(|&i| i as u32).collect();
        let job = Object::new();
        for (name, value) in [
            ("file", JsValue::from(file)),
            ("share", Uint32Array::from(share.as_slice()).into()),
            ("ids", ids.into()),
            ("keys", keys.into()),
            ("chunks", chunks.into()),
        ] {
            Reflect::set(&job, &name.into(), &value).map_err(failed)?;
        }
        // The reply (or the worker's failure) settles the promise: one job per worker at a time.
        let reply = Promise::new(&mut |resolve, reject| {
            worker.set_onmessage(Some(&resolve));
            worker.set_onerror(Some(&reject));
        });
        worker.post_message_with_transfer(&job, &transfer).map_err(failed)?;
        Ok(JsFuture::from(reply))
    }

    /// Reads a worker's reply.
    fn read(answer: Result<JsValue, JsValue>) -> Result<ShareOutcome, PoolError> {
        // An `error` event on the worker itself: its script did not load.
        let event: MessageEvent = answer
            .map_err(|e| PoolError::Unavailable(error_text(&e)))?
            .dyn_into()
            .map_err(|e| PoolError::BadAnswer(format!("{e:?}")))?;
        let data = event.data();
        let text = |name: &str| Reflect::get(&data, &name.into()).ok().and_then(|v| v.as_string());
        if let Some(reason) = text("unavailable") {
            return Err(PoolError::Unavailable(reason));
        }
        if let Some(failed) = text("failed") {
            return Err(PoolError::Failed(failed));
        }
        let out = text("out").unwrap_or_default();
        // From bytes, as the read caches are: one copy of the JSON reader in the WASM, not two.
        serde_json::from_slice(out.as_bytes()).map_err(|e| PoolError::BadAnswer(e.to_string()))
    }
}

impl Drop for CheckPool {
    fn drop(&mut self) {
        for started in self.workers.borrow().iter() {
            started.worker.terminate();
        }
    }
}
