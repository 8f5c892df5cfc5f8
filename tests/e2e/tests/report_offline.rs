//! A district officer's quarter: choose the agency, write part of a report, and find it again
//! after a reload, with the server gone, and after the browser was killed.

use fantoccini::Locator;
use std::time::Duration;
use tiendo_e2e::{Browser, Server};

const GENERAL: &str = "#general-results";
const TASK_RESULTS: &str = "#task-6\\.3-results";

/// First run: the demo workspace as `agency`, landing on Home.
async fn start_as(b: &Browser, url: &str, agency: &str) {
    // A first visit lands on the first-run choice.
    b.start_demo(url, agency).await;
}

/// First run: the demo workspace as Sở Y tế, then the Quý I report.
async fn start_as_health_department(b: &Browser, url: &str) {
    start_as(b, url, "so-y-te").await;
    assert_eq!(b.text("#home-agency").await, "Sở Y tế");
    assert!(b.text("#my-task-count").await.contains("6 chủ trì"), "{}", b.text("#my-task-count").await);
    b.click("tr[data-home-period='2020-Q1'] a").await;
    b.wait_count(GENERAL, 1).await;
}

/// First run as Văn phòng UBND tỉnh (which leads tasks 1.1, 8.4 and 9.2): its Q1 report filled
/// in whole, with the sender's name, ready to send.
async fn fill_office_q1(b: &Browser, url: &str) {
    start_as(b, url, "vp-ubnd").await;
    b.client.goto(&format!("{url}/report/2020-Q1")).await.expect("report");
    b.wait_count(GENERAL, 1).await;
    b.type_into(GENERAL, "Hoàn thành các nhiệm vụ quý I.").await;
    for task in ["1\\.1", "8\\.4", "9\\.2"] {
        b.select(&format!("#task-{task}-status"), "in_progress").await;
        b.type_into(&format!("#task-{task}-results"), "Đang triển khai theo kế hoạch.").await;
    }
    b.type_into("#submitter", "Nguyễn Văn An").await;
}

async fn wait_saved(b: &Browser) {
    b.wait_count("#save-state[data-state='saved']", 1).await;
}

#[tokio::test]
async fn a_report_typed_after_choosing_an_agency_is_there_after_a_reload_and_with_the_server_gone() {
    let mut server = Server::start();
    let b = Browser::start().await;
    start_as_health_department(&b, &server.url).await;
    b.type_into(GENERAL, "Quý I: tiêm chủng mở rộng đạt 95%.").await;
    b.type_into(TASK_RESULTS, "Đã kiểm soát dịch sốt xuất huyết.").await;
    b.select("#task-6\\.3-status", "in_progress").await;
    wait_saved(&b).await;
    // Submitting with parts missing lists them and records nothing.
    b.click("#submit-report").await;
    b.wait_count(".missing", 1).await;
    assert!(b.text(".missing").await.contains("Chưa nhập họ và tên người gửi"));
    assert_eq!(b.text("#report-state").await, "Đang soạn");

    b.client.refresh().await.expect("reload");
    b.wait_value(GENERAL, "Quý I: tiêm chủng mở rộng đạt 95%.").await;
    b.wait_value(TASK_RESULTS, "Đã kiểm soát dịch sốt xuất huyết.").await;
    assert_eq!(b.value("#task-6\\.3-status").await, "in_progress");

    // The service worker has the shell; then the server goes away.
    b.wait_cached(".wasm").await;
    server.stop();
    b.client.goto(&format!("{}/report/2020-Q1", server.url)).await.expect("open offline");
    b.wait_value(GENERAL, "Quý I: tiêm chủng mở rộng đạt 95%.").await;
    b.wait_value(TASK_RESULTS, "Đã kiểm soát dịch sốt xuất huyết.").await;
    // And typing offline still saves.
    b.type_into(GENERAL, " Không có mạng.").await;
    wait_saved(&b).await;
    b.client.refresh().await.expect("reload offline");
    b.wait_value(GENERAL, "Quý I: tiêm chủng mở rộng đạt 95%. Không có mạng.").await;
    b.close().await;
}

#[tokio::test]
async fn killing_the_browser_right_after_typing_loses_at_most_the_last_second() {
    let server = Server::start();
    let profile = tempfile::tempdir().expect("profile");
    let b = Browser::start_with_profile(profile.path()).await;
    start_as_health_department(&b, &server.url).await;
    // Local storage (the first-run choice) is committed by Chromium within seconds; the
    // report itself goes to IndexedDB within one.
    tokio::time::sleep(Duration::from_secs(6)).await;
    let typed = "Báo cáo quý I đã hoàn thành phần chung.";
    b.type_into(GENERAL, typed).await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    b.kill_hard();

    let b = Browser::start_with_profile(profile.path()).await;
    b.client.goto(&format!("{}/report/2020-Q1", server.url)).await.expect("reopen");
    b.wait_value(GENERAL, typed).await;
    b.close().await;
}

