//! The accessibility audit (axe-core, loaded from disk) on every page, for an agency and for the
//! provincial office: no violation of impact serious or critical.

use tiendo_e2e::{Browser, Server};

/// Opens `path`, waits for `ready` (a selector the page shows once drawn), and audits it; the
/// violations found are added to `found`, each with the page's path.
async fn audit(b: &Browser, url: &str, path: &str, ready: &str, found: &mut Vec<String>) {
    b.client.goto(&format!("{url}{path}")).await.expect("open");
    b.wait_js(&format!("return document.querySelector({ready:?}) !== null")).await;
    for v in b.axe_serious().await {
        found.push(format!("{path}: {v}"));
    }
}

/// First run in the demo as `agency`, landing on Home.
async fn start_demo(b: &Browser, url: &str, agency: &str, found: &mut Vec<String>) {
    audit(b, url, "/start", "#start-agency", found).await;
    b.select("#start-agency", agency).await;
    b.click("#start-demo").await;
    b.wait_count("#home-agency", 1).await;
}

#[tokio::test]
async fn every_page_of_an_agency_has_no_serious_or_critical_accessibility_violation() {
    let server = Server::start();
    let b = Browser::start().await;
    let mut found = Vec::new();
    start_demo(&b, &server.url, "so-y-te", &mut found).await;
    for (path, ready) in [
        ("/", "#home-agency"),
        ("/plan", "[data-task]"),
        ("/task/6.3", "[data-task='6.3']"),
        ("/report/2020-Q1", "#general-results"),
        ("/files", "#import-file"),
        ("/plan/import", "#import-text"),
        ("/settings", "#settings-lang"),
        ("/conflicts", ".conflicts-page"),
    ] {
        audit(&b, &server.url, path, ready, &mut found).await;
    }
    b.close().await;
    assert!(found.is_empty(), "accessibility violations:\n{}", found.join("\n"));
}

#[tokio::test]
async fn every_page_of_the_provincial_office_has_no_serious_or_critical_accessibility_violation() {
    let server = Server::start();
    let b = Browser::start().await;
    let mut found = Vec::new();
    start_demo(&b, &server.url, "vp-ubnd", &mut found).await;
    for (path, ready) in [
        ("/office", "#board"),
        ("/office/targets", "#targets"),
        ("/office/report/so-y-te/2020-Q1", "#letter"),
        ("/office/compile/2020-Q1", "#pr-summary"),
        ("/office/league", "#league"),
        ("/office/agencies", "#agencies"),
        ("/conflicts", ".conflicts-page"),
        ("/", "#home-agency"),
    ] {
        audit(&b, &server.url, path, ready, &mut found).await;
    }
    b.close().await;
    assert!(found.is_empty(), "accessibility violations:\n{}", found.join("\n"));
}
