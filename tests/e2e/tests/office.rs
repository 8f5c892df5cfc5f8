//! The provincial office's day: Sở Tài chính submits its quarterly report from its laptop; the
//! office sees it on the board (late: it is 2020's report), returns it with a comment that the
//! agency then sees on Home, compiles the province's report with the agency's words, edits it,
//! and downloads it as .docx; the board as .xlsx.

use fantoccini::Locator;
use std::io::Read;
use std::time::Duration;
use tiendo_e2e::{Browser, Server};

async fn join(b: &Browser, url: &str, code: &str, agency_name: &str) {
    b.join(url, code).await;
    assert_eq!(b.text("#home-agency").await, agency_name);
}

/// Fills every task of the open report and submits it.
async fn fill_and_submit(b: &Browser) {
    b.wait_count("#general-results", 1).await;
    b.type_into("#general-results", "Thu ngân sách quý I đạt 27% dự toán.").await;
    let statuses = b.client.find_all(Locator::Css("select[id$='-status']")).await.expect("statuses");
    for s in statuses {
        s.select_by_value("in_progress").await.expect("status");
    }
    let results = b.client.find_all(Locator::Css("textarea[id$='-results']")).await.expect("results");
    for r in results {
        if r.attr("id").await.ok().flatten().as_deref() != Some("general-results") {
            r.send_keys("Đã giải ngân vốn đầu tư công đúng tiến độ.").await.expect("type");
        }
    }
    b.type_into("#submitter", "Lê Thị Hoa").await;
    b.click("#submit-report").await;
    b.wait_count("#submitted-at", 1).await;
}

fn zip_text(path: &std::path::Path, entry: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("file")).expect("a zip");
    let mut xml = String::new();
    zip.by_name(entry).expect(entry).read_to_string(&mut xml).expect("utf-8");
    xml
}