#[tokio::test]
async fn two_tabs_on_the_same_report_see_each_others_edits() {
    let server = Server::start();
    let b = Browser::start().await;
    start_as_health_department(&b, &server.url).await;
    let first = b.client.window().await.expect("window");
    let second = b.client.new_window(true).await.expect("new tab");
    b.client.switch_to_window(second.handle).await.expect("switch");
    b.client.goto(&format!("{}/report/2020-Q1", server.url)).await.expect("open");
    b.wait_count(GENERAL, 1).await;
    b.type_into(TASK_RESULTS, "Từ thẻ thứ hai.").await;
    wait_saved(&b).await;
    b.client.switch_to_window(first).await.expect("back");
    b.wait_value(TASK_RESULTS, "Từ thẻ thứ hai.").await;
    b.type_into(GENERAL, "Từ thẻ thứ nhất.").await;
    wait_saved(&b).await;
    b.client.refresh().await.expect("reload");
    b.wait_value(GENERAL, "Từ thẻ thứ nhất.").await;
    b.wait_value(TASK_RESULTS, "Từ thẻ thứ hai.").await;
    b.close().await;
}

#[tokio::test]
async fn the_plan_filters_by_the_status_my_agency_reported() {
    let server = Server::start();
    let b = Browser::start().await;
    start_as_health_department(&b, &server.url).await;
    b.select("#task-6\\.3-status", "done_on_time").await;
    wait_saved(&b).await;
    b.click("a[href='/plan']").await;
    b.wait_count("[data-task]", 37).await;
    b.select("#status-filter", "done_on_time").await;
    b.wait_count("[data-task]", 1).await;
    assert_eq!(
        b.client
            .find(Locator::Css("[data-task]"))
            .await
            .expect("task")
            .attr("data-task")
            .await
            .expect("attr")
            .as_deref(),
        Some("6.3")
    );
    b.select("#agency-filter", "so-y-te").await;
    b.select("#status-filter", "none").await;
    b.wait_count("[data-task]", 5).await;
    b.close().await;
}

#[tokio::test]
async fn a_new_version_is_announced_and_applied_only_when_the_user_reloads() {
    // A copy of the built app that this test can "deploy" a new version into.
    let dist = tiendo_e2e::dist_copy(&[]);
    let server = Server::start_serving(dist.path());
    let b = Browser::start().await;
    start_as_health_department(&b, &server.url).await;
    b.wait_js("return navigator.serviceWorker.controller !== null").await;
    b.type_into(GENERAL, "Đang viết dở.").await;
    wait_saved(&b).await;

    // Deploy: the page changes. The worker is asked to look, as the app does every 15 minutes.
    let index = dist.path().join("index.html");
    let html = std::fs::read_to_string(&index).expect("index");
    std::fs::write(&index, html.replace("<title>", "<!-- v2 --><title>")).expect("deploy");
    b.client
        .execute("navigator.serviceWorker.controller.postMessage('tiendo:check'); return true", vec![])
        .await
        .expect("check");
    b.wait_count("#apply-update", 1).await;
    // Nothing was reloaded under the user's hands.
    assert_eq!(b.value(GENERAL).await, "Đang viết dở.");
    b.click("#apply-update").await;
    b.wait_value(GENERAL, "Đang viết dở.").await;
    // The reload brought the new page.
    b.wait_js("return document.documentElement.outerHTML.includes('<!-- v2 -->')").await;
    b.close().await;
}

#[tokio::test]
async fn a_complete_report_is_submitted_and_home_shows_it_submitted_and_how_late() {
    let server = Server::start();
    let b = Browser::start().await;
    fill_office_q1(&b, &server.url).await;
    b.click("#submit-report").await;
    b.wait_count("#submitted-at", 1).await;
    assert_eq!(b.text("#report-state").await, "Đã gửi");
    assert!(b.text("#submitted-at").await.contains("Nguyễn Văn An"));
    assert_eq!(b.client.find_all(Locator::Css(".missing")).await.expect("none").len(), 0);
    wait_saved(&b).await;
    b.client.refresh().await.expect("reload");
    b.wait_count("#submitted-at", 1).await;
    b.click("a[href='/']").await;
    b.wait_count("tr[data-home-period='2020-Q1']", 1).await;
    let row = b.text("tr[data-home-period='2020-Q1']").await;
    // Submitted on the demo's day (05/08/2020), after 10/03/2020: late, judged by submission time.
    assert!(row.contains("Đã gửi") && row.contains("Nộp trễ"), "{row}");
    b.close().await;
}

#[tokio::test]
async fn a_report_sent_and_reloaded_at_once_is_still_sent_after_the_reload() {
    let server = Server::start();
    let b = Browser::start().await;
    fill_office_q1(&b, &server.url).await;
    // "Gửi" and the page gone in the same moment: the engine may not have taken the submission.
    b.client
        .execute("document.querySelector('#submit-report').click(); location.reload();", vec![])
        .await
        .expect("send and reload");
    b.wait_count("#submitted-at", 1).await;
    assert_eq!(b.text("#report-state").await, "Đã gửi");
    assert!(b.text("#submitted-at").await.contains("Nguyễn Văn An"));
    b.close().await;
}
