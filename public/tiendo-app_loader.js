// Starts the page's full module (the Leptos app) when the start module hands the page over
// (crates/start/src/handover.rs). Its name, its glue's and its WASM's are content-hashed after
// the build (scripts/hash-modules.sh). `window.tiendoApp` is what the benchmarks read (trunk's
// `window.wasmBindings` is the start module's). If the module cannot be fetched, the start module
// is told, and says so.
import init, * as bindings from './tiendo-app.js';
window.tiendoApp = bindings;
await init().catch((e) => {
  document.dispatchEvent(new Event('tiendo-app-failed'));
  throw e;
});
