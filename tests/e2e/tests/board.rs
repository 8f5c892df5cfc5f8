//! The office's board at 1366×768: months folded into one column, the agency column and the
//! header row kept in place while it scrolls, filters by kind, state and name, a colour key,
//! overdue counts that stay readable, and a plain "chưa nộp" panel for a cell with nothing sent.

use fantoccini::Locator;
use tiendo_e2e::{Browser, Server};

async fn rows(b: &Browser) -> usize {
    b.client.find_all(Locator::Css("#board tbody tr")).await.expect("rows").len()
}

async fn js(b: &Browser, script: &str) -> serde_json::Value {
    b.client.execute(script, vec![]).await.expect("script")
}

#[tokio::test]
async fn the_office_reads_a_folded_board_that_keeps_its_names_and_header_in_view_and_filters_it() {
    let server = Server::start();
    let b = Browser::start().await;
    b.join(&server.url, &server.code("vp-ubnd")).await;
    b.client.goto(&format!("{}/office", server.url)).await.expect("open");
    b.wait_count("#board tbody tr", 35).await;
    // Twelve monthly periods are one column, until asked for.
    assert!(b.text("#board-months").await.starts_with("Các kỳ tháng (12)"));
    assert_eq!(js(&b, "return [...document.querySelectorAll('#board thead th')].filter(t => t.textContent.startsWith('Tháng')).length").await, 0);
    let width = js(&b, "return document.getElementById('board').scrollWidth").await.as_i64().expect("px");
    assert!(width < 1800, "the folded board is {width} px wide");
    assert_eq!(
        js(&b, "return document.documentElement.scrollWidth <= window.innerWidth").await,
        true,
        "the page itself does not scroll sideways"
    );

    // Today is years past the 2020 plan: overdue since a day, not "quá 2463 ngày".
    let q1 = "tr[data-agency='so-tu-phap'] td[data-period='2020-Q1']";
    assert_eq!(b.text(q1).await, "Chưa nộp (quá hạn từ 11/03/2020)");
    b.set_date("#board-as-of", "2020-03-20").await;
    b.wait_js(&format!("return document.querySelector(\"{q1}\").textContent.trim() === 'Chưa nộp (quá 10 ngày)'"))
        .await;
    // On the due day itself the report is due today, not "0 days left".
    b.set_date("#board-as-of", "2020-03-10").await;
    b.wait_js(&format!("return document.querySelector(\"{q1}\").textContent.trim() === 'Hạn nộp hôm nay'")).await;

    // Scrolled right and down, the agency names and the header row stay where they were.
    let before = js(&b, "const s = document.querySelector('.board-scroll'); const n = document.querySelector('#board tbody th'); const h = document.querySelector('#board thead th:nth-child(3)'); return [n.getBoundingClientRect().left, h.getBoundingClientRect().top]").await;
    b.click("#board-months-toggle").await;
    b.wait_js("return [...document.querySelectorAll('#board thead th')].filter(t => t.textContent.startsWith('Tháng')).length === 12").await;
    let after = js(&b, "const s = document.querySelector('.board-scroll'); s.scrollLeft = 900; s.scrollTop = 400; const n = document.querySelector('#board tbody th'); const h = document.querySelector('#board thead th:nth-child(3)'); return [n.getBoundingClientRect().left, h.getBoundingClientRect().top, s.scrollLeft, s.scrollTop]").await;
    assert!(after[2].as_f64().expect("x") > 0.0 && after[3].as_f64().expect("y") > 0.0, "the board scrolled: {after}");
    assert_eq!(before[0], after[0], "the agency column moved: {before} {after}");
    assert_eq!(before[1], after[1], "the header row moved: {before} {after}");

    // Filters: kind, name (diacritics ignored), state; the count says how many are shown.
    b.select("#board-kind", "local").await;
    b.wait_count("#board tbody tr", 9).await;
    assert_eq!(b.text("#board-count").await, "Đang hiện 9/35 cơ quan");
    b.select("#board-kind", "all").await;
    b.type_into("#board-search", "y te").await;
    b.wait_count("#board tbody tr", 1).await;
    assert!(b.text("#board tbody th").await.contains("Sở Y tế"));
    b.type_into("#board-search", "\u{E003}\u{E003}\u{E003}\u{E003}").await;
    b.wait_count("#board tbody tr", 35).await;
    b.select("#board-state", "on_time").await;
    b.wait_count("#board tbody tr", 0).await;
    b.select("#board-state", "all").await;
    assert_eq!(rows(&b).await, 35);
    // Five colours and the two review marks.
    assert_eq!(b.client.find_all(Locator::Css("#board-legend li")).await.expect("legend").len(), 7);
    assert!(b.text("#legend-returned").await.contains("chưa tính là đã nộp"));
    b.close().await;
}

#[tokio::test]
async fn a_cell_with_nothing_sent_opens_a_chua_nop_panel_instead_of_an_empty_letter() {
    let server = Server::start();
    let b = Browser::start().await;
    b.join(&server.url, &server.code("vp-ubnd")).await;
    b.client.goto(&format!("{}/office", server.url)).await.expect("open");
    b.wait_count("#board tbody tr", 35).await;
    b.click("tr[data-agency='so-y-te'] td[data-period='2020-Q1'] button").await;
    b.wait_count("#unsent-panel", 1).await;
    assert!(b.client.current_url().await.expect("url").path().ends_with("/office"), "no empty letter opened");
    assert_eq!(b.text("#unsent-title").await, "Sở Y tế — Quý I/2020");
    assert!(b.text("#unsent-said").await.contains("Hạn nộp: 10/03/2020"));
    assert_eq!(b.text("#unsent-contact").await, "Đơn vị chưa gửi báo cáo nào qua Tiến độ.");
    b.click("#unsent-close").await;
    b.wait_count("#unsent-panel", 0).await;
    b.close().await;
}
