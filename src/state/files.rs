//! Sync files on the page: the file history kept per laptop, downloads, the check workers'
//! start, and the engine's export, check and import with what the page keeps of them (when
//! each submission a file brought arrived).

use super::settings::Settings;
use super::{AppContext, EngineError};
use gloo_storage::{LocalStorage, Storage as _};
use serde::{Deserialize, Serialize};
use tiendo_core::engine::{Command, Exported, FileChecked, Imported, NotChecked};

const HISTORY_KEY: &str = "tiendo.files";

/// The local-storage key that turns the check workers off (`off`): for support, and for the
/// bench's comparison.
const WORKERS_SWITCH: &str = "tiendo.check-workers";

/// Has the engine start the check workers if this page can have them: a page built by trunk
/// (it names its module's files), several cores, and the workers not turned off.
pub fn start_workers(ctx: AppContext) {
    let Some(window) = web_sys::window() else { return };
    let storage = window.local_storage().ok().flatten();
    if storage.and_then(|s| s.get_item(WORKERS_SWITCH).ok().flatten()).is_some_and(|v| v == "off") {
        return;
    }
    let Some(engine) = ctx.engine() else { return };
    // The engine's own module runs in the check workers: the worker's, or the page's own.
    let glue = match engine.in_worker() {
        true => url_of("meta[name=tiendo-engine-glue]", "content"),
        false => url_of("link[rel=modulepreload]", "href"),
    };
    let (Some(glue), Some(script)) = (glue, url_of("meta[name=tiendo-check-worker]", "content")) else { return };
    let cores = window.navigator().hardware_concurrency() as u32;
    engine.send(Command::StartCheckWorkers { glue, script, cores });
}

/// Has the engine stop them.
pub fn stop_workers(ctx: AppContext) {
    if let Some(engine) = ctx.engine() {
        engine.send(Command::StopCheckWorkers);
    }
}

/// The URL in attribute `attr` of the first element matching `selector` in the page.
fn url_of(selector: &str, attr: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    document.query_selector(selector).ok()??.get_attribute(attr)
}

/// My agency's sync file, signed with this device's key.
pub async fn export(ctx: AppContext) -> Result<Exported, EngineError> {
    let engine = ctx.engine().ok_or(EngineError::NotOpen)?;
    ctx.flush_now();
    let exported = engine.export_file(Settings::device_key(), js_sys::Date::now() as i64).await?;
    // What left on the stick is no longer only on this laptop (the nudge).
    Settings::save_exported_heads(&exported.heads);
    Ok(exported)
}

/// Checks a chosen file; one to import waits in the engine.
pub async fn check(ctx: AppContext, bytes: Vec<u8>) -> Result<FileChecked, NotChecked> {
    let engine = ctx.engine().ok_or_else(|| NotChecked::local(EngineError::NotOpen))?;
    engine.check_file(bytes).await
}

/// Imports the checked file; notes when each submission it brought reached this laptop.
pub async fn import(ctx: AppContext) -> Result<Imported, EngineError> {
    let engine = ctx.engine().ok_or(EngineError::NotOpen)?;
    let now = js_sys::Date::now() as i64;
    let imported = engine.import_checked(Settings::device_key(), now).await?;
    // A file is a real arrival, first sight or not.
    let arrived = imported
        .preview
        .iter()
        .filter_map(|d| d.agency.as_ref().map(|a| (a, &d.periods)))
        .flat_map(|(a, periods)| periods.iter().map(move |p| (a, &p.period, p.submissions.as_slice())));
    super::office::record_arrivals_many(arrived, now);
    super::boot::mark("tiendo:file:arrivals");
    Ok(imported)
}

/// One line of the file history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When, Unix milliseconds.
    pub at_ms: i64,
    /// `export`, `import`, `already` or `receipt`.
    pub what: String,
    /// The file name.
    pub name: String,
    /// The agency that made the file.
    pub agency: String,
    /// Documents in or changed by it.
    pub docs: usize,
}

/// The history, newest first.
pub fn history() -> Vec<HistoryEntry> {
    LocalStorage::get(HISTORY_KEY).unwrap_or_default()
}

/// Adds a line to the history (the last 200 are kept).
pub fn remember(entry: HistoryEntry) {
    let mut all = history();
    all.insert(0, entry);
    all.truncate(200);
    let _ = LocalStorage::set(HISTORY_KEY, all);
}

/// Offers `bytes` as a download named `name`.
pub fn download(name: &str, bytes: &[u8]) {
    use wasm_bindgen::JsCast;
    let array = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&array, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(a) = document.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
