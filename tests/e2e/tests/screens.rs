//! Screens a clerk and the office work in all day, at 1366×768: the top bar is one line for
//! every role and marks exactly one current item; a skip link leads the keyboard to the
//! content; a task's card opens its page, which says where the task sits and leads to the
//! report. Against the real server, in headless Chromium.

use fantoccini::Locator;
use serde_json::Value;
use tiendo_e2e::{Browser, Server};

/// The layout facts of the top bar on the page shown now.
async fn top_bar(b: &Browser) -> Value {
    b.client
        .execute(
            "const h = document.querySelector('header.app-header');
             const tops = [...h.querySelectorAll('.main-nav a, .header-actions > *, .brand-name')]
               .filter(e => e.offsetParent !== null)
               .map(e => e.getBoundingClientRect())
               .map(r => Math.round(r.top + r.height / 2));
             const current = sel => [...document.querySelectorAll(sel + ' [aria-current=page]')].map(a => a.id);
             return { height: h.offsetHeight, middles: tops,
                      current: current('.main-nav'), tabs: current('.sub-nav'),
                      scroll: document.documentElement.scrollWidth - window.innerWidth };",
            vec![],
        )
        .await
        .expect("measure")
}

/// Opens `path` and checks the bar: one line, no sideways scroll, `main` current in the main
/// menu and `tab` (if any) in the office's tabs.
async fn check(b: &Browser, url: &str, path: &str, main: &str, tab: Option<&str>) {
    b.client.goto(&format!("{url}{path}")).await.expect("open");
    b.wait_js("return document.querySelectorAll('.main-nav [aria-current=page]').length === 1").await;
    if tab.is_some() {
        // Board, targets, league, agencies.
        b.wait_count(".sub-nav a", 4).await;
    }
    let bar = top_bar(b).await;
    let height = bar["height"].as_i64().expect("height");
    assert!(height <= 56, "{path}: the top bar is {height} px high, more than one line: {bar}");
    let middles: Vec<i64> = bar["middles"].as_array().expect("middles").iter().filter_map(Value::as_i64).collect();
    let (low, high) = (middles.iter().min().expect("items"), middles.iter().max().expect("items"));
    assert!(high - low <= 6, "{path}: the top bar's items are not on one line: {bar}");
    assert_eq!(bar["current"], serde_json::json!([main]), "{path}: {bar}");
    if let Some(tab) = tab {
        assert_eq!(bar["tabs"], serde_json::json!([tab]), "{path}: {bar}");
    }
    assert!(bar["scroll"].as_i64().expect("scroll") <= 0, "{path}: the page scrolls sideways: {bar}");
}

#[tokio::test]
async fn the_top_bar_is_one_line_at_1366_px_for_an_agency_and_the_office_and_marks_exactly_one_current_item() {
    let server = Server::start();
    let agency = Browser::start().await;
    agency.join(&server.url, &server.code("so-khdt")).await;
    for (path, main) in [
        ("/", "nav-home"),
        ("/plan", "nav-plan"),
        ("/task/6.3", "nav-plan"),
        ("/plan/import", "nav-import"),
        ("/report/2020-Q1", "nav-home"),
        ("/files", "nav-files"),
        ("/settings", "nav-settings"),
    ] {
        check(&agency, &server.url, path, main, None).await;
    }
    assert!(agency.client.find(Locator::Id("nav-office")).await.is_err(), "an agency has no office item");
    agency.close().await;

    let office = Browser::start().await;
    office.join(&server.url, &server.code("vp-ubnd")).await;
    check(&office, &server.url, "/", "nav-home", None).await;
    check(&office, &server.url, "/office", "nav-office", Some("nav-board")).await;
    check(&office, &server.url, "/office/targets", "nav-office", Some("nav-targets")).await;
    check(&office, &server.url, "/office/report/so-y-te/2020-Q1", "nav-office", Some("nav-board")).await;
    check(&office, &server.url, "/office/compile/2020-Q1", "nav-office", Some("nav-board")).await;
    check(&office, &server.url, "/office/league", "nav-office", Some("nav-league")).await;
    check(&office, &server.url, "/office/agencies", "nav-office", Some("nav-agencies")).await;
    check(&office, &server.url, "/plan", "nav-plan", None).await;
    check(&office, &server.url, "/settings", "nav-settings", None).await;
    office.close().await;
}

#[tokio::test]
async fn the_first_tab_stop_is_a_skip_link_that_takes_the_keyboard_to_the_content() {
    let server = Server::start();
    let b = Browser::start().await;
    b.join(&server.url, &server.code("so-y-te")).await;
    b.client.goto(&format!("{}/plan", server.url)).await.expect("open");
    b.wait_count("[data-task]", 37).await;
    let body = b.client.find(Locator::Css("body")).await.expect("body");
    body.send_keys("\u{E004}").await.expect("tab");
    let focused = b.client.execute("return document.activeElement.id", vec![]).await.expect("focus");
    assert_eq!(focused, "skip-link", "the first Tab reaches the skip link");
    let visible = b
        .client
        .execute("const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.height > 0", vec![])
        .await
        .expect("visible");
    assert_eq!(visible, true, "the focused skip link is on screen");
    let link = b.client.find(Locator::Id("skip-link")).await.expect("link");
    link.send_keys("\u{E007}").await.expect("enter");
    b.wait_js("return document.activeElement.id === 'main'").await;
    assert!(b.client.current_url().await.expect("url").path().ends_with("/plan"), "the page stays");
    b.close().await;
}

#[tokio::test]
async fn a_task_card_opens_its_page_which_shows_its_section_no_report_yet_and_leads_to_this_periods_report() {
    let server = Server::start();
    let b = Browser::start().await;
    b.join(&server.url, &server.code("so-y-te")).await;
    b.client.goto(&format!("{}/plan", server.url)).await.expect("open");
    b.wait_count("[data-task]", 37).await;
    b.click("#task-6\\.3 .task-number a").await;
    b.wait_count("#task-section", 1).await;
    assert!(b.client.current_url().await.expect("url").path().ends_with("/task/6.3"));
    let section = b.text("#task-section").await;
    assert!(section.starts_with("6. ") && section.contains("văn hóa, xã hội"), "{section}");
    assert_eq!(b.text("#task-no-report").await, "Chưa có báo cáo");
    // The plan's periods are all past: this period is the last one Sở Y tế reports for.
    let write = b.text("#write-report").await;
    assert_eq!(write, "Viết báo cáo kỳ này (Quý IV/2020)");
    b.click("#write-report").await;
    b.wait_count("[data-task-report='6.3']", 1).await;
    assert!(b.client.current_url().await.expect("url").path().ends_with("/report/2020-Q4"));
    b.wait_js(
        "const r = document.getElementById('task-report-6.3').getBoundingClientRect(); \
         return r.top >= 0 && r.top < window.innerHeight / 2",
    )
    .await;
    // A task not given to Sở Y tế has no such button; back leads to the task in the plan.
    b.client.goto(&format!("{}/task/2.1", server.url)).await.expect("open");
    b.wait_count("#task-section", 1).await;
    assert!(b.client.find(Locator::Id("write-report")).await.is_err(), "task 2.1 is not Sở Y tế's");
    b.click("#back-to-plan").await;
    b.wait_count("[data-task]", 37).await;
    assert!(b.client.current_url().await.expect("url").path().ends_with("/plan"));
    b.close().await;
}
