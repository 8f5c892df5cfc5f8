//! `tiendo agency add|rename|merge|retire|list`, run as the office runs them, and what a retired
//! agency's laptops meet afterwards on the real server.

mod support;

use support::cli::{ok, tiendo};

use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::Duration;
use support::binary::Running;
use tiendo_server::sync::native_client::NativeClient;

/// A digest of every file under `dir`, to show that a refused command wrote nothing.
fn digest(dir: &Path) -> String {
    let mut files: Vec<_> = walk(dir);
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        h.update(f.to_string_lossy().as_bytes());
        h.update(std::fs::read(&f).expect("read"));
    }
    tiendo_core::hex::encode(&h.finalize())
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.file_name().is_some_and(|n| n != ".lock") {
            out.push(p);
        }
    }
    out
}

#[test]
fn the_office_adds_renames_merges_and_retires_agencies_and_the_list_shows_each_state() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf8");
    ok(&["init", "--data", data]);
    let said = ok(&[
        "agency",
        "add",
        "--name",
        "UBND xã Long Hòa",
        "--short",
        "XLH",
        "--kind",
        "commune",
        "--alias",
        "xã Long Hòa",
        "--data",
        data,
    ]);
    assert!(said.contains("Đã thêm UBND xã Long Hòa (ubnd-xa-long-hoa)"), "{said}");
    ok(&[
        "agency",
        "rename",
        "so-nnptnt",
        "--name",
        "Sở Nông nghiệp và Môi trường",
        "--short",
        "SNNMT",
        "--on",
        "2025-03-01",
        "--data",
        data,
    ]);
    let said = ok(&["agency", "merge", "so-tnmt", "--into", "so-nnptnt", "--on", "01/03/2025", "--data", data]);
    assert!(
        said.contains("Đã sáp nhập Sở Tài nguyên và Môi trường (so-tnmt) vào Sở Nông nghiệp và Môi trường"),
        "{said}"
    );
    ok(&["agency", "retire", "h-cang-long", "--on", "2025-07-01", "--data", data]);

    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&["agency", "list", "--data", data, "--json"])).expect("json");
    assert_eq!(rows.len(), 37);
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).cloned().expect(id);
    let added = row("ubnd-xa-long-hoa");
    assert_eq!((added["kind"].as_str(), added["state"].as_str()), (Some("commune"), Some("active")));
    assert_eq!(added["aliases"], serde_json::json!(["xã Long Hòa"]));
    let renamed = row("so-nnptnt");
    assert_eq!(renamed["name"], "Sở Nông nghiệp và Môi trường");
    let aliases = renamed["aliases"].as_array().expect("aliases");
    assert!(aliases.iter().any(|a| a == "Sở Nông nghiệp và Phát triển nông thôn"), "{aliases:?}");
    assert_eq!(renamed["former_names"][0]["until"], "2025-03-01");
    let merged = row("so-tnmt");
    assert_eq!((merged["state"].as_str(), merged["merged_into"].as_str()), (Some("merged"), Some("so-nnptnt")));
    assert_eq!(merged["ended_on"], "2025-03-01");
    assert_eq!(row("h-cang-long")["state"], "retired");
    assert_eq!(row("so-y-te")["state"], "active");
    let text = ok(&["agency", "list", "--data", data]);
    assert!(text.contains("(sáp nhập vào so-nnptnt từ 01/03/2025)"), "{text}");
    assert!(text.contains("(ngừng hoạt động từ 01/07/2025)"), "{text}");
}

