//! A workspace with last year's plan and this year's: once the office adds the 2026 plan, a
//! joined laptop offers both in the top bar (one line still), opens the one chosen, and each
//! plan keeps its own reports.

use tiendo_e2e::{Browser, Server};

const ONLINE: &str = "#sync-state[data-state='online'][data-unconfirmed='0']";
const RESULTS: &str = "#task-6\\.3-results";

#[tokio::test]
async fn a_laptop_switches_between_last_years_plan_and_this_years_and_each_keeps_its_reports() {
    let mut server = Server::start();
    let b = Browser::start().await;
    b.join(&server.url, &server.code("so-y-te")).await;
    b.client.goto(&format!("{}/report/2020-Q1", server.url)).await.expect("report");
    b.wait_count(RESULTS, 1).await;
    b.type_into(RESULTS, "Quý I năm 2020: đã tiêm chủng 95%.").await;
    b.wait_count("#save-state[data-state='saved']", 1).await;
    b.wait_count(ONLINE, 1).await;
    assert!(b.client.find(fantoccini::Locator::Id("plan-select")).await.is_err(), "one plan: no selector");

    // The office adds this year's plan.
    server.stop();
    let text = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crates/core/tests/plans/communes_2026.txt");
    server.cli(&["plan", "add", text.to_str().expect("utf8")]);
    let plans: Vec<serde_json::Value> = serde_json::from_str(&server.cli(&["plan", "list", "--json"])).expect("json");
    let new = format!("plan.{}", plans[1]["id"].as_str().expect("id"));
    server.restart();

    b.wait_count("#plan-select option", 2).await;
    assert_eq!(b.value("#plan-select").await, "plan.01-qd-ubnd-2020", "the plan open stays open");
    let height =
        b.client.execute("return document.querySelector('.app-header').offsetHeight", vec![]).await.expect("h");
    assert!(height.as_i64().expect("px") <= 56, "the top bar is {height} px high");

    // Choosing a plan loads Home afresh with it.
    b.select_and_wait_reload("#plan-select", &new, "#home-agency").await;
    b.wait_js(&format!("return document.getElementById('plan-select')?.value === {new:?}")).await;
    b.wait_js("return document.querySelector('.home-page').textContent.includes('2026')").await;

    // Back to last year's: what was typed there is there.
    b.select_and_wait_reload("#plan-select", "plan.01-qd-ubnd-2020", "#home-agency").await;
    b.wait_js("return document.getElementById('plan-select')?.value === 'plan.01-qd-ubnd-2020'").await;
    b.client.goto(&format!("{}/report/2020-Q1", server.url)).await.expect("report");
    b.wait_value(RESULTS, "Quý I năm 2020: đã tiêm chủng 95%.").await;
    b.close().await;
}

#[tokio::test]
async fn next_years_plan_copied_by_the_office_shows_each_unfinished_task_as_carried_over() {
    let mut server = Server::start();
    server.stop();
    let text =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crates/core/tests/plans/table_tabs_2026.txt");
    server.cli(&["plan", "add", text.to_str().expect("utf8")]);
    let said = server.cli(&["plan", "copy", "--number", "05/QĐ-UBND", "--date", "12/01/2027"]);
    assert!(said.contains("nhiệm vụ chuyển tiếp"), "{said}");
    server.restart();

    let b = Browser::start().await;
    b.join(&server.url, &server.code("so-tu-phap")).await;
    b.wait_count("#plan-select option", 3).await;
    assert_eq!(b.value("#plan-select").await, "plan.05-qd-ubnd-2027", "a new laptop opens the newest plan");
    // Sở Tư pháp's review of legal documents (Quý II/2026) was not reported done: it comes again.
    b.wait_js("return document.querySelector('.home-page')?.textContent.includes('chuyển tiếp từ năm 2026')").await;
    b.client.goto(&format!("{}/plan", server.url)).await.expect("plan");
    b.wait_js("return document.querySelectorAll('.task-carried').length > 0").await;
    let said = b.text(".task-carried").await;
    assert!(said.contains("năm 2026 chưa hoàn thành"), "{said}");
    b.close().await;
}
