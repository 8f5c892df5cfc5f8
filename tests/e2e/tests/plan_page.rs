//! The built app in headless Chromium against the real `tiendo serve`.

use fantoccini::Locator;
use tiendo_e2e::{Browser, Server};

#[tokio::test]
async fn the_plan_page_shows_the_decision_and_all_37_tasks_in_ten_sections_in_vietnamese() {
    let server = Server::start();
    let b = Browser::start().await;
    b.client.goto(&format!("{}/plan", server.url)).await.expect("open");
    b.wait_count("[data-task]", 37).await;
    b.wait_count("section.section", 10).await;
    assert_eq!(b.text("#match-count").await, "37 nhiệm vụ phù hợp");
    assert!(b.text("#decision-number").await.contains("01/QĐ-UBND ngày 02/01/2020"));
    let lang = b.client.find(Locator::Css("html")).await.expect("html").attr("lang").await.expect("attr");
    assert_eq!(lang.as_deref(), Some("vi"));
    // Agencies are shown by name, targets with what they ask for.
    let t21 = b.text("#task-2\\.1").await;
    assert!(t21.contains("Ngân hàng Nhà nước Chi nhánh tỉnh Trà Vinh"), "{t21}");
    assert!(t21.contains("từ 13 đến 14%"), "{t21}");
    b.wait_count("tr[data-period]", 18).await;
    // One agency's own periods fold into a line that says what they are.
    assert_eq!(b.text(".own-periods summary").await, "12 báo cáo tháng của Sở Kế hoạch và Đầu tư");
    b.close().await;
}

#[tokio::test]
async fn searching_without_diacritics_and_choosing_an_agency_filter_the_tasks() {
    let server = Server::start();
    let b = Browser::start().await;
    b.client.goto(&format!("{}/plan", server.url)).await.expect("open");
    b.wait_count("[data-task]", 37).await;
    let search = b.client.find(Locator::Id("task-search")).await.expect("search box");
    search.send_keys("benh tat").await.expect("type");
    b.wait_count("[data-task]", 1).await;
    assert!(b.text("[data-task]").await.contains("kiểm soát bệnh tật"));
    // Backspace, as a person would (WebDriver's clear() fires no input event).
    search.send_keys(&"\u{E003}".repeat(8)).await.expect("erase");
    b.wait_count("[data-task]", 37).await;
    // Whole words: "nong thon" finds the tasks that say "nông thôn", not the "thôn" inside
    // "thông" (task 2.3 says "nông nghiệp" and "giao thông"); the matched words are marked.
    let (_, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("built-in plan");
    let says: Vec<String> = parsed
        .plan
        .tasks()
        .filter(|t| tiendo_core::search::task_texts(t).any(|x| x.to_lowercase().contains("nông thôn")))
        .map(|t| t.id.to_string())
        .collect();
    b.type_into("#task-search", "nong thon").await;
    b.wait_count("[data-task]", says.len()).await;
    let shown = b.client.find_all(Locator::Css("[data-task]")).await.expect("tasks");
    for card in shown {
        let id = card.attr("data-task").await.expect("attr").unwrap_or_default();
        assert!(says.contains(&id), "{id} does not say \"nông thôn\": {says:?}");
    }
    assert!(!says.contains(&"2.3".to_owned()));
    let marks = b.client.find_all(Locator::Css("[data-task] mark")).await.expect("marks");
    assert!(marks.len() >= 2 * says.len(), "each hit marks its two words");
    for m in marks.iter().take(4) {
        let word = m.text().await.expect("text").to_lowercase();
        assert!(word == "nông" || word == "thôn", "{word}");
    }
    search.send_keys(&"\u{E003}".repeat(9)).await.expect("erase");
    b.wait_count("[data-task]", 37).await;
    b.select("#agency-filter", "so-y-te").await;
    // Sở Y tế: its own task 6.3 and five given to all departments.
    b.wait_count("[data-task]", 6).await;
    b.type_into("#task-search", "xyz khong co").await;
    b.wait_count("[data-task]", 0).await;
    assert!(b.text(".empty").await.contains("Không có nhiệm vụ nào phù hợp"));
    b.close().await;
}

#[tokio::test]
async fn the_chosen_language_is_remembered_after_a_reload() {
    let server = Server::start();
    let b = Browser::start().await;
    b.client.goto(&format!("{}/plan", server.url)).await.expect("open");
    b.wait_count("[data-task]", 37).await;
    b.click("#lang-switch").await;
    assert_eq!(b.text("#match-count").await, "37 matching tasks");
    b.client.refresh().await.expect("reload");
    b.wait_count("[data-task]", 37).await;
    assert_eq!(b.text("#match-count").await, "37 matching tasks");
    assert_eq!(b.text("#lang-switch").await, "Tiếng Việt");
    b.close().await;
}
