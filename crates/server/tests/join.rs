//! Joining: a browser exchanges an agency's access code for a device id and credential over
//! real HTTP on port 0; the device is registered in the workspace document with its agency.

use tiendo_core::schema::WorkspaceDoc;
use tiendo_server::accounts::{now_ms, random_bytes, Accounts, CodePolicy};
use tiendo_server::join::Joined;
use tiendo_server::serve::{serve, AppState};
use tiendo_server::store::DataDir;

async fn start() -> (String, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("mkdir");
    std::fs::write(dist.join("index.html"), "<html></html>").expect("write");
    let data = DataDir::new(dir.path().join("data"));
    data.init_builtin().expect("init");
    let mut accounts = Accounts::default();
    let code = accounts.issue(
        "h-cang-long".parse().expect("id"),
        random_bytes::<26>().expect("random"),
        now_ms(),
        CodePolicy { laptops: 3, days: 7 },
    );
    accounts.save(&data).expect("save");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(serve(
        listener,
        AppState::start(tiendo_server::backend::Backend::Dir(data), dist, Default::default()).await.expect("state"),
    ));
    (url, dir, code)
}

async fn post(url: &str, body: &str) -> (u16, String) {
    let res = reqwest::Client::new()
        .post(format!("{url}/api/join"))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("post");
    (res.status().as_u16(), res.text().await.expect("body"))
}

fn workspace(dir: &tempfile::TempDir) -> (Vec<u8>, WorkspaceDoc) {
    let (mut doc, ws) = tiendo_server::store::DataDir::new(dir.path().join("data"))
        .load_doc::<WorkspaceDoc>("workspace")
        .expect("load");
    (doc.save(), ws)
}

#[tokio::test]
async fn a_right_code_registers_the_device_with_its_agency_and_returns_a_working_credential() {
    let (url, dir, code) = start().await;
    let (status, body) =
        post(&url, &format!(r#"{{"code": "{}", "name": "Máy phòng Kế hoạch"}}"#, code.to_lowercase())).await;
    assert_eq!(status, 200, "{body}");
    let joined: Joined = serde_json::from_str(&body).expect("json");
    assert_eq!((joined.agency.as_str(), joined.workspace.as_str()), ("h-cang-long", "tra-vinh-2020"));
    let (_, ws) = workspace(&dir);
    let device = ws.devices.iter().find(|d| d.id.as_str() == joined.device).expect("registered in the workspace");
    assert_eq!((device.agency.as_str(), device.name.as_str()), ("h-cang-long", "Máy phòng Kế hoạch"));
    let accounts = Accounts::load(&DataDir::new(dir.path().join("data"))).expect("accounts");
    let id = joined.device.parse().expect("device id");
    assert_eq!(accounts.authenticate(&id, &joined.token).map(|a| a.as_str()), Some("h-cang-long"));
    assert_eq!(accounts.authenticate(&id, "not the token"), None);
    let stored = std::fs::read_to_string(dir.path().join("data/accounts.json")).expect("read");
    assert!(!stored.contains(&joined.token), "the credential is stored in clear");
}

#[tokio::test]
async fn a_wrong_or_malformed_request_is_refused_and_changes_nothing() {
    let (url, dir, _code) = start().await;
    let (before, _) = workspace(&dir);
    let accounts_before = std::fs::read(dir.path().join("data/accounts.json")).expect("read");
    let (status, body) = post(&url, r#"{"code": "AAAA-BBBB-CCCC-DDDD"}"#).await;
    assert_eq!(status, 401);
    let said: tiendo_core::sync::ApiError = serde_json::from_str(&body).expect("json");
    assert_eq!(
        said.code,
        Some(tiendo_core::sync::ApiErrorCode::WrongCode),
        "a code the app says in the user's language"
    );
    let (status, body) = post(&url, "not json").await;
    assert_eq!(status, 400);
    assert!(body.contains("\"code\":\"bad_request\""), "{body}");
    assert_eq!(post(&url, &format!(r#"{{"code": "{}"}}"#, "x".repeat(10_000))).await.0, 413, "oversized body");
    let (after, _) = workspace(&dir);
    assert_eq!(before, after, "the workspace document changed");
    assert_eq!(accounts_before, std::fs::read(dir.path().join("data/accounts.json")).expect("read"));
}
