//! The office's views in Chromium, on the laptop that has just imported a province-year: time
//! to the timeliness board, to the compiled province's report, and to its .docx.

use std::time::Instant;
use tiendo_e2e::{Browser, Server};

/// The board opened anew: as WebDriver sees it (page load included), and in the page from the
/// app's start (`tiendo:start`) to the board on screen (`tiendo:board`).
async fn timed_board(server: &Server, b: &Browser) -> (u128, f64, String) {
    let t = Instant::now();
    b.client.goto(&format!("{}/office", server.url)).await.expect("board");
    b.wait_js("return document.querySelectorAll('#board td[data-state]').length > 100").await;
    let seen = t.elapsed().as_millis();
    b.wait_js("return performance.getEntriesByName('tiendo:board').length > 0").await;
    let js =
        "const m = n => performance.getEntriesByName(n)[0].startTime; return m('tiendo:board') - m('tiendo:start')";
    let in_page = b.client.execute(js, vec![]).await.ok().and_then(|v| v.as_f64()).unwrap_or(-1.0);
    // Where the time went, from the app's start: the engine open, every agency's reports read,
    // the view made (the engine's marks, as the page heard them), the board drawn.
    let stages = "const at = n => { const e = performance.getEntriesByName(n)[0]; return e ? Math.round(e.startTime - \
        performance.getEntriesByName('tiendo:start')[0].startTime) + ' ms' : '—'; }; \
        return ['tiendo:opened', 'tiendo:office-workspace', 'tiendo:office-reports', 'tiendo:office-read', 'tiendo:office-made', 'tiendo:board'] \
        .map(n => n.slice(7) + ' ' + at(n)).join(', ')";
    let stages =
        b.client.execute(stages, vec![]).await.ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    (seen, in_page, stages)
}

/// Prints the office's numbers; the province's report is compiled for `period`.
pub async fn office_views(server: &Server, b: &Browser, period: &str) {
    let (cold, cold_in_page, stages) = timed_board(server, b).await;
    let (warm, warm_in_page, _) = timed_board(server, b).await;
    let cells = b
        .client
        .execute("return document.querySelectorAll('#board td[data-state]').length", vec![])
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    println!(
        "office board in Chromium ({cells} cells): app started → board on screen {cold_in_page:.0} ms, again {warm_in_page:.0} ms  (budget 300 ms); with the page load as WebDriver sees it {cold} ms, {warm} ms\n  stages of the first: {stages}"
    );
    let t = Instant::now();
    b.client.goto(&format!("{}/office/compile/{period}", server.url)).await.expect("compile");
    b.wait_js(
        "return !!document.querySelector('#letter') && document.querySelectorAll('#letter .nd30-para').length > 50",
    )
    .await;
    let compile_ms = t.elapsed().as_millis();
    b.client.execute(crate::LONG_TASKS, vec![]).await.expect("observer");
    let t = Instant::now();
    b.click("#pr-docx").await;
    let path = b.wait_download("_TINH.docx").await;
    let docx_ms = t.elapsed().as_millis();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let long = b.client.execute("return window.__long", vec![]).await.expect("long tasks");
    let long: Vec<f64> = long.as_array().map(|a| a.iter().filter_map(|v| v.as_f64()).collect()).unwrap_or_default();
    println!(
        "province's report {period} in Chromium: compiled and shown {compile_ms} ms (page load included); .docx {} KB written in {docx_ms} ms, {} main-thread tasks over 50 ms meanwhile (longest {:.0} ms)",
        size / 1024,
        long.len(),
        long.iter().copied().fold(0.0, f64::max)
    );
}
