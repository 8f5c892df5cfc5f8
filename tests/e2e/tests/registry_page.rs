//! The office keeps its agency registry in the app: it adds a commune, is told why a second
//! "Sở Y tế" is refused (nothing changes), renames a department keeping its old name, merges
//! one into another and retires a district; the server holds every change by sync, and the
//! retired district's access code no longer joins.

use tiendo_e2e::{Browser, Server};

const ROWS: &str = "#agencies tbody tr";

async fn message(b: &Browser, starts: &str) {
    b.wait_js(&format!(
        "return (document.getElementById('registry-message')?.textContent || '').startsWith({starts:?})"
    ))
    .await;
}

async fn act(b: &Browser, agency: &str, action: &str) {
    b.click(&format!("tr[data-agency='{agency}'] .{action}")).await;
    b.wait_count("#registry-action", 1).await;
}

#[tokio::test]
async fn the_office_adds_renames_merges_and_retires_agencies_and_the_server_holds_the_registry() {
    let server = Server::start();
    // A code the office gave Càng Long before it is retired below.
    let cang_long = server.code("h-cang-long");
    let office = Browser::start().await;
    office.join(&server.url, &server.code("vp-ubnd")).await;
    office.wait_count("#sync-state[data-state='online'][data-unconfirmed='0']", 1).await;
    office.click("#nav-office").await;
    office.click("#nav-agencies").await;
    office.wait_count(ROWS, 36).await;

    office.type_into("#add-name", "UBND xã Long Hòa").await;
    office.type_into("#add-short", "Xã Long Hòa").await;
    office.select("#add-kind", "commune").await;
    office.type_into("#add-aliases", "xã Long Hòa; Long Hòa").await;
    office.click("#add-go").await;
    message(&office, "Đã thêm UBND xã Long Hòa.").await;
    office.wait_count(ROWS, 37).await;
    let added = office.text("#agencies tbody tr:last-child").await;
    assert!(added.contains("Xã, phường") && added.contains("Long Hòa") && added.contains("Đang hoạt động"), "{added}");

    // A name already taken: said, and nothing changes.
    office.type_into("#add-name", "\u{E009}a\u{E009}Sở Y tế").await;
    office.click("#add-go").await;
    message(&office, "“Sở Y tế” đã là tên của Sở Y tế; không thay đổi gì.").await;
    assert_eq!(
        office
            .client
            .execute("return document.getElementById('registry-message').getAttribute('role')", vec![])
            .await
            .expect("role"),
        "alert"
    );
    office.wait_count(ROWS, 37).await;

    act(&office, "so-nnptnt", "rename").await;
    office.type_into("#rename-name", "Sở Nông nghiệp và Môi trường").await;
    office.click("#registry-go").await;
    message(&office, "Đã đổi tên thành Sở Nông nghiệp và Môi trường").await;
    let renamed = office.text("tr[data-agency='so-nnptnt']").await;
    assert!(renamed.starts_with("Sở Nông nghiệp và Môi trường"), "{renamed}");
    assert!(
        renamed.contains("Sở Nông nghiệp và Phát triển nông thôn"),
        "the old name stays as another name: {renamed}"
    );

    act(&office, "so-tttt", "merge").await;
    office.select("#merge-into", "so-khcn").await;
    office.click("#registry-go").await;
    message(&office, "Đã sáp nhập; Sở Khoa học và Công nghệ tiếp nhận").await;
    let merged = office.text("tr[data-agency='so-tttt'] .state").await;
    assert!(merged.starts_with("Đã sáp nhập vào Sở Khoa học và Công nghệ từ"), "{merged}");
    office.wait_count("tr[data-agency='so-tttt'] .merge", 0).await;

    act(&office, "h-cang-long", "retire").await;
    office.click("#registry-go").await;
    message(&office, "Đã cho Huyện Càng Long ngừng hoạt động").await;
    assert!(office.text("tr[data-agency='h-cang-long'] .state").await.starts_with("Ngừng hoạt động từ"));

    // The server has the office's changes (its own registry, read by the CLI).
    office.wait_count("#sync-state[data-state='online'][data-unconfirmed='0']", 1).await;
    let started = std::time::Instant::now();
    loop {
        let list: serde_json::Value = serde_json::from_str(&server.cli(&["agency", "list", "--json"])).expect("json");
        let rows = list.as_array().expect("rows");
        let state =
            |id: &str| rows.iter().find(|r| r["id"] == id).map(|r| r["state"].as_str().unwrap_or("").to_owned());
        let long_hoa = rows.iter().any(|r| r["name"] == "UBND xã Long Hòa" && r["kind"] == "commune");
        if long_hoa
            && state("so-tttt").as_deref() == Some("merged")
            && state("h-cang-long").as_deref() == Some("retired")
        {
            break;
        }
        assert!(started.elapsed().as_secs() < 20, "the server's registry: {list}");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    // The retired district's code no longer joins.
    let late = Browser::start().await;
    late.client.goto(&format!("{}/start", server.url)).await.expect("start");
    late.wait_count("#join-code", 1).await;
    late.type_into("#join-code", &cang_long).await;
    late.click("#join-go").await;
    late.wait_js("return (document.getElementById('join-error')?.textContent || '').startsWith('Mã truy cập không đúng hoặc đã bị thu hồi')").await;
    late.close().await;
    office.close().await;
}

#[tokio::test]
async fn the_office_names_a_group_puts_districts_in_and_leaves_one_out_of_a_standing_group() {
    let server = Server::start();
    let office = Browser::start().await;
    office.join(&server.url, &server.code("vp-ubnd")).await;
    office.wait_count("#sync-state[data-state='online'][data-unconfirmed='0']", 1).await;
    office.client.goto(&format!("{}/office/agencies", server.url)).await.expect("page");
    office.wait_count("#groups tbody tr", 3).await;
    let districts = office.text("tr[data-group='all_districts'] .count").await;
    assert_eq!(districts, "9");

    office.type_into("#group-name", "Các huyện ven biển").await;
    office.type_into("#group-aliases", "huyện ven biển").await;
    office.click("#group-add-go").await;
    message(&office, "Đã cập nhật nhóm Các huyện ven biển.").await;
    office.wait_count("#groups tbody tr", 4).await;
    for agency in ["h-duyen-hai", "h-cau-ngang"] {
        office.select("#group-pick", "cac-huyen-ven-bien").await;
        office.select("#group-agency", agency).await;
        office.click("#group-in").await;
        office.wait_js(&format!(
            "return (document.querySelector(\"tr[data-group='cac-huyen-ven-bien'] .kept\")?.textContent || '').includes({:?})",
            if agency == "h-duyen-hai" { "Huyện Duyên Hải" } else { "Huyện Cầu Ngang" }
        ))
        .await;
    }
    assert_eq!(office.text("tr[data-group='cac-huyen-ven-bien'] .count").await, "2");

    office.select("#group-pick", "all_districts").await;
    office.select("#group-agency", "h-cang-long").await;
    office.click("#group-out").await;
    office
        .wait_js("return document.querySelector(\"tr[data-group='all_districts'] .count\")?.textContent === '8'")
        .await;
    assert!(office.text("tr[data-group='all_districts'] .kept").await.contains("Trừ: Huyện Càng Long."));

    // A name already taken by an agency: said, and nothing changes.
    office.type_into("#group-name", "\u{E009}a\u{E009}Sở Y tế").await;
    office.click("#group-add-go").await;
    message(&office, "“Sở Y tế” đã là tên của Sở Y tế; không thay đổi gì.").await;
    office.wait_count("#groups tbody tr", 4).await;

    // The server holds the office's groups.
    let started = std::time::Instant::now();
    loop {
        let groups: serde_json::Value =
            serde_json::from_str(&server.cli(&["agency", "group", "list", "--json"])).expect("json");
        let coast = groups.as_array().and_then(|g| g.iter().find(|g| g["id"] == "cac-huyen-ven-bien").cloned());
        if coast.is_some_and(|c| c["members"] == serde_json::json!(["h-cau-ngang", "h-duyen-hai"])) {
            break;
        }
        assert!(started.elapsed().as_secs() < 20, "the server's groups: {groups}");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    office.close().await;
}
