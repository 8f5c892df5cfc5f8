//! The first visit on a slow line, as Chrome DevTools emulates one (1.6 Mbps down, 750 kbps up,
//! 150 ms round trip): when the start screen (the start module's) is interactive, when the app is
//! ready offline (the service worker holds the page, the full module and the engine), and what a
//! repeat visit fetches.

use tiendo_e2e::{Browser, Server};

/// Milliseconds since the page's navigation began, once `script` (a JS expression) holds.
const AT_WHEN: &str = "const cond = new Function('return (async () => (' + arguments[0] + '))()'); \
    const done = arguments[arguments.length - 1]; \
    (async () => { for (;;) { if (await cond()) return done(performance.now()); \
    await new Promise(r => setTimeout(r, 50)); } })();";

async fn at_when(b: &Browser, condition: &str) -> f64 {
    b.client
        .execute_async(AT_WHEN, vec![serde_json::Value::String(condition.into())])
        .await
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(-1.0)
}

/// Prints the slow line's numbers.
pub async fn slow_line() {
    let server = Server::start();
    let b = Browser::start().await;
    b.cdp("Network.enable", serde_json::json!({})).await;
    let line = serde_json::json!({
        "offline": false,
        "latency": 150,
        "downloadThroughput": 1_600_000 / 8,
        "uploadThroughput": 750_000 / 8,
    });
    b.cdp("Network.emulateNetworkConditions", line).await;
    b.client.goto(&server.url).await.expect("first visit");
    // Interactive: the start screen drawn by the start module, its controls live.
    let start = at_when(&b, "!!document.querySelector('#start-demo') && !!document.querySelector('#join-code')").await;
    let offline = at_when(
        &b,
        "navigator.serviceWorker.controller !== null && caches.open('tiendo-shell-v1').then(c => c.keys()) \
         .then(k => ['tiendo-engine', 'tiendo-app'].every(m => k.some(r => r.url.includes(m) && r.url.endsWith('.wasm'))))",
    )
    .await;
    let first = fetched(&b).await;
    // The emulation slows what the page fetches; the service worker's own fetches (the full
    // module and the engine, cached in the background) are not slowed by it, so the time to
    // offline is also given as what their bytes take on this line after the page's.
    let later = later_bytes();
    let later_ms = (first + later) * 8.0 / 1_600.0;
    println!(
        "first visit on a slow line (1.6 Mbps down, 750 kbps up, 150 ms RTT): start screen interactive at {start:.0} ms \
         (budget 2500 ms), {:.0} KB fetched by the page; ready offline (both modules and the engine cached) at \
         {offline:.0} ms as measured, at least {later_ms:.0} ms on this line with the full module's and the engine's \
         {:.0} KB (budget 10000 ms)",
        first / 1024.0,
        later / 1024.0
    );
    b.client.refresh().await.expect("repeat visit");
    at_when(&b, "!!document.querySelector('#start-demo')").await;
    println!(
        "repeat visit: {:.0} bytes fetched over the network besides the page's revalidation  (budget 0)",
        fetched_besides_page(&b).await
    );
    b.close().await;
}

/// The full module's and the engine's files as the server sends them (brotli), bytes.
fn later_bytes() -> f64 {
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist");
    let Ok(entries) = std::fs::read_dir(dist) else { return 0.0 };
    entries
        .filter_map(Result::ok)
        .filter(|e| ["tiendo-engine", "tiendo-app"].iter().any(|m| e.file_name().to_string_lossy().starts_with(m)))
        .filter(|e| e.file_name().to_string_lossy().ends_with(".br"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len() as f64)
        .sum()
}

/// Bytes this page load fetched over the network (the page and every resource).
async fn fetched(b: &Browser) -> f64 {
    let js = "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')) \
              .reduce((n, e) => n + (e.transferSize || 0), 0)";
    b.client.execute(js, vec![]).await.ok().and_then(|v| v.as_f64()).unwrap_or(-1.0)
}

/// The same, leaving out the page itself (revalidated on every visit).
async fn fetched_besides_page(b: &Browser) -> f64 {
    let js = "return performance.getEntriesByType('resource').reduce((n, e) => n + (e.transferSize || 0), 0)";
    b.client.execute(js, vec![]).await.ok().and_then(|v| v.as_f64()).unwrap_or(-1.0)
}
