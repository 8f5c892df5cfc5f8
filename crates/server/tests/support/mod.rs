//! A real server on port 0 with the built-in workspace, access codes for some agencies, and
//! devices joined over HTTP.
#![allow(dead_code)]

pub mod binary;
pub mod cli;
pub mod postgres;

use automerge::{ActorId, AutoCommit};
use std::time::Duration;
use tiendo_core::schema::{edit, ReportsDoc};
use tiendo_server::accounts::{now_ms, random_bytes, Accounts, CodePolicy};
use tiendo_server::join::Joined;
use tiendo_server::serve::{serve, AppState};
use tiendo_server::store::DataDir;
use tiendo_server::sync::native_client::NativeClient;

pub const PLAN: &str = "plan.01-qd-ubnd-2020";
pub const QUIET: Duration = Duration::from_millis(300);

/// Codes for tests that join many laptops of an agency.
pub const MANY: CodePolicy = CodePolicy { laptops: 10_000, days: 7 };

pub fn reports(agency: &str) -> String {
    format!("reports.01-qd-ubnd-2020.{agency}")
}

pub struct TestServer {
    pub http: String,
    pub ws: String,
    pub dir: tempfile::TempDir,
    pub codes: Vec<(String, String)>,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    pub hub: tiendo_server::sync::HubHandle,
}

/// Initialises a data directory with codes for `agencies`.
pub fn prepare(agencies: &[&str]) -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(dir.path().join("dist")).expect("mkdir");
    std::fs::write(dir.path().join("dist/index.html"), "<html></html>").expect("write");
    let data = DataDir::new(dir.path().join("data"));
    data.init_builtin().expect("init");
    let mut accounts = Accounts::default();
    let codes = agencies
        .iter()
        .map(|a| {
            (
                a.to_string(),
                accounts.issue(a.parse().expect("id"), random_bytes::<26>().expect("random"), now_ms(), MANY),
            )
        })
        .collect();
    accounts.save(&data).expect("save");
    (dir, codes)
}

impl TestServer {
    pub async fn start(agencies: &[&str]) -> Self {
        let (dir, codes) = prepare(agencies);
        Self::start_on(dir, codes, Default::default()).await
    }

    pub async fn start_on(
        dir: tempfile::TempDir,
        codes: Vec<(String, String)>,
        limits: tiendo_server::sync::SyncLimits,
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let data = DataDir::new(dir.path().join("data"));
        let state = AppState::start(tiendo_server::backend::Backend::Dir(data), dir.path().join("dist"), limits)
            .await
            .expect("state");
        let hub = state.hub.clone();
        let task = tokio::spawn(serve(listener, state));
        Self { http: format!("http://{addr}"), ws: format!("ws://{addr}/sync"), dir, codes, task, hub }
    }

    /// Stops as on SIGTERM (the hub keeps its peers' sync states) and hands back the data.
    pub async fn stop_gracefully(self) -> (tempfile::TempDir, Vec<(String, String)>) {
        self.task.abort();
        self.hub.shutdown().await;
        (self.dir, self.codes)
    }

    pub fn code(&self, agency: &str) -> &str {
        &self.codes.iter().find(|(a, _)| a == agency).expect("code").1
    }

    /// Joins a device of `agency` over HTTP.
    pub async fn join(&self, agency: &str) -> Joined {
        join(&self.http, self.code(agency)).await
    }

    /// Joins and connects a client with empty documents `ids`, synced.
    pub async fn client(&self, agency: &str, ids: &[&str]) -> (NativeClient, Joined) {
        let joined = self.join(agency).await;
        let client = connect(&self.ws, &joined, ids).await;
        (client, joined)
    }

    /// The heads of the server's stored document (none if nothing of it is stored yet).
    pub fn stored_heads(&self, id: &str) -> Vec<automerge::ChangeHash> {
        let stored = DataDir::new(self.dir.path().join("data")).open(id).expect("open");
        stored.map(|mut d| d.doc.get_heads()).unwrap_or_default()
    }

    /// The server's stored document, read from its data directory.
    pub fn stored(&self, id: &str) -> AutoCommit {
        DataDir::new(self.dir.path().join("data")).open(id).expect("open").expect("stored").doc
    }
}

pub async fn join(http: &str, code: &str) -> Joined {
    join_with_key(http, code, "").await
}

/// Joins with a device key registered (`public_hex`, or none if empty).
pub async fn join_with_key(http: &str, code: &str, public_hex: &str) -> Joined {
    let res = reqwest::Client::new()
        .post(format!("{http}/api/join"))
        .body(format!(r#"{{"code": "{code}", "name": "test", "public_key": "{public_hex}"}}"#))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 200);
    serde_json::from_str(&res.text().await.expect("body")).expect("json")
}

pub fn actor(joined: &Joined) -> ActorId {
    let mut bytes = tiendo_core::hex::decode(&joined.device).expect("hex");
    bytes.extend_from_slice(&random_bytes::<4>().expect("random"));
    ActorId::from(bytes)
}

pub async fn connect(ws: &str, joined: &Joined, ids: &[&str]) -> NativeClient {
    let mut client = NativeClient::connect(ws, &joined.device, &joined.token, None).await.expect("connect");
    for id in ids {
        client.docs.insert(id.to_string(), AutoCommit::new().with_actor(actor(joined)));
    }
    client.sync(QUIET).await.expect("sync");
    client
}

/// The results text of the first task of the first period.
pub fn first_results(doc: &AutoCommit) -> String {
    let value: ReportsDoc = tiendo_core::schema::read(doc).expect("read");
    value.reports.periods[0].tasks[0].results.to_string()
}

/// Writes `text` into the results of task `task_index` of the first period. Returns the change,
/// if there was one: merged concurrent edits of one text can already spell `text`.
pub fn write(doc: &mut AutoCommit, task_index: usize, text: &str) -> Option<automerge::ChangeHash> {
    let value: ReportsDoc = tiendo_core::schema::read(doc).expect("read");
    let period = value.reports.periods[0].period.clone();
    let task = value.reports.periods[0].tasks[task_index].task.clone();
    edit::edit_task(doc, &period, &task, |t| t.results = text.into()).expect("edit");
    doc.commit()
}
