//! The engine module: built by trunk as a second WASM module and run in a dedicated Web Worker
//! (`crates/engine/src/worker.rs`). The same module runs in the sync-file check's workers,
//! which start no engine.

fn main() {
    #[cfg(target_arch = "wasm32")]
    if tiendo_engine::worker::is_engine_worker() {
        console_error_panic_hook::set_once();
        tiendo_engine::worker::run();
    }
}
