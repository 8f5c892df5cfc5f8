//! The office pastes a decision's text and sees what the parser understood, with warnings that
//! point at their lines.

use fantoccini::Locator;
use tiendo_e2e::{root, Browser, Server};

async fn paste_and_read(b: &Browser, text: &str) {
    b.client
        .execute(
            "const a = document.getElementById('import-text'); a.value = arguments[0]; \
             a.dispatchEvent(new Event('input', { bubbles: true })); return true",
            vec![serde_json::Value::String(text.to_owned())],
        )
        .await
        .expect("paste");
    b.click("#import-read").await;
}

/// Opens the import page, as the office does from the menu.
async fn open_import(b: &Browser, server: &Server) {
    b.client.goto(&format!("{}/plan/import", server.url)).await.expect("open");
    b.wait_count("#import-text", 1).await;
}

#[tokio::test]
async fn pasting_a_decision_shows_its_plan_and_a_rough_draft_shows_each_warning_at_its_line() {
    let (server, b) = (Server::start(), Browser::start().await);
    open_import(&b, &server).await;

    paste_and_read(&b, "Không có kế hoạch nào ở đây.").await;
    b.wait_count("#import-error", 1).await;
    assert!(b.text("#import-error").await.contains("Văn bản không có kế hoạch"));

    let seed = std::fs::read_to_string(root().join("crates/core/data/tra_vinh_2020.txt")).expect("seed");
    paste_and_read(&b, &seed).await;
    b.wait_count("#import-counts", 1).await;
    assert_eq!(b.text("#import-counts").await, "10 nhóm giải pháp, 37 nhiệm vụ, 18 chỉ tiêu, 18 kỳ báo cáo");
    b.wait_count("[data-import-task]", 37).await;

    let draft = std::fs::read_to_string(root().join("crates/core/tests/plans/rough_draft_2025.txt")).expect("draft");
    paste_and_read(&b, &draft).await;
    b.wait_count("li.warning", 7).await;
    let lines: Vec<String> = {
        let mut out = Vec::new();
        for w in b.client.find_all(Locator::Css("li.warning")).await.expect("warnings") {
            out.push(w.attr("data-line").await.expect("attr").unwrap_or_default());
        }
        out
    };
    assert_eq!(lines, ["1", "1", "1", "6", "7", "8", "10"]);
    assert!(b.text("li.warning[data-line='6']").await.contains("nhiệm vụ không ghi đơn vị thực hiện"));
    // Clicking a warning selects its line in the text.
    b.click("li.warning[data-line='7'] button").await;
    let selected = b
        .client
        .execute("const a = document.getElementById('import-text'); return a.value.substring(a.selectionStart, a.selectionEnd)", vec![])
        .await
        .expect("selection");
    assert_eq!(selected.as_str(), Some("1.4. Sở Tư pháp: rà soát văn bản quy phạm pháp luật."));
    b.close().await;
}

#[tokio::test]
async fn an_imported_plan_becomes_a_workspace_and_an_amended_text_updates_it_keeping_reports() {
    let (server, b) = (Server::start(), Browser::start().await);
    open_import(&b, &server).await;
    let text = std::fs::read_to_string(root().join("crates/core/tests/plans/ben_tre_2021.txt")).expect("plan");
    paste_and_read(&b, &text).await;
    b.wait_count("#import-create", 1).await;
    b.select("#import-agency", "so-y-te").await;
    b.click("#import-create").await;
    b.wait_count("#home-agency", 1).await;
    assert_eq!(b.text("#home-agency").await, "Sở Y tế");
    b.wait_count("tr[data-home-period='2021-Q1']", 1).await;

    // Sở Y tế reports on its task II.1.
    b.client.goto(&format!("{}/report/2021-Q1", server.url)).await.expect("report");
    b.wait_count("#task-II\\.1-results", 1).await;
    b.type_into("#task-II\\.1-results", "Đã khám cho 5.000 lượt người.").await;
    b.wait_count("#save-state[data-state='saved']", 1).await;

    // The office amends the decision's text: task II.1 is reworded.
    open_import(&b, &server).await;
    let amended =
        text.replace("nâng cao chất lượng khám chữa bệnh", "nâng cao chất lượng khám, chữa bệnh và y tế cơ sở");
    paste_and_read(&b, &amended).await;
    b.wait_count("#import-create", 1).await;
    b.select("#import-agency", "so-y-te").await;
    b.click("#import-create").await;
    b.wait_count("#home-agency", 1).await;
    b.client.goto(&format!("{}/plan", server.url)).await.expect("plan");
    b.wait_count("[data-task]", 6).await;
    assert!(b.text("#task-II\\.1").await.contains("khám, chữa bệnh và y tế cơ sở"));
    b.client.goto(&format!("{}/report/2021-Q1", server.url)).await.expect("report");
    b.wait_value("#task-II\\.1-results", "Đã khám cho 5.000 lượt người.").await;
    b.close().await;
}

