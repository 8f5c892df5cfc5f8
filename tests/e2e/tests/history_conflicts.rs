//! A task's history in the report editor, with an earlier value restored as a new change; and
//! two laptops of one agency that set a task's status differently while the server was away
//! both see the conflict once it is back, and one pick clears it on both.

use std::time::Duration;
use tiendo_e2e::{Browser, Server};

const STATUS: &str = "#task-6\\.3-status";
const RESULTS: &str = "#task-6\\.3-results";
const TASK: &str = "[data-task-report='6.3']";

async fn open_q1(b: &Browser, url: &str) {
    b.client.goto(&format!("{url}/report/2020-Q1")).await.expect("report");
    b.wait_count(RESULTS, 1).await;
}

async fn wait_online(b: &Browser) {
    b.wait_count("#sync-state[data-state='online'][data-unconfirmed='0']", 1).await;
}

#[tokio::test]
async fn a_tasks_history_lists_each_change_newest_first_and_restores_an_earlier_value_as_a_new_change() {
    let server = Server::start();
    let b = Browser::start().await;
    b.join(&server.url, &server.code("so-y-te")).await;
    open_q1(&b, &server.url).await;
    b.select(STATUS, "in_progress").await;
    b.type_into(RESULTS, "Đã khám cho 500 người.").await;
    b.wait_count("#save-state[data-state='saved']", 1).await;
    // Changes close once typing settles; then the next ones are separate changes.
    tokio::time::sleep(Duration::from_secs(6)).await;
    b.select(STATUS, "done_on_time").await;
    b.wait_count("#save-state[data-state='saved']", 1).await;
    tokio::time::sleep(Duration::from_secs(6)).await;

    b.click(&format!("{TASK} .history-toggle")).await;
    b.wait_js(&format!("return document.querySelectorAll(\"{TASK} li[data-history-part='status']\").length === 2"))
        .await;
    let newest = b.text(&format!("{TASK} .history li[data-history-part]")).await;
    assert!(newest.contains("Đang thực hiện, trong hạn → Hoàn thành đúng hạn"), "newest first: {newest}");
    // When, by the laptop's clock in Vietnam's time, and by whom (this laptop joined unnamed:
    // its agency).
    assert!(
        newest.len() > 16 && newest.as_bytes()[2] == b'/' && newest.as_bytes()[13] == b':',
        "dd/mm/yyyy hh:mm first: {newest}"
    );
    assert!(newest.contains("Sở Y tế"), "{newest}");
    assert!(b.text(&format!("{TASK} li[data-history-part='results']")).await.contains("thêm “Đã khám cho 500 người.”"));
    // Restore the first status: a new change on top, and the history grows by one.
    b.click(&format!("{TASK} li[data-history-part='status']:last-of-type .restore")).await;
    b.wait_value(STATUS, "in_progress").await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    b.wait_js(&format!("return document.querySelectorAll(\"{TASK} li[data-history-part='status']\").length === 3"))
        .await;
    b.close().await;
}

#[tokio::test]
async fn two_laptops_that_set_a_status_differently_offline_both_see_the_conflict_and_one_pick_clears_it() {
    let mut server = Server::start();
    let a = Browser::start().await;
    let b = Browser::start().await;
    a.join(&server.url, &server.code("so-y-te")).await;
    b.join(&server.url, &server.code("so-y-te")).await;
    open_q1(&a, &server.url).await;
    open_q1(&b, &server.url).await;
    wait_online(&a).await;
    wait_online(&b).await;

    server.stop();
    a.wait_count("#sync-state[data-state='offline']", 1).await;
    b.wait_count("#sync-state[data-state='offline']", 1).await;
    a.select(STATUS, "done_on_time").await;
    b.select(STATUS, "in_progress").await;
    a.type_into(RESULTS, "Bản của máy A.").await;
    b.type_into(RESULTS, "Bản của máy B.").await;
    a.wait_count("#save-state[data-state='saved']", 1).await;
    b.wait_count("#save-state[data-state='saved']", 1).await;
    a.wait_js("return document.querySelector('#sync-state').textContent.includes('chờ máy chủ xác nhận')").await;
    b.wait_js("return document.querySelector('#sync-state').textContent.includes('chờ máy chủ xác nhận')").await;

    server.restart();
    wait_online(&a).await;
    wait_online(&b).await;
    let marked = format!("{TASK} .conflict[data-conflict='status']");
    a.wait_count(&marked, 1).await;
    b.wait_count(&marked, 1).await;
    // The top bar counts them: a status to pick and a text to read again.
    a.wait_js("return document.getElementById('conflict-count')?.textContent.trim() === '2 xung đột'").await;
    let said = a.text(&marked).await;
    assert!(said.contains("Hoàn thành") && said.contains("Đang thực hiện"), "both values shown: {said}");
    // Laptop B keeps A's value; the mark clears on both once that change has synced.
    let pick = b
        .client
        .execute(
            &format!(
                "const li = [...document.querySelectorAll(\"{marked} li\")].find(l => l.textContent.includes('Hoàn thành')); \
                 li.querySelector('button').click(); return true"
            ),
            vec![],
        )
        .await
        .expect("pick");
    assert_eq!(pick, true);
    b.wait_count(&marked, 0).await;
    b.wait_value(STATUS, "done_on_time").await;
    wait_online(&b).await;
    a.wait_count(&marked, 0).await;
    a.wait_value(STATUS, "done_on_time").await;

    // The results text was written on both: each side's version beside the merged text, until
    // this laptop marks it as read.
    let text = format!("{TASK} .conflict[data-conflict-text='results']");
    a.wait_count(&text, 1).await;
    b.wait_count(&text, 1).await;
    let said = a.text(&text).await;
    assert!(said.contains("sửa đồng thời trên 2 máy"), "{said}");
    assert!(said.contains("Bản của máy A.") && said.contains("Bản của máy B."), "both versions: {said}");
    a.click(&format!("{text} .seen")).await;
    a.wait_count(&text, 0).await;
    a.wait_count("#conflict-count", 0).await;
    b.wait_count(&text, 1).await;
    // B has not read it: its list of conflicts leads to the field.
    b.wait_js("return document.getElementById('conflict-count')?.textContent.trim() === '1 xung đột'").await;
    b.click("#conflict-count").await;
    b.wait_count("li[data-conflict-item]", 1).await;
    assert!(b.text("li[data-conflict-item]").await.contains("Quý I/2020, nhiệm vụ 6.3: sửa đồng thời trên 2 máy"));
    b.click("li[data-conflict-item] a").await;
    b.wait_count(&text, 1).await;
    a.close().await;
    b.close().await;
}
