// Starts the page's full module (the Leptos app) when the start module hands the page over
// (crates/start/src/handover.rs). Its name, its glue's and its WASM's are content-hashed after
// the build (scripts/hash-modules.sh). `window.wasmBindings` is what the benchmarks read. If the
// module cannot be fetched, the start module is told, and says so.
import init, * as bindings from './tiendo-app.js';
window.wasmBindings = bindings;
await init().catch((e) => {
  document.dispatchEvent(new Event('tiendo-app-failed'));
  throw e;
});