#[test]
fn a_refused_registry_change_exits_1_with_the_reason_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf8");
    ok(&["init", "--data", data]);
    ok(&["agency", "retire", "h-cau-ke", "--data", data]);
    let before = digest(dir.path());
    let cases: [(&[&str], &str); 6] = [
        (
            &["agency", "add", "--name", "Sở Y tế", "--short", "S", "--kind", "department"],
            "already names agency so-y-te",
        ),
        (&["agency", "add", "--name", "Sở mới", "--short", "S", "--kind", "huyen"], "no agency kind"),
        (&["agency", "retire", "vp-ubnd"], "provincial office"),
        (&["agency", "merge", "so-y-te", "--into", "h-cau-ke"], "has already ended"),
        (&["agency", "rename", "khong-co", "--name", "X"], "no agency khong-co"),
        (&["agency", "code", "h-cau-ke"], "has already ended"),
    ];
    for (args, reason) in cases {
        let args: Vec<&str> = args.iter().copied().chain(["--data", data]).collect();
        let out = tiendo(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(reason), "{args:?}: {err}");
        assert!(!err.contains("panicked"));
        assert_eq!(digest(dir.path()), before, "{args:?} wrote something");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retired_agencys_laptop_and_access_code_stop_working_and_the_others_go_on() {
    let (dir, codes) = support::prepare(&["so-y-te", "so-tai-chinh"]);
    let code = |a: &str| codes.iter().find(|(x, _)| x == a).map(|(_, c)| c.clone()).expect("code");
    let mut server = Running::spawn(dir.path());
    let http = format!("http://{}", server.addr);
    let ws = format!("ws://{}/sync", server.addr);
    let yte = support::join(&http, &code("so-y-te")).await;
    let tc = support::join(&http, &code("so-tai-chinh")).await;
    drop(support::connect(&ws, &yte, &[&support::reports("so-y-te")]).await);
    server.terminate(Duration::from_secs(10));

    let data = dir.path().join("data");
    let said = ok(&["agency", "retire", "so-y-te", "--data", data.to_str().expect("utf8")]);
    assert!(said.contains("thu hồi mã truy cập và 1 máy"), "{said}");

    let server = Running::spawn(dir.path());
    let (http, ws) = (format!("http://{}", server.addr), format!("ws://{}/sync", server.addr));
    let refused = NativeClient::connect(&ws, &yte.device, &yte.token, None).await;
    assert!(refused.is_err(), "a retired agency's laptop still connects");
    let res = reqwest::Client::new()
        .post(format!("{http}/api/join"))
        .body(format!(r#"{{"code": "{}", "name": "x", "public_key": ""}}"#, code("so-y-te")))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 401, "a retired agency's code still joins");
    let mut other = support::connect(&ws, &tc, &[&support::reports("so-tai-chinh")]).await;
    other.sync(support::QUIET).await.expect("Sở Tài chính goes on syncing");
}

#[tokio::test]
async fn a_laptop_connected_when_the_office_retires_its_agency_online_is_closed_at_its_next_message() {
    let server = support::TestServer::start(&["vp-ubnd", "so-y-te"]).await;
    let (mut office, _) = server.client("vp-ubnd", &["workspace"]).await;
    let (mut yte, _) = server.client("so-y-te", &[&support::reports("so-y-te")]).await;
    let doc = office.docs.get_mut("workspace").expect("workspace");
    let on = "2026-01-05".parse().expect("day");
    let retire = tiendo_core::model::RegistryChange::Retire { id: "so-y-te".parse().expect("id") };
    tiendo_core::schema::edit::change_registry(doc, &retire, on).expect("retired");
    doc.commit();
    office.sync(support::QUIET).await.expect("the office's change is taken");
    let report = yte.docs.get_mut(&support::reports("so-y-te")).expect("reports");
    support::write(report, 0, "Viết sau khi đơn vị đã ngừng hoạt động.");
    let closed = yte.sync(support::QUIET).await;
    assert!(
        matches!(&closed, Err(tiendo_server::sync::native_client::ClientFailure::Closed(why)) if why.contains("agency ended")),
        "{closed:?}"
    );
    let data = tiendo_server::store::DataDir::new(server.dir.path().join("data"));
    let stored = data.open(&support::reports("so-y-te")).expect("open").map(|d| support::first_results(&d.doc));
    assert!(!stored.unwrap_or_default().contains("sau khi"), "the retired agency's change was stored");
}

#[test]
fn a_registry_change_while_the_server_runs_is_refused_with_what_to_do_and_writes_nothing() {
    let (dir, _) = support::prepare(&["so-y-te"]);
    let server = Running::spawn(dir.path());
    let data = dir.path().join("data");
    let before = digest(&data);
    let out = tiendo(&["agency", "retire", "so-y-te", "--data", data.to_str().expect("utf8")]);
    let err = support::cli::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("stop the server first"), "{err}");
    drop(server);
    assert_eq!(digest(&data), before);
}
