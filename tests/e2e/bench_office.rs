//! The office's views in Chromium, on the laptop that has just imported a province-year: time
//! to the timeliness board, to the compiled province's report, and to its .docx.

use std::time::Instant;
use tiendo_e2e::{Browser, Server};

async fn timed_board(server: &Server, b: &Browser) -> u128 {
    let t = Instant::now();
    b.client.goto(&format!("{}/office", server.url)).await.expect("board");
    b.wait_js("return document.querySelectorAll('#board td[data-state]').length > 100").await;
    t.elapsed().as_millis()
}

/// Prints the office's numbers.
pub async fn office_views(server: &Server, b: &Browser) {
    let cold = timed_board(server, b).await;
    let warm = timed_board(server, b).await;
    let cells = b
        .client
        .execute("return document.querySelectorAll('#board td[data-state]').length", vec![])
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    println!("office board in Chromium ({cells} cells, page load included): first {cold} ms, again {warm} ms");
    let t = Instant::now();
    b.client.goto(&format!("{}/office/compile/2020-Q1", server.url)).await.expect("compile");
    b.wait_js(
        "return !!document.querySelector('#letter') && document.querySelectorAll('#letter .nd30-para').length > 50",
    )
    .await;
    let compile_ms = t.elapsed().as_millis();
    let t = Instant::now();
    b.click("#pr-docx").await;
    let path = b.wait_download("_TINH.docx").await;
    let docx_ms = t.elapsed().as_millis();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "province's report Q1 in Chromium: compiled and shown {compile_ms} ms (page load included); .docx {} KB written in {docx_ms} ms",
        size / 1024
    );
}
