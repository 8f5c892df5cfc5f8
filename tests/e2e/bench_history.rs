//! History in Chromium: a report of 2,000 changes put into IndexedDB for Sở Y tế's demo laptop,
//! then one task's "Lịch sử" opened again and again; and the office's conflict scan of the
//! province-year it has just imported. Times are the app's own (`window.tiendoTimes`).

use base64::Engine;
use tiendo_core::schema::genesis::reports_doc_id;
use tiendo_e2e::{Browser, Server};

const RUNS: usize = 7;

/// Puts `(document id, saved bytes)` into the app's IndexedDB as snapshot chunks.
pub async fn seed(b: &Browser, docs: &[(String, Vec<u8>)]) {
    let entries: Vec<serde_json::Value> = docs
        .iter()
        .map(|(id, bytes)| {
            let key = tiendo_core::storage::snapshot_key(id, bytes).expect("key").encode();
            serde_json::json!([key, base64::engine::general_purpose::STANDARD.encode(bytes)])
        })
        .collect();
    let put = r#"
        const [entries, done] = arguments;
        const open = indexedDB.open('tiendo', 1);
        open.onsuccess = () => {
            const tx = open.result.transaction('chunks', 'readwrite');
            for (const [key, b64] of entries) {
                const bin = atob(b64); const bytes = new Uint8Array(bin.length);
                for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
                tx.objectStore('chunks').put(bytes, key);
            }
            tx.oncomplete = () => done(true);
            tx.onerror = () => done(false);
        };
        open.onerror = () => done(false);
    "#;
    let ok = b.client.execute_async(put, vec![serde_json::Value::Array(entries)]).await.expect("seed");
    assert_eq!(ok, serde_json::Value::Bool(true), "seeding IndexedDB failed");
}

/// A time the app recorded, in ms (-1 if none).
pub async fn app_time(b: &Browser, name: &str) -> f64 {
    let js = format!("return (window.tiendoTimes || {{}})[{name:?}] ?? -1");
    b.client.execute(&js, vec![]).await.ok().and_then(|v| v.as_f64()).unwrap_or(-1.0)
}

/// Sở Y tế's busy report (2,000 changes) in the app's storage of a demo laptop of `agency`,
/// with the server, the browser, the period and task the report was written on, and how many
/// changes it holds.
async fn busy_laptop(agency: &str) -> (Server, Browser, tiendo_core::history::Field, usize) {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let so_y_te = "so-y-te".parse().expect("id");
    let (mut doc, field) = tiendo_core::synthetic_busy::busy_report(&parsed.plan, &registry, &so_y_te, 2000)
        .expect("busy")
        .expect("tasks");
    let changes = doc.get_changes_meta(&[]).len();
    let server = Server::start();
    let b = Browser::start().await;
    b.start_demo(&server.url, agency).await;
    seed(&b, &[(reports_doc_id(&parsed.plan.id, &so_y_te), doc.save())]).await;
    (server, b, field, changes)
}

/// Opens a history with `toggle` [`RUNS`] times, each until more than 100 `items` are shown, then
/// closes it; the app's times named `name`, sorted, and how many items were shown.
async fn open_history_runs(b: &Browser, toggle: &str, items: &str, name: &str) -> (Vec<f64>, u64) {
    b.wait_count(toggle, 1).await;
    let count = format!("return document.querySelectorAll({items:?}).length");
    let (mut times, mut shown) = (Vec::new(), 0);
    for _ in 0..RUNS {
        b.click(toggle).await;
        b.wait_js(&format!("{count} > 100")).await;
        shown = b.client.execute(&count, vec![]).await.ok().and_then(|v| v.as_u64()).unwrap_or(0);
        times.push(app_time(b, name).await);
        b.click(toggle).await;
        b.wait_count(items, 0).await;
    }
    times.sort_by(f64::total_cmp);
    (times, shown)
}

/// Prints the time to read one task's history in a report of 2,000 changes.
pub async fn field_history() {
    let (server, b, field, changes) = busy_laptop("so-y-te").await;
    let task = field.place.task().expect("a task's field").to_string();
    b.client.goto(&format!("{}/report/{}", server.url, field.period)).await.expect("report");
    let toggle = format!("[data-task-report='{task}'] .history-toggle");
    let items = format!("[data-task-report='{task}'] li[data-history-part]");
    let (times, shown) = open_history_runs(&b, &toggle, &items, "history").await;
    println!(
        "one task's history in Chromium, a report of {changes} changes ({shown} entries for the task), {RUNS} runs: median {:.0} ms, max {:.0} ms  (budget 100 ms)",
        times[RUNS / 2],
        times[RUNS - 1]
    );
    b.close().await;
}

/// Prints the time the office's review page takes to read the history of a whole period (every
/// field of it) in an agency's report of 2,000 changes.
pub async fn review_history() {
    let (server, b, field, changes) = busy_laptop("vp-ubnd").await;
    b.client.goto(&format!("{}/office/report/so-y-te/{}", server.url, field.period)).await.expect("review");
    let items = "#review-history li[data-history-part]";
    let (times, shown) = open_history_runs(&b, "#review-history-toggle", items, "review-history").await;
    println!(
        "the office's review of a period, its whole history in Chromium, a report of {changes} changes ({shown} entries), {RUNS} runs: median {:.0} ms, max {:.0} ms",
        times[RUNS / 2],
        times[RUNS - 1]
    );
    b.close().await;
}

/// Prints the office's conflict scan of what it holds: just after a province-year's import
/// (every document loaded), then on opening the app again (what was found is kept).
pub async fn conflict_scan(server: &Server, b: &Browser) {
    let scanned = "return (window.tiendoTimes || {})['conflict-scan-docs'] > 0";
    b.wait_js(scanned).await;
    let (ms, docs) = (app_time(b, "conflict-scan").await, app_time(b, "conflict-scan-docs").await);
    println!("office's conflict scan in Chromium after the import: {docs:.0} report documents loaded and scanned in {ms:.0} ms (the page yields between documents)");
    let mut times = Vec::new();
    for _ in 0..RUNS {
        b.client.goto(&format!("{}/conflicts", server.url)).await.expect("conflicts");
        b.wait_js("return (window.tiendoTimes || {})['conflict-scan'] !== undefined").await;
        times.push(app_time(b, "conflict-scan").await);
    }
    times.sort_by(f64::total_cmp);
    let loaded = app_time(b, "conflict-scan-docs").await;
    println!(
        "  on opening the app again ({loaded:.0} documents loaded), {RUNS} runs: median {:.0} ms, max {:.0} ms  (budget 200 ms)",
        times[RUNS / 2],
        times[RUNS - 1]
    );
}
