//! The provincial office imports a Sở Y tế laptop's sync file from a USB stick in the browser:
//! the file is checked and previewed, imported once, a second import says "already imported",
//! and a damaged copy is refused with a Vietnamese message. An office that is online passes what
//! the file brought on to the server at once.

use std::collections::BTreeMap;
use std::time::Duration;
use tiendo_core::file::{self, DeviceKey, Maker};
use tiendo_core::schema::genesis::{self, empty_reports, workspace_doc};
use tiendo_core::schema::{edit, ReportsDoc};
use tiendo_e2e::{Browser, Server};

const REPORT: &str = "reports.01-qd-ubnd-2020.so-y-te";
const TEXT: &str = "Mang qua USB: tiêm chủng 95%";

/// The laptop's export: its report with one task written, signed with its key.
fn laptop_file(device: &str, key: &DeviceKey) -> Vec<u8> {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let ws = workspace_doc(tiendo_core::builtin::tra_vinh_workspace(), registry.clone(), &[&parsed.plan]);
    let agency = "so-y-te".parse().expect("id");
    let mut report = genesis::genesis(&empty_reports(&parsed.plan, &registry, &agency)).expect("genesis");
    let mut actor = tiendo_core::hex::decode(device).expect("hex");
    actor.extend_from_slice(&[3; 4]);
    report.set_actor(automerge::ActorId::from(actor));
    let value: ReportsDoc = tiendo_core::schema::read(&report).expect("read");
    let q1 = value.reports.periods.iter().find(|p| p.period.to_string() == "2020-Q1").expect("Q1");
    let (p, t) = (q1.period.clone(), q1.tasks[0].task.clone());
    edit::edit_task(&mut report, &p, &t, |r| r.results = TEXT.into()).expect("edit");
    report.commit();
    let mut held = BTreeMap::new();
    held.insert(REPORT.to_owned(), report);
    let maker = Maker { workspace: &ws, device, agency: &agency, key, now_ms: 1_583_737_500_000 };
    file::export(&maker, &mut held)
}

#[tokio::test]
async fn the_office_imports_a_laptops_file_once_and_refuses_a_damaged_copy() {
    let server = Server::start();
    let key = DeviceKey::from_secret([7; 32]);
    let device = server.join_device(&server.code("so-y-te"), &key.public_hex()).await;
    let bytes = laptop_file(&device, &key);
    let dir = tempfile::tempdir().expect("tmp");
    let good = dir.path().join("SYT_2020-03-09_1405.tiendo");
    std::fs::write(&good, &bytes).expect("write");
    let mut damaged_bytes = bytes.clone();
    let at = damaged_bytes.len() / 2;
    damaged_bytes[at] ^= 0x20;
    let damaged = dir.path().join("SYT_hong.tiendo");
    std::fs::write(&damaged, &damaged_bytes).expect("write");

    let b = Browser::start().await;
    b.join(&server.url, &server.code("vp-ubnd")).await;
    b.wait_count("#sync-state[data-state='online']", 1).await;
    // The plan and the workspace (with the laptop's key) have arrived; go to the files page.
    tokio::time::sleep(Duration::from_millis(500)).await;
    b.client.goto(&format!("{}/files", server.url)).await.expect("files");
    b.wait_count("#import-file", 1).await;
    // The file field speaks the page's language, not the browser's (this one's is English).
    assert_eq!(b.text(".file-pick-button").await, "Chọn tệp…");
    assert_eq!(b.text(".file-pick-name").await, "Chưa chọn tệp nào");

    b.choose_file("#import-file", &good).await;
    b.wait_count(&format!("#file-preview li[data-doc='{REPORT}']"), 1).await;
    let name = good.file_name().and_then(|n| n.to_str()).expect("a file name");
    assert_eq!(b.text(".file-pick-name").await, name, "the chosen file is named beside the button");
    assert!(b.text("#file-preview").await.contains("Sở Y tế"), "{}", b.text("#file-preview").await);
    b.click("#file-apply").await;
    b.wait_count("#file-result", 1).await;
    assert!(b.text("#file-result").await.contains("Đã nhập 1 tài liệu"), "{}", b.text("#file-result").await);
    b.wait_count("#file-receipt", 1).await;

    // The office is online: what the file brought goes on to the server at once, so another
    // Sở Y tế laptop working online finds it (the office's page is not reloaded before this).
    let other = Browser::start().await;
    other.join(&server.url, &server.code("so-y-te")).await;
    other.client.goto(&format!("{}/report/2020-Q1", server.url)).await.expect("report");
    other.wait_js(&format!("return [...document.querySelectorAll('textarea')].some(t => t.value === {TEXT:?});")).await;
    other.close().await;

    // The same file again: nothing to do.
    b.client.refresh().await.expect("reload");
    b.wait_count("#import-file", 1).await;
    b.choose_file("#import-file", &good).await;
    b.wait_count("#file-already", 1).await;

    // A damaged copy: refused, in Vietnamese.
    b.client.refresh().await.expect("reload");
    b.wait_count("#import-file", 1).await;
    b.choose_file("#import-file", &damaged).await;
    b.wait_count("#file-error", 1).await;
    let error = b.text("#file-error").await;
    assert!(error.contains("hỏng") || error.contains("không"), "{error}");
    assert_eq!(b.client.find_all(fantoccini::Locator::Css("#file-history tbody tr")).await.expect("rows").len(), 1);
    // The history has headers, and says when in Vietnam's time, dd/mm/yyyy hh:mm.
    assert_eq!(b.client.find_all(fantoccini::Locator::Css("#file-history thead th")).await.expect("headers").len(), 5);
    b.wait_js(
        r"return /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(document.querySelector('#file-history td.when').textContent)",
    )
    .await;
    b.close().await;
}

/// First run in the demo as Sở Y tế.
async fn demo_laptop(b: &Browser, url: &str) {
    b.start_demo(url, "so-y-te").await;
}

#[tokio::test]
async fn a_demo_laptop_refusing_another_demo_laptops_file_says_why_and_what_to_do_instead() {
    let server = Server::start();
    let sender = Browser::start().await;
    demo_laptop(&sender, &server.url).await;
    sender.client.goto(&format!("{}/files", server.url)).await.expect("files");
    sender.wait_count("#export-file", 1).await;
    sender.click("#export-file").await;
    let file = sender.wait_download(".tiendo").await;
    // Let the download finish writing before another browser reads it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let copy = tempfile::tempdir().expect("usb");
    let on_stick = copy.path().join("SYT.tiendo");
    std::fs::copy(&file, &on_stick).expect("copy to the stick");
    sender.close().await;

    let receiver = Browser::start().await;
    demo_laptop(&receiver, &server.url).await;
    receiver.client.goto(&format!("{}/files", server.url)).await.expect("files");
    receiver.wait_count("#import-file", 1).await;
    receiver.choose_file("#import-file", &on_stick).await;
    receiver.wait_count("#file-error", 1).await;
    let error = receiver.text("#file-error").await;
    assert!(error.contains("máy dùng thử"), "the refusal says demo laptops are separate: {error}");
    assert!(error.contains("mã truy cập") && error.contains("tệp mời"), "and what to do instead: {error}");
    receiver.close().await;
}