#[tokio::test]
async fn the_office_sees_a_report_returns_it_and_compiles_the_provinces_report_as_docx() {
    let server = Server::start();
    let agency = Browser::start().await;
    let office = Browser::start().await;
    join(&agency, &server.url, &server.code("so-tai-chinh"), "Sở Tài chính").await;
    agency.client.goto(&format!("{}/report/2020-Q1", server.url)).await.expect("report");
    fill_and_submit(&agency).await;
    // The agency's own report as the document it signs, made in its browser.
    agency.client.execute("window.scrollTo(0, 0)", vec![]).await.expect("scroll");
    agency.click("#report-docx").await;
    let own = agency.wait_download("_STC.docx").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let xml = zip_text(&own, "word/document.xml");
    assert!(xml.contains("SỞ TÀI CHÍNH") && xml.contains("Lê Thị Hoa") && xml.contains("/BC-STC"));
    agency.wait_count("#sync-state[data-state='online'][data-unconfirmed='0']", 1).await;

    // The office joins and finds the report on its board.
    join(&office, &server.url, &server.code("vp-ubnd"), "Văn phòng UBND tỉnh").await;
    office.click("#nav-office").await;
    let cell = "tr[data-agency='so-tai-chinh'] td[data-period='2020-Q1']";
    let started = std::time::Instant::now();
    loop {
        let state = match office.client.find(Locator::Css(cell)).await {
            Ok(e) => e.attr("data-state").await.ok().flatten().unwrap_or_default(),
            Err(_) => String::new(),
        };
        if state == "late" {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the cell is {state:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(office.text(cell).await.starts_with("Trễ "), "{}", office.text(cell).await);
    let other = office.text("tr[data-agency='so-y-te'] td[data-period='2020-Q1']").await;
    assert!(other.starts_with("Chưa nộp"), "{other}");
    // As of a day before the submission, the board reads the documents as they stood then:
    // everything was written today, years later, so nothing was there yet; and it says so.
    // A day that is not one (31 February) is said so and changes nothing.
    office.type_day("#board-as-of", "31/02/2020").await;
    office.wait_count("#board-as-of-hint:not(:empty)", 1).await;
    let hint = office.text("#board-as-of-hint").await;
    assert!(hint.starts_with("“31/02/2020” chưa phải là một ngày"), "{hint}");
    // It describes the field (aria-describedby), outside its label, so it is not read as its name.
    let described = "const i = document.getElementById('board-as-of'); \
        return i.getAttribute('aria-describedby') === 'board-as-of-hint' && i.getAttribute('aria-invalid') === 'true' \
        && !i.closest('label').contains(document.getElementById('board-as-of-hint'))";
    assert_eq!(office.client.execute(described, vec![]).await.expect("js"), serde_json::Value::Bool(true));
    assert!(office.text(cell).await.starts_with("Trễ "), "a bad day changed the board: {}", office.text(cell).await);
    office.wait_count("#as-of-said", 0).await;
    office.set_date("#board-as-of", "2020-03-10").await;
    office.wait_js(&format!("return document.querySelector(\"{cell}\").dataset.state === 'not-yet-due'")).await;
    assert_eq!(office.text("#board-as-of-hint").await, "", "a good day clears what was said");
    let said = office.text("#as-of-said").await;
    assert!(said.starts_with("Số liệu như đã có đến hết ngày 10/03/2020, theo giờ ghi trên máy đã sửa"), "{said}");
    assert!(!said.contains("không tính 0 thay đổi"), "the later changes are counted out: {said}");
    office.click("#board-xlsx").await;
    let xlsx = office.wait_download(".xlsx").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(zip_text(&xlsx, "xl/worksheets/sheet1.xml").contains("Sở Tài chính"));

    // Click through, return it with a comment.
    office.client.goto(&format!("{}/office", server.url)).await.expect("board");
    office.wait_count(&format!("{cell} a"), 1).await;
    office.click(&format!("{cell} a")).await;
    office.wait_count("#review-return", 1).await;
    assert!(office.text("#letter").await.contains("SỞ TÀI CHÍNH"));
    office.type_into("#review-comment", "Đề nghị bổ sung số liệu giải ngân.").await;
    office.click("#review-return").await;
    office.wait_count("#review-message", 1).await;
    // On the board it is returned, not sent, until it comes again.
    office.client.goto(&format!("{}/office", server.url)).await.expect("board");
    office
        .wait_js(
            "return (document.querySelector(\"#board tfoot td.totals[data-period='2020-Q1']\")?.textContent || '').includes('1 bị trả lại')",
        )
        .await;
    let q1 = office.text("#board tfoot td.totals[data-period='2020-Q1']").await;
    assert!(q1.starts_with("0 đúng hạn · 0 trễ ·"), "the returned report is not counted as sent: {q1}");

    // The agency sees the verdict on its Home page.
    agency.client.goto(&format!("{}/", server.url)).await.expect("home");
    agency.wait_count("tr[data-home-period='2020-Q1']", 1).await;
    let started = std::time::Instant::now();
    loop {
        let row = agency.text("tr[data-home-period='2020-Q1']").await;
        if row.contains("Bị trả lại") && row.contains("Đề nghị bổ sung số liệu giải ngân.") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{row}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    // The province's report: compiled with the agency's words, edited, kept, exported.
    office.client.goto(&format!("{}/office/compile/2020-Q1", server.url)).await.expect("compile");
    office.wait_count("#pr-summary", 1).await;
    // The document is laid out by the engine, a moment after the form.
    office.wait_count("#letter", 1).await;
    let letter = office.text("#letter").await;
    assert!(
        letter.contains("- Sở Tài chính: Chưa hoàn thành, còn trong hạn. Đã giải ngân vốn đầu tư công"),
        "{letter}"
    );
    office.type_into("#pr-number", "15").await;
    office.click("#pr-save").await;
    office.wait_count("#pr-message", 1).await;
    office.client.refresh().await.expect("reload");
    office.wait_value("#pr-number", "15").await;
    office.wait_js("return (document.querySelector('#letter')?.textContent ?? '').includes('Số: 15/BC-UBND')").await;
    office.click("#pr-docx").await;
    let docx = office.wait_download("_TINH.docx").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let xml = zip_text(&docx, "word/document.xml");
    assert!(xml.contains("Số: 15/BC-UBND") && xml.contains("Đã giải ngân vốn đầu tư công"));
    agency.close().await;
    office.close().await;
}
