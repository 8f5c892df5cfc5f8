//! Two laptops of Sở Y tế join the real server with an access code, write the same report,
//! lose the server, keep writing, and find both laptops' words on both once it is back.

use std::time::Duration;
use tiendo_e2e::{Browser, Server};

const GENERAL: &str = "#general-results";
const TASK_RESULTS: &str = "#task-6\\.3-results";

async fn join(b: &Browser, url: &str, code: &str) {
    b.join(url, code).await;
    assert_eq!(b.text("#home-agency").await, "Sở Y tế");
}

/// Waits until the indicator says `state` and nothing waits for the server.
async fn wait_sync(b: &Browser, state: &str) {
    let script = format!(
        "const s = document.querySelector('#sync-state'); \
         return !!s && s.dataset.state === '{state}' && s.dataset.unconfirmed === '0';"
    );
    let started = std::time::Instant::now();
    loop {
        let ok = b.client.execute(&script, vec![]).await.ok().and_then(|v| v.as_bool()).unwrap_or(false);
        if ok {
            return;
        }
        let now = b.client.execute("return document.querySelector('#sync-state')?.textContent", vec![]).await;
        assert!(started.elapsed() < Duration::from_secs(60), "never {state}: {now:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn open_q1(b: &Browser, url: &str) {
    b.client.goto(&format!("{url}/report/2020-Q1")).await.expect("report");
    b.wait_count(GENERAL, 1).await;
}

#[tokio::test]
async fn two_laptops_of_one_agency_merge_their_offline_edits_when_the_server_returns() {
    let mut server = Server::start();
    let a = Browser::start().await;
    let b = Browser::start().await;
    join(&a, &server.url, &server.code("so-y-te")).await;
    // A second laptop of the same agency, with a code issued later (the first is revoked: it
    // has joined already).
    join(&b, &server.url, &server.code("so-y-te")).await;
    open_q1(&a, &server.url).await;
    open_q1(&b, &server.url).await;

    // Online: each sees the other's words.
    a.type_into(GENERAL, "Laptop A trực tuyến.").await;
    b.type_into(TASK_RESULTS, "Laptop B trực tuyến.").await;
    wait_sync(&a, "online").await;
    wait_sync(&b, "online").await;
    b.wait_value_within(GENERAL, "Laptop A trực tuyến.", Duration::from_secs(20)).await;
    a.wait_value_within(TASK_RESULTS, "Laptop B trực tuyến.", Duration::from_secs(20)).await;

    // The server goes away; both keep writing the same field.
    server.stop();
    a.wait_count("#sync-state[data-state='offline']", 1).await;
    b.wait_count("#sync-state[data-state='offline']", 1).await;
    a.type_into(GENERAL, " Thêm từ A.").await;
    b.type_into(GENERAL, " Thêm từ B.").await;
    a.wait_count("#save-state[data-state='saved']", 1).await;
    b.wait_count("#save-state[data-state='saved']", 1).await;
    // Saved as a draft at once; the change the server has to confirm is closed once typing
    // settles (5 s).
    a.wait_js("return document.querySelector('#sync-state').textContent.includes('chờ máy chủ xác nhận')").await;

    // It comes back: both reconnect by themselves and end with the same text, holding both.
    server.restart();
    wait_sync(&a, "online").await;
    wait_sync(&b, "online").await;
    let both = "const v = document.querySelector('#general-results').value; \
                return v.includes('Thêm từ A.') && v.includes('Thêm từ B.') && v.startsWith('Laptop A trực tuyến.');";
    a.wait_js(both).await;
    b.wait_js(both).await;
    assert_eq!(a.value(GENERAL).await, b.value(GENERAL).await);
    assert_eq!(a.value(TASK_RESULTS).await, "Laptop B trực tuyến.");

    // And a reload offline-first still has it all.
    a.client.refresh().await.expect("reload");
    a.wait_value(TASK_RESULTS, "Laptop B trực tuyến.").await;
    a.close().await;
    b.close().await;
}
