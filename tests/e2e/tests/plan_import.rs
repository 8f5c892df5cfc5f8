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
    b.client.find(Locator::Id("import-read")).await.expect("read").click().await.expect("click");
}

#[tokio::test]
async fn pasting_a_decision_shows_its_plan_and_a_rough_draft_shows_each_warning_at_its_line() {
    let server = Server::start();
    let b = Browser::start().await;
    b.client.goto(&format!("{}/plan/import", server.url)).await.expect("open");
    b.wait_count("#import-text", 1).await;

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
    b.client
        .find(Locator::Css("li.warning[data-line='7'] button"))
        .await
        .expect("warning")
        .click()
        .await
        .expect("click");
    let selected = b
        .client
        .execute("const a = document.getElementById('import-text'); return a.value.substring(a.selectionStart, a.selectionEnd)", vec![])
        .await
        .expect("selection");
    assert_eq!(selected.as_str(), Some("1.4. Sở Tư pháp: rà soát văn bản quy phạm pháp luật."));
    b.close().await;
}
