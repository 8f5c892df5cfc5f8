//! The report editor's small fields, as a clerk uses them: a percentage, a target's figure and its
//! date are kept when the page is reloaded right after typing (no leaving the field first);
//! figures read and show the Vietnamese way; what is not a number is kept and said so.

use tiendo_e2e::{Browser, Server};

/// Sở Kế hoạch và Đầu tư leads 3.3 (550–600 new enterprises) and 4.1 (public investment ≥ 90%).
const PERCENT: &str = "#task-3\\.3-percent";
const FIGURE: &str = "[id='target-4.1/t1']";
const DATE: &str = "[id='target-4.1/t1-date']";
const ENTERPRISES: &str = "[id='target-3.3/t1']";

async fn open_q1_report_as_planning_department(b: &Browser, url: &str) {
    b.client.goto(url).await.expect("open");
    b.wait_count("#start-agency", 1).await;
    b.select("#start-agency", "so-khdt").await;
    b.click("#start-demo").await;
    b.wait_count("#home-agency", 1).await;
    b.client.goto(&format!("{url}/report/2020-Q1")).await.expect("report");
    b.wait_count(PERCENT, 1).await;
}

#[tokio::test]
async fn a_percentage_a_figure_and_its_date_reloaded_right_after_typing_are_kept() {
    let server = Server::start();
    let b = Browser::start().await;
    open_q1_report_as_planning_department(&b, &server.url).await;
    b.type_into(PERCENT, "30").await;
    b.type_into(FIGURE, "7,25").await;
    b.type_into(DATE, "31/03/2020").await;
    b.type_into("#general-results", "Giải ngân đạt 7,25%.").await;
    // No leaving the field, no waiting for "Đã lưu": reload at once.
    b.client.refresh().await.expect("reload");
    b.wait_value(PERCENT, "30").await;
    b.wait_value(FIGURE, "7,25").await;
    b.wait_value(DATE, "31/03/2020").await;
    b.wait_value("#general-results", "Giải ngân đạt 7,25%.").await;
    // The office's view of the figure is Vietnamese too, and nothing nudges a demo laptop about
    // changes "only here for 20788 days" (changes carry the laptop's clock).
    b.click("a[href='/']").await;
    b.wait_count("#home-agency", 1).await;
    assert_eq!(b.client.find_all(fantoccini::Locator::Css("#local-nudge")).await.expect("nudge").len(), 0);
    b.close().await;
}

#[tokio::test]
async fn a_figure_that_is_not_a_number_is_kept_and_said_so_and_units_show_once() {
    let server = Server::start();
    let b = Browser::start().await;
    open_q1_report_as_planning_department(&b, &server.url).await;
    let label = b.text("label[for='target-3.3/t1']").await;
    assert!(label.contains("từ 550 đến 600 doanh nghiệp") && !label.contains("doanh nghiệpdoanh"), "{label}");
    let percent_label = b.text("label[for='target-3.4/t1']").await;
    assert!(!percent_label.contains("%%"), "{percent_label}");

    b.type_into(ENTERPRISES, "khoảng 12").await;
    b.wait_js("return document.querySelector(\"[id='target-3.3/t1-hint']\").textContent.includes('Không hiểu')").await;
    b.wait_count("#save-state[data-state='saved']", 1).await;
    b.client.refresh().await.expect("reload");
    b.wait_value(ENTERPRISES, "khoảng 12").await;
    let hint = b.text("[id='target-3.3/t1-hint']").await;
    assert!(hint.contains("Không hiểu “khoảng 12”"), "{hint}");
    b.close().await;
}
