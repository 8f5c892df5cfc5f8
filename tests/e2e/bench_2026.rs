//! The 2026 province in Chromium against the real server (issue 19's scale): 150 agencies (14
//! departments, 10 other bodies, 126 communes), every one's reports of the year filled by its
//! own laptop. Prints: the province-year file imported by an office laptop; the board, the
//! province's report and its .docx there; the server taking the same file, then an office
//! laptop's full sync from an empty browser; a commune's Home; memory of page and server.

use std::time::{Duration, Instant};
use tiendo_core::synthetic_2026::ProvinceSize;
use tiendo_e2e::sync_files::{relayed_file_of, Province};
use tiendo_e2e::{root, Browser, Server};

const RUNS: usize = 7;

/// Board cells that name a report (sent, or started): links to the report.
const REPORT_CELLS: &str = "return document.querySelectorAll('#board td[data-state] a').length";

/// The page's and its engine's memory: the WASM linear memory of the three modules and the page's
/// JS heap, in MB.
async fn memory_mb(b: &Browser) -> (f64, f64) {
    let read = |js: &'static str| {
        let client = b.client.clone();
        async move { client.execute(js, vec![]).await.ok().and_then(|v| v.as_f64()).unwrap_or(0.0) / 1e6 }
    };
    (b.wasm_memory_bytes().await / 1e6, read("return performance.memory ? performance.memory.usedJSHeapSize : 0").await)
}

async fn report_cells(b: &Browser) -> u64 {
    b.client.execute(REPORT_CELLS, vec![]).await.ok().and_then(|v| v.as_u64()).unwrap_or(0)
}

/// Runs the whole 2026 bench.
pub async fn province_2026() {
    let province = Province::of(ProvinceSize::Province2026);
    let burst = tiendo_core::synthetic::burst_from_env();
    let dist = std::env::var_os("TIENDO_DIST").map(std::path::PathBuf::from).unwrap_or_else(|| root().join("dist"));
    let mut server = Server::start_on(&dist, province.lay_out());
    let agencies: Vec<_> = province.registry.agencies.iter().map(|a| a.id.clone()).collect();
    let made = Instant::now();
    let (bytes, _) = relayed_file_of(&server, &province, &agencies, burst).await;
    println!(
        "2026 province-year ({}): {} agencies' reports, file {} KB, made in {:.1} s",
        ProvinceSize::Province2026.label(),
        agencies.len(),
        bytes.len() / 1024,
        made.elapsed().as_secs_f64()
    );
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("VPUBND_2026-12-01_0900.tiendo");
    std::fs::write(&path, &bytes).expect("write");
    let office = province.registry.provincial_office().expect("office").id.clone();
    let q1 = province.plan.schedule.iter().find(|p| p.id.as_str().ends_with("-Q1")).expect("Q1").id.to_string();

    // An office laptop imports the file, then opens the board and the province's report.
    let b = Browser::start().await;
    b.join(&server.url, &server.code(office.as_str())).await;
    b.wait_count("#sync-state[data-state='online']", 1).await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let what = format!("{burst} characters per change, {} reports", agencies.len());
    crate::import_file(&b, &server, &path, &what).await;
    crate::bench_office::office_views(&server, &b, &q1).await;
    b.client.goto(&format!("{}/office", server.url)).await.expect("board");
    b.wait_js("return document.querySelectorAll('#board td[data-state] a').length > 0").await;
    let cells = report_cells(&b).await;
    let (wasm, heap) = memory_mb(&b).await;
    println!("memory of the office laptop after the import: WASM (page and engine) {wasm:.1} MB + JS heap {heap:.1} MB = {:.1} MB  (budget 150 MB)", wasm + heap);
    b.close().await;

    // The server takes the same file; an office laptop syncs everything from an empty browser.
    server.stop();
    let said = server.cli(&["file", "import", path.to_str().expect("utf8")]);
    assert!(!said.is_empty(), "the server took the file");
    server.restart();
    let full = Browser::start().await;
    let started = Instant::now();
    full.join(&server.url, &server.code(office.as_str())).await;
    full.client.goto(&format!("{}/office", server.url)).await.expect("board");
    let deadline = Instant::now() + Duration::from_secs(180);
    while report_cells(&full).await < cells {
        assert!(Instant::now() < deadline, "the full sync did not finish in 180 s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let synced = started.elapsed().as_secs_f64();
    full.wait_count("#sync-state[data-state='online'][data-unconfirmed='0']", 1).await;
    let (wasm, heap) = memory_mb(&full).await;
    println!(
        "office laptop's full sync from an empty browser on the loopback (join included) until the board shows all {cells} reports: {synced:.1} s  (budget 30 s); memory then WASM (page and engine) {wasm:.1} MB + JS heap {heap:.1} MB = {:.1} MB",
        wasm + heap
    );
    println!(
        "server resident memory holding the 2026 province-year, after the full sync: {:.0} MB  (budget 300 MB)",
        server.rss_kb().unwrap_or(0) as f64 / 1024.0
    );
    full.close().await;

    // A commune's laptop: Home with its year of reports.
    let commune = province.registry.agencies.iter().rev().find(|a| a.kind == tiendo_core::model::AgencyKind::Commune);
    let commune = commune.expect("a commune").id.clone();
    let b = Browser::start().await;
    b.join(&server.url, &server.code(commune.as_str())).await;
    b.wait_count("#sync-state[data-state='online'][data-unconfirmed='0']", 1).await;
    let mut times = Vec::new();
    for _ in 0..RUNS {
        b.client.goto(&server.url).await.expect("home");
        b.wait_js("return performance.getEntriesByName('tiendo:home').length > 0").await;
        let t = b.client.execute("return performance.getEntriesByName('tiendo:home')[0].startTime", vec![]).await;
        times.push(t.ok().and_then(|v| v.as_f64()).unwrap_or(f64::NAN));
    }
    times.sort_by(f64::total_cmp);
    let (wasm, heap) = memory_mb(&b).await;
    println!(
        "navigation → interactive Home ({commune}, its year of reports held), {RUNS} runs: median {:.0} ms, min {:.0} ms, max {:.0} ms  (budget 300 ms); memory WASM (page and engine) {wasm:.1} MB + JS heap {heap:.1} MB",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
    b.close().await;
}
