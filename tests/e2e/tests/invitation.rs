//! A district laptop that never reaches the server: the office makes an invitation file, the
//! laptop enters with it and the code given by phone, writes its report offline, exports a sync
//! file, and the server imports it. A wrong code is refused in Vietnamese.

use fantoccini::Locator;
use tiendo_e2e::{Browser, Server};

async fn open_invitation(b: &Browser, url: &str, path: &std::path::Path, code: &str) {
    b.client.goto(&format!("{url}/start")).await.expect("open");
    b.wait_count("#join-file", 1).await;
    b.choose_file("#join-file", path).await;
    b.type_into("#invite-code", code).await;
    b.click("#invite-go").await;
}

#[tokio::test]
async fn a_laptop_enters_with_an_invitation_and_its_sync_file_is_imported_by_the_server() {
    let mut server = Server::start();
    let dir = tempfile::tempdir().expect("tmp");
    let invitation = dir.path().join("SYT.tiendo-invite");
    // The office makes the invitation on the server machine (the CLI writes while serve is down).
    server.stop();
    let printed = server.cli(&["file", "invite", "--agency", "so-y-te", "--out", invitation.to_str().expect("p")]);
    server.restart();
    let code = printed.lines().last().and_then(|l| l.rsplit(' ').next()).expect("code").to_owned();

    let wrong = Browser::start().await;
    open_invitation(&wrong, &server.url, &invitation, "AAAA-BBBB-CCCC-DDDD").await;
    wrong.wait_count("#invite-error", 1).await;
    assert!(wrong.text("#invite-error").await.starts_with("Mã không mở được tệp mời này"));
    // The file picked on the start screen, handed over to the full module, is named beside its
    // button there as if picked there (so a clerk retrying with the right code sees it is held).
    assert_eq!(wrong.text(".file-pick-name").await, "SYT.tiendo-invite");
    assert_eq!(wrong.client.find_all(Locator::Css("#home-agency")).await.expect("none").len(), 0);
    wrong.close().await;

    let b = Browser::start().await;
    open_invitation(&b, &server.url, &invitation, &code.to_lowercase()).await;
    b.wait_count("#home-agency", 1).await;
    assert_eq!(b.text("#home-agency").await, "Sở Y tế");
    assert_eq!(b.client.find_all(Locator::Css("#sync-state")).await.expect("none").len(), 0, "no server link");
    b.client.goto(&format!("{}/report/2020-Q1", server.url)).await.expect("report");
    b.wait_count("#general-results", 1).await;
    b.type_into("#general-results", "Viết trên máy chỉ dùng USB.").await;
    b.wait_count("#save-state[data-state='saved']", 1).await;
    b.client.goto(&format!("{}/files", server.url)).await.expect("files");
    b.wait_count("#export-file", 1).await;
    b.click("#export-file").await;
    let downloaded = b.wait_download(".tiendo").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // Onto the USB stick (the browser's profile goes away with it).
    let file = dir.path().join(downloaded.file_name().expect("name"));
    std::fs::copy(&downloaded, &file).expect("copy");
    b.close().await;

    server.stop();
    let imported = server.cli(&["file", "import", file.to_str().expect("p")]);
    assert!(imported.contains("đã nhập 1 tài liệu"), "{imported}");
    let shown = server.cli(&[
        "report",
        "export",
        "--period",
        "2020-Q1",
        "--format",
        "docx",
        "--agency",
        "so-y-te",
        "--out",
        dir.path().join("syt.docx").to_str().expect("p"),
    ]);
    assert!(shown.contains("byte"));
}
