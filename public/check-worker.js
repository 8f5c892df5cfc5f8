// Tiến độ's sync-file check worker: runs the engine's WASM module (the compiled module and
// its JS glue's URL come in the first message) and checks one share of a file's documents per
// message, so that a province-year file is checked on every core while the page stays
// responsive. One reply per job.
'use strict';
let ready = null;

self.onmessage = async (event) => {
  const m = event.data;
  if (m.glue) {
    ready = import(m.glue).then(async (bindings) => {
      await bindings.default({ module_or_path: m.module });
      return bindings;
    });
    ready.catch(() => undefined);
    return;
  }
  let bindings;
  try {
    if (ready === null) throw new Error('the worker was given no module');
    bindings = await ready;
  } catch (err) {
    // The module did not start here: the page checks the file itself.
    self.postMessage({ unavailable: String(err) });
    return;
  }
  try {
    self.postMessage({ out: bindings.check_share(m.file, m.share, m.ids, m.keys, m.chunks) });
  } catch (err) {
    self.postMessage({ failed: String(err) });
  }
};
