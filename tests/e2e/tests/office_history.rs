//! What the office and the agency see of a report's record beyond the editor: two laptops of Sở
//! Y tế set a task's status differently while the server was away; the agency's Home marks the
//! period, its history says which changes came from the server; the office, joining later, finds
//! the conflict in its list of every agency's conflicts and on the review page (marked, with
//! no pick: the report is the agency's), with the report's history.

use tiendo_e2e::{Browser, Server};

const STATUS: &str = "#task-6\\.3-status";
const RESULTS: &str = "#task-6\\.3-results";
const TASK: &str = "[data-task-report='6.3']";
const ONLINE: &str = "#sync-state[data-state='online'][data-unconfirmed='0']";

async fn open_q1(b: &Browser, url: &str) {
    b.client.goto(&format!("{url}/report/2020-Q1")).await.expect("report");
    b.wait_count(RESULTS, 1).await;
}

#[tokio::test]
async fn the_office_finds_an_agencys_conflict_in_its_list_and_on_the_review_page_with_the_reports_history() {
    let mut server = Server::start();
    let (a, b) = (Browser::start().await, Browser::start().await);
    a.join(&server.url, &server.code("so-y-te")).await;
    b.join(&server.url, &server.code("so-y-te")).await;
    open_q1(&a, &server.url).await;
    open_q1(&b, &server.url).await;
    a.wait_count(ONLINE, 1).await;
    b.wait_count(ONLINE, 1).await;

    server.stop();
    a.wait_count("#sync-state[data-state='offline']", 1).await;
    b.wait_count("#sync-state[data-state='offline']", 1).await;
    a.select(STATUS, "done_on_time").await;
    b.select(STATUS, "in_progress").await;
    b.type_into(RESULTS, "Đã khám cho 500 người.").await;
    a.wait_count("#save-state[data-state='saved']", 1).await;
    b.wait_count("#save-state[data-state='saved']", 1).await;
    a.wait_js("return document.querySelector('#sync-state').textContent.includes('chờ máy chủ xác nhận')").await;
    b.wait_js("return document.querySelector('#sync-state').textContent.includes('chờ máy chủ xác nhận')").await;
    server.restart();
    a.wait_count(ONLINE, 1).await;
    b.wait_count(ONLINE, 1).await;
    a.wait_count(&format!("{TASK} .conflict[data-conflict='status']"), 1).await;

    // A's history says that B's changes came from the server.
    a.click(&format!("{TASK} .history-toggle")).await;
    a.wait_js(&format!(
        "return [...document.querySelectorAll(\"{TASK} li[data-history-part='results']\")].some(l => l.textContent.includes('nhận qua máy chủ lúc'))"
    ))
    .await;
    // A's Home marks the period.
    a.client.goto(&format!("{}/", server.url)).await.expect("home");
    a.wait_count("[data-home-conflicts='2020-Q1']", 1).await;
    assert_eq!(a.text("[data-home-conflicts='2020-Q1']").await, "1 xung đột");
    b.close().await;

    // The office joins: its list holds every agency's conflicts, each a link to the review.
    let office = Browser::start().await;
    office.join(&server.url, &server.code("vp-ubnd")).await;
    office.wait_count(ONLINE, 1).await;
    office.wait_js("return document.getElementById('conflict-count')?.textContent.trim() === '1 xung đột'").await;
    office.click("#conflict-count").await;
    office.wait_count("#conflicts-others li[data-conflict-agency='so-y-te']", 1).await;
    let item = office.text("#conflicts-others li").await;
    assert!(item.starts_with("Sở Y tế: Quý I/2020, nhiệm vụ 6.3: 2 giá trị khác nhau"), "{item}");
    office.click("#conflicts-others li a").await;
    office.wait_count("#review-conflicts .conflict[data-conflict='status']", 1).await;
    let mark = office.text("#review-conflicts").await;
    assert!(mark.contains("Hoàn thành") && mark.contains("Đang thực hiện"), "both values: {mark}");
    office.wait_count("#review-conflicts button", 0).await;
    // The report's history: every change of the period, with the laptops' times.
    office.click("#review-history-toggle").await;
    office.wait_js("return document.querySelectorAll('#review-history li[data-history-part]').length >= 3").await;
    let history = office.text("#review-history").await;
    assert!(
        history.contains("Nhiệm vụ 6.3 — Tình trạng") && history.contains("thêm “Đã khám cho 500 người.”"),
        "{history}"
    );

    // The agency settles it; the office's list empties.
    a.client.goto(&format!("{}/report/2020-Q1", server.url)).await.expect("report");
    let marked = format!("{TASK} .conflict[data-conflict='status']");
    a.wait_count(&marked, 1).await;
    a.click(&format!("{marked} li:first-child .pick")).await;
    a.wait_count(&marked, 0).await;
    a.wait_count(ONLINE, 1).await;
    office.wait_count("#review-conflicts", 0).await;
    // The review was drawn again with the agency's change; its history stays open.
    office.wait_count("#review-history", 1).await;
    office.wait_count("#conflict-count", 0).await;
    a.close().await;
    office.close().await;
}
