//! A district merged into another: the one that goes on reads, on its own laptop, the tasks and
//! every period's report of the one that ended, as they were written there; no other agency's.

use tiendo_e2e::{Browser, Server};

const ONLINE: &str = "#sync-state[data-state='online'][data-unconfirmed='0']";
const WRITTEN: &str = "Cầu Kè: đã rà soát 12 hồ sơ trong quý I.";

#[tokio::test]
async fn the_agency_that_goes_on_reads_the_merged_agencys_tasks_and_reports() {
    let mut server = Server::start();
    let old = Browser::start().await;
    old.join(&server.url, &server.code("h-cau-ke")).await;
    old.client.goto(&format!("{}/report/2020-Q1", server.url)).await.expect("report");
    old.wait_js("return document.querySelector(\"textarea[id$='-results']\") !== null").await;
    let field =
        old.client.execute("return document.querySelector(\"textarea[id$='-results']\").id", vec![]).await.expect("id");
    let field = format!("[id='{}']", field.as_str().expect("id"));
    old.type_into(&field, WRITTEN).await;
    // Held by the server before the laptop goes (the page says "saved" and "online" before
    // the words are even written into a change).
    let started = std::time::Instant::now();
    while !server.cli(&["report", "history", "--agency", "h-cau-ke", "--period", "2020-Q1", "--json"]).contains(WRITTEN)
    {
        assert!(started.elapsed().as_secs() < 30, "the server never held Cầu Kè's words");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    old.wait_count(ONLINE, 1).await;
    old.close().await;

    server.stop();
    server.cli(&["agency", "merge", "h-cau-ke", "--into", "h-tra-cu", "--on", "2020-07-01"]);
    server.restart();

    let new = Browser::start().await;
    new.join(&server.url, &server.code("h-tra-cu")).await;
    new.wait_count("[data-merged='h-cau-ke']", 1).await;
    let card = new.text("[data-merged='h-cau-ke'] h2").await;
    assert_eq!(card, "Huyện Cầu Kè: đã sáp nhập vào đơn vị từ ngày 01/07/2020");
    assert!(new.text("[data-merged='h-cau-ke'] .my-tasks").await.contains('.'), "its tasks are listed");
    new.click("[data-merged='h-cau-ke'] [data-merged-period='2020-Q1']").await;
    new.wait_count("#merged-title", 1).await;
    assert_eq!(new.text("#merged-title").await, "Báo cáo Quý I/2020 của Huyện Cầu Kè");
    // Brought by sync from the server: what Cầu Kè's laptop wrote before the merger.
    new.wait_js(&format!("return document.querySelector('.merged-page').textContent.includes({WRITTEN:?})")).await;

    // Another agency's report is not shown here.
    new.client.goto(&format!("{}/merged/so-y-te/2020-Q1", server.url)).await.expect("other");
    new.wait_count("#merged-not-mine", 1).await;
    new.close().await;
}