#[tokio::test]
async fn a_table_plans_own_deadlines_show_on_each_task_and_the_board_lists_tasks_past_them() {
    let (server, b) = (Server::start(), Browser::start().await);
    open_import(&b, &server).await;
    let text = std::fs::read_to_string(root().join("crates/core/tests/plans/table_tabs_2026.txt")).expect("plan");
    paste_and_read(&b, &text).await;
    b.wait_count("#import-create", 1).await;
    b.select("#import-agency", "vp-ubnd").await;
    b.click("#import-create").await;
    b.wait_count("#home-agency", 1).await;
    // The office leads I.2 itself: Home shows that task's own deadline.
    b.wait_count("li[data-my-task='I.2'] .task-deadline", 1).await;
    assert_eq!(b.text("li[data-my-task='I.2'] .task-deadline").await, "Thời hạn: Tháng 3/2026 (31/03/2026)");

    b.client.goto(&format!("{}/plan", server.url)).await.expect("plan");
    b.wait_count("[data-task]", 4).await;
    assert_eq!(b.text("#task-I\\.1 .task-deadline").await, "Quý II/2026 (30/06/2026)");
    assert_eq!(b.text("#task-I\\.1 .task-product").await, "Báo cáo");
    // The objectives part's figure is the plan's own target, above the sections.
    b.wait_count("#plan-goals li[data-goal]", 1).await;
    assert!(b.text("#plan-goals").await.contains("Tăng trưởng kinh tế: 8%"), "{}", b.text("#plan-goals").await);

    // On 15/07/2026 two tasks are past their deadline, the older one first; on 15/03 none is.
    b.client.goto(&format!("{}/office", server.url)).await.expect("board");
    b.wait_count("#board-as-of", 1).await;
    for (day, count) in [("2026-07-15", 2), ("2026-03-15", 0)] {
        b.set_date("#board-as-of", day).await;
        b.wait_js(&format!("return document.querySelectorAll('#overdue-tasks li').length === {count}")).await;
    }
    assert!(b.text("#overdue-tasks").await.contains("Không có nhiệm vụ nào quá thời hạn"));
    b.set_date("#board-as-of", "2026-07-15").await;
    b.wait_count("#overdue-tasks li", 2).await;
    let first = b.text("#overdue-tasks li:first-child").await;
    assert!(
        first.starts_with("I.2") && first.contains("quá 106 ngày") && first.contains("Văn phòng UBND tỉnh"),
        "{first}"
    );
    let second = b.text("#overdue-tasks li:nth-child(2)").await;
    assert!(second.contains("Quý II/2026") && second.contains("Sở Tư pháp"), "{second}");
    b.close().await;
}

#[tokio::test]
async fn agencies_a_deadline_and_a_target_corrected_in_the_preview_survive_reading_the_text_again() {
    let (server, b) = (Server::start(), Browser::start().await);
    open_import(&b, &server).await;
    let text = std::fs::read_to_string(root().join("crates/core/tests/plans/vinh_long_2026.txt")).expect("plan");
    paste_and_read(&b, &text).await;
    b.wait_count("#import-proposed input[type=checkbox]", 3).await;

    // The office does not want the bank's regional branch as an agency: task 2.3 loses its lead.
    b.client
        .execute(
            "const box = [...document.querySelectorAll('#import-proposed label')] \
               .find(l => l.textContent.includes('Ngân hàng')).querySelector('input'); box.click(); return true",
            vec![],
        )
        .await
        .expect("untick");
    b.wait_count("li[data-import-task='2.3'].no-lead", 1).await;

    // It gives 2.3 a lead from the registry and a deadline, without touching the text.
    b.click("details[data-fix-task='2.3'] summary").await;
    b.select("#fix-2-3-lead", "so-tai-chinh").await;
    b.type_into("#fix-2-3-deadline", "Quý III/2026").await;
    b.click("details[data-fix-task='2.3'] .fix-save").await;
    b.wait_count("li[data-import-task='2.3']:not(.no-lead)", 1).await;
    let row = b.text("li[data-import-task='2.3']").await;
    assert!(row.contains("Sở Tài chính") && row.contains("Quý III/2026 (30/09/2026)"), "{row}");

    // And says what target 2.1/t1 really asks for.
    b.type_into("#fix-target-2-1-t1", "từ 4% trở lên").await;
    b.click("li[data-import-target='2.1/t1'] .fix-target-save").await;
    b.wait_js(
        "return document.querySelector(\"li[data-import-target='2.1/t1'] .target-value\").textContent.includes('4%')",
    )
    .await;

    // A typo is fixed in the text and it is read again: the corrections hold.
    paste_and_read(&b, &text.replace("vận hành ổn định", "hoạt động ổn định")).await;
    b.wait_count("li[data-import-task='2.3']:not(.no-lead)", 1).await;
    assert!(b.text("li[data-import-task='2.3']").await.contains("Quý III/2026"));
    assert!(b.text("li[data-import-target='2.1/t1'] .target-value").await.contains("4%"));
    assert_eq!(b.text("#import-fix-errors").await, "");

    // The workspace made from it has them.
    b.select("#import-agency", "vp-ubnd").await;
    b.click("#import-create").await;
    b.wait_count("#home-agency", 1).await;
    b.client.goto(&format!("{}/plan", server.url)).await.expect("plan");
    b.wait_count("[data-task]", 7).await;
    let task = b.text("#task-2\\.3").await;
    assert!(task.contains("Sở Tài chính") && !task.contains("Ngân hàng"), "{task}");
    assert_eq!(b.text("#task-2\\.3 .task-deadline").await, "Quý III/2026 (30/09/2026)");
    b.close().await;
}
