//! A large sync file (many agencies' filled reports, relayed by another office laptop) is checked
//! on the page's worker threads: a copy with one document's bytes swapped for another's is
//! refused whole, in Vietnamese, and the good file then imports every report, with the server
//! gone (the workers' script comes from the service worker's cache). Workers that cannot start
//! leave the check to the page.

use std::time::Duration;
use tiendo_core::file::{self, DeviceKey, DEFAULT_MAX_BYTES};
use tiendo_e2e::{Browser, Server};

/// How many agencies' reports the file carries: enough for a file the page checks on workers.
const AGENCIES: usize = 14;

/// A file of [`AGENCIES`] agencies' reports relayed by an office laptop, and its key; and a
/// browser of the office that joined `server` and has the files page open.
async fn office_with_large_file(server: &Server) -> (Browser, Vec<u8>, DeviceKey) {
    let (registry, _) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let office = registry.provincial_office().expect("office").id.clone();
    let agencies: Vec<_> =
        registry.agencies.iter().map(|a| a.id.clone()).filter(|a| *a != office).take(AGENCIES).collect();
    let (file, office_key) = tiendo_e2e::sync_files::relayed_file(server, &agencies, 25).await;
    assert!(file.len() > 64 * 1024, "{} bytes: too small for the workers", file.len());
    let b = Browser::start().await;
    b.join(&server.url, &server.code(office.as_str())).await;
    b.wait_count("#sync-state[data-state='online']", 1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    b.client.goto(&format!("{}/files", server.url)).await.expect("files");
    b.wait_count("#import-file", 1).await;
    (b, file, office_key)
}

/// Whether the page set the performance mark `tiendo:file:<name>`.
async fn marked(b: &Browser, name: &str) -> bool {
    let js = format!("return performance.getEntriesByName('tiendo:file:{name}').length > 0;");
    b.client.execute(&js, vec![]).await.expect("marks") == serde_json::json!(true)
}

/// Waits for the preview of every agency's report, imports, and finds them all imported.
async fn import_every_report(b: &Browser) {
    b.wait_count("#file-preview li[data-doc^='reports.']", AGENCIES).await;
    b.click("#file-apply").await;
    b.wait_count("#file-result", 1).await;
    let result = b.text("#file-result").await;
    assert!(result.contains(&format!("Đã nhập {AGENCIES} tài liệu")), "{result}");
}

#[tokio::test]
async fn a_large_file_is_checked_on_workers_refused_whole_for_one_foreign_document_and_imported_offline() {
    let mut server = Server::start();
    let (b, good, office_key) = office_with_large_file(&server).await;
    // The last report's bytes replaced by the first one's (its heads too), signed again.
    let env = file::read(&good, DEFAULT_MAX_BYTES).expect("read");
    let (mut manifest, mut docs) = (env.manifest.clone(), env.docs.clone());
    let first = manifest.docs.iter().position(|d| d.id.starts_with("reports.")).expect("a report");
    let last = manifest.docs.len() - 1;
    assert_ne!(first, last);
    docs[last] = docs[first].clone();
    manifest.docs[last].heads = manifest.docs[first].heads.clone();
    let foreign = file::write_raw(manifest, &docs, &office_key);
    let dir = tempfile::tempdir().expect("tmp");
    let (good_path, foreign_path) = (dir.path().join("VP_tot.tiendo"), dir.path().join("VP_la.tiendo"));
    std::fs::write(&good_path, &good).expect("write");
    std::fs::write(&foreign_path, &foreign).expect("write");

    b.choose_file("#import-file", &foreign_path).await;
    b.wait_count("#file-error", 1).await;
    let error = b.text("#file-error").await;
    assert!(error.contains("không đúng tài liệu"), "{error}");
    assert!(marked(&b, "workers").await);
    // The next file on the same page goes to the fresh workers started after that check.
    b.choose_file("#import-file", &good_path).await;
    b.wait_count("#file-apply", 1).await;
    let checks = "return performance.getEntriesByName('tiendo:file:workers').length;";
    assert_eq!(b.client.execute(checks, vec![]).await.expect("marks"), serde_json::json!(2));
    b.wait_count("#file-preview li[data-doc^='reports.']", AGENCIES).await;

    // No connection from here on: the app, its module and the workers' script come from the
    // service worker's cache.
    b.wait_cached("/check-worker.js").await;
    server.stop();
    b.client.goto(&format!("{}/files", server.url)).await.expect("open offline");
    b.wait_count("#import-file", 1).await;
    b.choose_file("#import-file", &good_path).await;
    b.wait_count("#file-apply", 1).await;
    assert!(marked(&b, "workers").await);
    assert!(!marked(&b, "workers-unavailable").await);
    // Nothing of the refused copy was stored: every report is new to this laptop.
    import_every_report(&b).await;
    b.close().await;
}

#[tokio::test]
async fn a_large_file_is_checked_on_the_page_when_the_workers_cannot_start() {
    // A deployment whose workers' script is missing: every worker fails as it starts, seconds
    // before the file is chosen.
    let dist = tiendo_e2e::dist_copy(&["check-worker.js"]);
    let server = Server::start_serving(dist.path());
    let (b, file, _) = office_with_large_file(&server).await;
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("VP_tot.tiendo");
    std::fs::write(&path, &file).expect("write");
    tokio::time::sleep(Duration::from_millis(500)).await;

    b.choose_file("#import-file", &path).await;
    b.wait_count("#file-apply", 1).await;
    assert!(marked(&b, "workers").await);
    assert!(marked(&b, "workers-unavailable").await);
    import_every_report(&b).await;
    b.close().await;
}
