//! The report editor says where the clerk is, what is left and what just happened: a summary
//! of required parts kept in view with a link to every task; a refused "Gửi" marks the missing
//! fields and links to them; a sent report says when, and an edit after sending asks to send
//! again, which the office sees too. Real server, headless Chromium at 1366×768.

use fantoccini::Locator;
use tiendo_e2e::{Browser, Server};

const PERIOD: &str = "2020-Q2";

/// How many fields are marked missing.
async fn marked(b: &Browser) -> usize {
    b.client.find_all(Locator::Css("[aria-invalid='true']")).await.expect("marked").len()
}

async fn wait_text(b: &Browser, css: &str, expected: &str) {
    b.wait_js(&format!(
        "const e = document.querySelector({css:?}); return e !== null && e.textContent.trim() === {expected:?}"
    ))
    .await;
}

#[tokio::test]
async fn a_clerk_sees_what_is_left_is_led_to_each_missing_field_is_told_when_it_was_sent_and_asked_to_send_again_after_an_edit(
) {
    let server = Server::start();
    let b = Browser::start().await;
    b.join(&server.url, &server.code("so-y-te")).await;
    b.client.goto(&format!("{}/report/{PERIOD}", server.url)).await.expect("open");
    b.wait_count("#report-progress", 1).await;
    // Sở Y tế leads six tasks: status and results of each, the general results and a name.
    let tasks = b.client.find_all(Locator::Css("[data-task-report]")).await.expect("tasks").len();
    assert_eq!(tasks, 6);
    wait_text(&b, "#progress-count", "Đã điền 0/14 phần bắt buộc").await;
    assert_eq!(b.text("#report-state").await, "Chưa bắt đầu", "nobody has written anything");
    assert_eq!(b.client.find_all(Locator::Css(".jump")).await.expect("jumps").len(), tasks);

    // "Gửi" with nothing filled: every required field is marked, and the list leads to each.
    b.click("#submit-report").await;
    b.wait_count(".missing a", 14).await;
    assert_eq!(marked(&b).await, 14);
    b.click(".missing a[data-missing='task-6.3-results']").await;
    b.wait_js("return document.activeElement.id === 'task-6.3-results'").await;
    b.client
        .find(Locator::Id("task-6.3-results"))
        .await
        .expect("field")
        .send_keys("Đã kiểm tra 120 cơ sở.")
        .await
        .expect("type");
    b.wait_js("return document.querySelectorAll(\"[aria-invalid='true']\").length === 13").await;
    wait_text(&b, "#progress-count", "Đã điền 1/14 phần bắt buộc").await;

    // Everything filled: the count is full and every task's link is marked done.
    b.type_into("#general-results", "Quý II: các chỉ tiêu y tế đạt kế hoạch.").await;
    for s in b.client.find_all(Locator::Css("select[id$='-status']")).await.expect("statuses") {
        s.select_by_value("in_progress").await.expect("status");
    }
    for r in b.client.find_all(Locator::Css("[data-task-report] textarea[id$='-results']")).await.expect("results") {
        if r.prop("value").await.ok().flatten().unwrap_or_default().is_empty() {
            r.send_keys("Đã triển khai theo kế hoạch.").await.expect("type");
        }
    }
    b.type_into("#submitter", "Lê Thị Hoa").await;
    wait_text(&b, "#progress-count", "Đã điền 14/14 phần bắt buộc").await;
    assert_eq!(b.client.find_all(Locator::Css(".jump.done")).await.expect("done").len(), tasks);
    assert_eq!(marked(&b).await, 0);

    // A long text grows with what is written: no scroll bar inside the box.
    let long = "Dòng kết quả.\n".repeat(15);
    b.client.find(Locator::Id("task-6.3-proposals")).await.expect("field").send_keys(&long).await.expect("type");
    let overflow = b
        .client
        .execute(
            "const t = document.getElementById('task-6.3-proposals'); return t.scrollHeight - t.clientHeight",
            vec![],
        )
        .await
        .expect("measure");
    assert!(overflow.as_i64().expect("px") <= 2, "the text box does not grow: {overflow}");

    // Sent: the time next to the button, the state, and the button now sends again.
    b.click("#submit-report").await;
    b.wait_js("return /^Đã gửi lúc \\d\\d:\\d\\d ngày \\d\\d\\/\\d\\d\\/\\d{4}\\.$/.test(document.getElementById('submit-confirmation').textContent.trim())").await;
    wait_text(&b, "#report-state", "Đã gửi").await;
    wait_text(&b, "#submit-report", "Gửi lại").await;

    // Edited after sending: the state asks to send again, until it is sent again.
    b.type_into("#general-results", " Bổ sung số liệu tháng 6.").await;
    wait_text(&b, "#report-state", "Đã sửa sau khi gửi — gửi lại").await;
    assert!(b.text("#submit-confirmation").await.contains("rồi sửa"));
    b.wait_count("#sync-state[data-state='online'][data-unconfirmed='0']", 1).await;

    // The office, holding the same report, sees it was changed after it was sent.
    let office = Browser::start().await;
    office.join(&server.url, &server.code("vp-ubnd")).await;
    office.client.goto(&format!("{}/office/report/so-y-te/{PERIOD}", server.url)).await.expect("open");
    office.wait_count("#review-edited", 1).await;
    assert_eq!(office.text("#review-edited").await, "Đơn vị đã sửa sau khi gửi — chờ gửi lại");
    office.close().await;

    b.click("#submit-report").await;
    wait_text(&b, "#report-state", "Đã gửi").await;
    assert!(!b.text("#submit-confirmation").await.contains("rồi sửa"));
    b.close().await;
}

#[tokio::test]
async fn a_printed_report_shows_its_whole_texts_and_nothing_for_an_untouched_choice() {
    let server = Server::start();
    let b = Browser::start().await;
    b.join(&server.url, &server.code("so-y-te")).await;
    b.client.goto(&format!("{}/report/{PERIOD}", server.url)).await.expect("open");
    b.wait_count("#report-progress", 1).await;
    let long = "Một dòng kết quả khá dài của quý.\n".repeat(25);
    b.client.find(Locator::Id("task-6.3-results")).await.expect("field").send_keys(&long).await.expect("type");
    // The print rules, applied to the screen (headless Chromium has no print preview to read).
    let printed = b
        .client
        .execute(
            "let rules = 0;
             for (const sheet of document.styleSheets) for (const r of sheet.cssRules)
               if (r.media && r.media.mediaText === 'print') { rules += r.cssRules.length; r.media.mediaText = 'all'; }
             const t = document.getElementById('task-6.3-results');
             const s = document.getElementById('task-3.1-status');
             return { rules, hidden: t.scrollHeight - t.clientHeight,
                      choice: getComputedStyle(s).color,
                      summary: getComputedStyle(document.getElementById('report-progress')).display };",
            vec![],
        )
        .await
        .expect("print rules");
    assert!(printed["rules"].as_i64().expect("n") > 10, "the print rules were found: {printed}");
    assert!(printed["hidden"].as_i64().expect("px") <= 2, "the printed text is cut: {printed}");
    assert_eq!(printed["choice"], "rgba(0, 0, 0, 0)", "an untouched choice prints '— Chọn —': {printed}");
    assert_eq!(printed["summary"], "none");
    b.close().await;
}
