//! The demo shows the product at work (the other agencies' sample reports as of a labelled
//! "today" in the plan's year, my own report empty), and a clerk can do the whole round with
//! the keyboard alone: start, choose the agency, open the report, fill it, send it.

use fantoccini::Locator;
use tiendo_e2e::{Browser, Server};

/// The element with focus now.
async fn focused(b: &Browser) -> String {
    let id = b
        .client
        .execute("return document.activeElement.id || document.activeElement.getAttribute('href') || ''", vec![])
        .await;
    id.ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Presses a key on whatever has focus.
async fn press(b: &Browser, key: &str) {
    b.client.active_element().await.expect("focus").send_keys(key).await.expect("key");
}

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const DOWN: &str = "\u{E015}";

/// Tabs forward until `target` (an id, or a link's href) has focus.
async fn tab_to(b: &Browser, target: &str) {
    for _ in 0..200 {
        if focused(b).await == target {
            return;
        }
        press(b, TAB).await;
    }
    panic!("Tab never reached {target}");
}

#[tokio::test]
async fn the_demo_shows_sample_reports_of_the_other_agencies_as_of_a_labelled_day_and_my_report_empty() {
    let server = Server::start();
    let office = Browser::start().await;
    office.start_demo(&server.url, "vp-ubnd").await;
    office.wait_count("#demo-banner", 1).await;
    assert!(office.text("#demo-banner").await.contains("05/08/2020"), "{}", office.text("#demo-banner").await);
    office.client.goto(&format!("{}/office", server.url)).await.expect("board");
    office.wait_count("#board tbody tr", 35).await;
    for state in ["on-time", "late", "missing", "not-yet-due"] {
        let n = office
            .client
            .find_all(Locator::Css(&format!("#board td[data-state='{state}']")))
            .await
            .expect("cells")
            .len();
        assert!(n > 0, "the demo board shows no '{state}' cell");
    }
    // As of the demo's day, Q1 is long due and Q3 is not; the day reads as Vietnamese documents
    // write it, whatever the browser's language (this one's is English).
    assert_eq!(office.value("#board-as-of").await, "05/08/2020");
    // The office's task page shows what every agency reported on the task.
    office.client.goto(&format!("{}/task/6.3", server.url)).await.expect("task");
    office
        .wait_js("return document.querySelectorAll('#task-reports tr[data-task-agency=\"Sở Y tế\"]').length > 0")
        .await;
    office.close().await;

    let clerk = Browser::start().await;
    clerk.start_demo(&server.url, "so-tai-chinh").await;
    clerk.wait_count("tr[data-home-period='2020-Q3']", 1).await;
    assert!(clerk.text("tr[data-home-period='2020-Q3']").await.contains("Chưa bắt đầu"), "my own report starts empty");
    clerk.close().await;
}

#[tokio::test]
async fn a_clerk_starts_opens_fills_and_sends_a_report_with_the_keyboard_alone() {
    let server = Server::start();
    let b = Browser::start().await;
    b.client.goto(&server.url).await.expect("open");
    b.wait_count("#start-agency", 1).await;
    // Choose Sở Y tế in the list by typing its name, as a keyboard user does in a select.
    tab_to(&b, "start-agency").await;
    press(&b, "Sở Y tế").await;
    b.wait_value("#start-agency", "so-y-te").await;
    tab_to(&b, "start-demo").await;
    press(&b, ENTER).await;
    b.wait_count("#home-agency", 1).await;
    tab_to(&b, "/report/2020-Q3").await;
    press(&b, ENTER).await;
    b.wait_count("#general-results", 1).await;

    tab_to(&b, "general-results").await;
    press(&b, "Quý III: các chỉ tiêu y tế đạt kế hoạch.").await;
    let tasks: Vec<String> = {
        let mut ids = Vec::new();
        for e in b.client.find_all(Locator::Css("[data-task-report]")).await.expect("tasks") {
            ids.push(e.attr("data-task-report").await.expect("attr").unwrap_or_default());
        }
        ids
    };
    assert_eq!(tasks.len(), 6);
    for task in &tasks {
        tab_to(&b, &format!("task-{task}-status")).await;
        press(&b, DOWN).await;
        tab_to(&b, &format!("task-{task}-results")).await;
        press(&b, "Đã triển khai.").await;
    }
    tab_to(&b, "submitter").await;
    press(&b, "Lê Thị Hoa").await;
    b.wait_js("return document.getElementById('progress-count').textContent.trim() === 'Đã điền 14/14 phần bắt buộc'")
        .await;
    tab_to(&b, "submit-report").await;
    press(&b, ENTER).await;
    b.wait_js("return document.getElementById('report-state').textContent.trim() === 'Đã gửi'").await;
    assert!(b.text("#submit-confirmation").await.starts_with("Đã gửi lúc"));
    b.close().await;
}
