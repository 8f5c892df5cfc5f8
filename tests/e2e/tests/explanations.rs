//! The office asks Sở Y tế to explain its overdue quarterly report from the board; the agency's
//! laptop sees the request on Home and on that report, answers it, and the board shows the
//! answer — each side writing only its own document.

use tiendo_e2e::{Browser, Server};

const ONLINE: &str = "#sync-state[data-state='online'][data-unconfirmed='0']";

#[tokio::test]
async fn the_office_asks_for_an_explanation_of_an_overdue_report_and_reads_the_agencys_answer_on_the_board() {
    let server = Server::start();
    let (office, agency) = (Browser::start().await, Browser::start().await);
    office.join(&server.url, &server.code("vp-ubnd")).await;
    agency.join(&server.url, &server.code("so-y-te")).await;
    office.client.goto(&format!("{}/office", server.url)).await.expect("board");
    office.wait_count("#board tbody tr", 35).await;
    office.wait_js("return (document.getElementById('explain-board')?.textContent || '').includes('Chưa có yêu cầu giải trình nào.')").await;

    office.click("tr[data-agency='so-y-te'] td[data-period='2020-Q1'] button").await;
    office.wait_count("#unsent-panel", 1).await;
    office.click("#explain-ask").await;
    office.wait_js("return document.getElementById('explain-said')?.getAttribute('role') === 'alert'").await;
    office.type_into("#explain-question", "Đề nghị giải trình lý do chưa nộp báo cáo quý I.").await;
    office.click("#explain-ask").await;
    office
        .wait_js("return document.getElementById('explain-said')?.textContent === 'Đã gửi yêu cầu giải trình.'")
        .await;
    office.wait_count("#explain-board li[data-explain-agency='so-y-te']", 1).await;
    // Read in one go: the list is drawn again as the answers are read.
    office
        .wait_js("return (document.querySelector('#explain-board li')?.textContent || '').includes('chưa trả lời')")
        .await;
    office.wait_count(ONLINE, 1).await;

    // The agency is told on Home, and answers on the report of that quarter.
    agency.client.goto(&format!("{}/", server.url)).await.expect("home");
    agency.wait_count("#explain-open li", 1).await;
    let open = agency.text("#explain-open").await;
    assert!(open.contains("Quý I/2020") && open.contains("lý do chưa nộp báo cáo quý I"), "{open}");
    agency.click("#explain-open a").await;
    agency.wait_count("#explain .explain-request", 1).await;
    assert!(agency.text("#explain").await.contains("Văn phòng UBND tỉnh yêu cầu giải trình về báo cáo kỳ này"));
    agency.type_into("#explain textarea", "Do chờ số liệu tiêm chủng của các huyện;").await;
    // The tab goes away before the answer is sent: what was typed is there again.
    agency.client.refresh().await.expect("reload");
    agency.wait_value("#explain textarea", "Do chờ số liệu tiêm chủng của các huyện;").await;
    agency.type_into("#explain textarea", " sẽ nộp trước 20/03.").await;
    agency.click("#explain .explain-send").await;
    agency.wait_count("#explain .answered", 1).await;
    agency.wait_count(ONLINE, 1).await;
    agency.client.goto(&format!("{}/", server.url)).await.expect("home");
    agency.wait_count("#home-agency", 1).await;
    agency.wait_count("#explain-open", 0).await;

    office.wait_js(
        "return (document.querySelector('#explain-board li .explain-answer')?.textContent || '').includes('Do chờ số liệu tiêm chủng')",
    )
    .await;
    office.close().await;
    agency.close().await;
}
