//! The sync bench: bytes on the wire for a province's idle reconnect and for one edited field,
//! then a load run of N native clients (default 1,000) each syncing one report edit, against
//! `tiendo serve` and against automerge-repo's own Node sync server, in the same run.
//!
//! The same load then runs on PostgreSQL: one node, then two nodes with the clients split between
//! them, with the delay of a change from one node's laptop to the other's.
//!
//! `cargo run --release -p tiendo-server --example sync_bench -- [CLIENTS] [--no-js]`
//! (scripts/bench.sh builds the release server first and installs the Node reference.)
#![allow(clippy::expect_used, clippy::unwrap_used)]

use automerge::{ActorId, AutoCommit};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tiendo_core::model::{Agency, AgencyKind};
use tiendo_core::schema::genesis::{empty_reports, genesis, reports_doc_id};
use tiendo_core::schema::{edit, ReportsDoc, WorkspaceDoc};
use tiendo_server::accounts::{now_ms, random_bytes, Accounts, CodePolicy};
use tiendo_server::join::Joined;
use tiendo_server::store::DataDir;
use tiendo_server::sync::native_client::NativeClient;

mod pg;

const REPORT_DOCS: usize = 200;
const QUIET: Duration = Duration::from_millis(400);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Trà Vinh workspace grown to 200 agencies (so 200 report documents), with a code each.
/// (Communes added to the 2020 plan would have no task, so no report: they are districts here.)
fn province(dir: &Path) -> Vec<(String, String)> {
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    std::fs::write(dir.join("dist/index.html"), "<html></html>").unwrap();
    let data = DataDir::new(dir.join("data"));
    data.init_builtin().unwrap();
    let (mut doc, mut ws) = data.load_doc::<WorkspaceDoc>("workspace").unwrap();
    for n in ws.agencies.agencies.len()..REPORT_DOCS {
        ws.agencies.agencies.push(Agency::new(
            // District-level, so that the 2020 plan's tasks for districts give each a report.
            format!("huyen-{n:03}").parse().unwrap(),
            format!("UBND huyện số {n}"),
            format!("H{n}"),
            AgencyKind::District,
        ));
    }
    data.store_doc("workspace", &mut doc, &ws).unwrap();
    let mut accounts = Accounts::default();
    let codes = ws
        .agencies
        .agencies
        .iter()
        .map(|a| {
            (
                a.id.to_string(),
                accounts.issue(
                    a.id.clone(),
                    random_bytes::<26>().unwrap(),
                    now_ms(),
                    CodePolicy { laptops: 100_000, days: 1 },
                ),
            )
        })
        .collect();
    accounts.save(&data).unwrap();
    codes
}

/// A child process killed when dropped (also when the bench panics).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn_server(dir: &Path) -> (Killed, String) {
    spawn_server_with(dir, &[])
}

fn spawn_server_with(dir: &Path, more: &[&str]) -> (Killed, String) {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    let bin = std::env::var_os("TIENDO_BIN").map(PathBuf::from).unwrap_or_else(|| target.join("release/tiendo"));
    let mut child = Command::new(&bin)
        // Every client comes from 127.0.0.1: the per-address cap would count them all as one.
        .args(["serve", "--addr", "127.0.0.1:0", "--max-messages-per-second", "100000"])
        .args(["--max-connections-per-address", "100000", "--data"])
        .arg(dir.join("data"))
        .arg("--dist")
        .arg(dir.join("dist"))
        .args(more)
        // The default log level, as `scripts/run.sh` runs it: logging is part of the cost.
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e} (build it: cargo build --release -p tiendo-server)", bin.display()));
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    (Killed(child), line.trim().rsplit("http://").next().unwrap().to_owned())
}

async fn join(http: &str, code: &str) -> Joined {
    let res = reqwest::Client::new()
        .post(format!("{http}/api/join"))
        .body(format!(r#"{{"code": "{code}"}}"#))
        .send()
        .await
        .unwrap();
    serde_json::from_str(&res.text().await.unwrap()).unwrap()
}

fn actor(device: &str) -> ActorId {
    let mut bytes = tiendo_core::hex::decode(device).unwrap();
    bytes.extend_from_slice(&random_bytes::<4>().unwrap());
    ActorId::from(bytes)
}

/// Writes into the general part of the first period (every report has one).
fn edit_once(doc: &mut AutoCommit, text: &str) {
    let value: ReportsDoc = tiendo_core::schema::read(doc).unwrap();
    let period = value.reports.periods[0].period.clone();
    edit::edit_general(doc, &period, |g| g.results = text.into()).unwrap();
    doc.commit();
}

fn base58(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut digits: Vec<u8> = Vec::new();
    for &b in bytes {
        let mut carry = u32::from(b);
        for d in &mut digits {
            carry += u32::from(*d) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    std::iter::repeat_n('1', zeros).chain(digits.iter().rev().map(|d| ALPHABET[*d as usize] as char)).collect()
}

/// An automerge-repo document id: bs58check of 16 random bytes.
fn repo_doc_id() -> String {
    let payload = random_bytes::<16>().unwrap();
    let check = Sha256::digest(Sha256::digest(payload));
    let mut bytes = payload.to_vec();
    bytes.extend_from_slice(&check[..4]);
    base58(&bytes)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// The idle reconnect of the provincial office (it reads every document) and one edited field.
async fn wire_bytes(codes: &[(String, String)], http: &str, ws: &str) {
    // Every agency writes its report a few times, so documents have a history.
    let mut tasks = Vec::new();
    for (agency, code) in codes {
        let (agency, code, http, ws) = (agency.clone(), code.clone(), http.to_owned(), ws.to_owned());
        tasks.push(tokio::spawn(async move {
            let joined = join(&http, &code).await;
            let mut c = NativeClient::connect(&ws, &joined.device, &joined.token, None).await.unwrap();
            let id = reports_doc_id(&"01-qd-ubnd-2020".parse().unwrap(), &agency.parse().unwrap());
            c.docs.insert(id.clone(), AutoCommit::new().with_actor(actor(&joined.device)));
            while c.docs.get_mut(&id).unwrap().get_heads().is_empty() {
                c.sync(QUIET).await.unwrap();
            }
            for n in 0..10 {
                edit_once(c.docs.get_mut(&id).unwrap(), &format!("{agency}: lần {n}"));
                c.sync_confirmed(&id, Duration::from_secs(30)).await.unwrap();
            }
            c.close().await;
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let office_code = &codes.iter().find(|(a, _)| a == "vp-ubnd").unwrap().1;
    let office = join(http, office_code).await;
    let mut c = NativeClient::connect(ws, &office.device, &office.token, None).await.unwrap();
    let mut ids = vec!["workspace".to_owned(), "plan.01-qd-ubnd-2020".into(), "reviews.01-qd-ubnd-2020".into()];
    ids.extend(codes.iter().map(|(a, _)| format!("reports.01-qd-ubnd-2020.{a}")));
    for id in &ids {
        c.docs.insert(id.clone(), AutoCommit::new().with_actor(actor(&office.device)));
    }
    c.sync(QUIET).await.unwrap();
    let first = c.bytes;
    let states: Vec<(String, Vec<u8>)> =
        ids.iter().map(|id| (id.clone(), c.persisted(id).unwrap_or_default())).collect();
    let docs = std::mem::take(&mut c.docs);
    c.close().await;
    let mut again = NativeClient::connect(ws, &office.device, &office.token, None).await.unwrap();
    again.docs = docs;
    for (id, s) in &states {
        again.restore(id, s);
    }
    again.sync(QUIET).await.unwrap();
    let idle = again.bytes;
    println!(
        "sync bytes, the office's {} documents ({REPORT_DOCS} reports): first download {:.1} KB; idle reconnect {} B sent + {} B received = {:.0} B per document",
        ids.len(),
        (first.0 + first.1) as f64 / 1024.0,
        idle.0,
        idle.1,
        (idle.0 + idle.1) as f64 / ids.len() as f64
    );
    // One field edited by one agency: what its laptop sends and receives.
    let (agency, code) = &codes[1];
    let joined = join(http, code).await;
    let mut w = NativeClient::connect(ws, &joined.device, &joined.token, None).await.unwrap();
    let id = format!("reports.01-qd-ubnd-2020.{agency}");
    w.docs.insert(id.clone(), AutoCommit::new().with_actor(actor(&joined.device)));
    w.sync(QUIET).await.unwrap();
    let before = w.bytes;
    edit_once(w.docs.get_mut(&id).unwrap(), "Một trường được sửa.");
    w.sync_confirmed(&id, Duration::from_secs(10)).await.unwrap();
    w.sync(QUIET).await.unwrap();
    println!("sync bytes, one edited field: {} B sent + {} B received", w.bytes.0 - before.0, w.bytes.1 - before.1);
}

/// Who the load run talks to.
#[derive(Clone)]
enum Target {
    /// One or more nodes (`(http, ws)`); client n talks to node n mod their number.
    Tiendo {
        nodes: Arc<Vec<(String, String)>>,
        codes: Arc<Vec<(String, String)>>,
    },
    Js {
        ws: String,
        ids: Arc<Vec<String>>,
    },
}

/// N clients connect and sync their report; then each edits once and waits for the server's
/// confirmation. Returns (syncs per second, p50 ms, p99 ms).
async fn load(target: Target, clients: usize, server_pids: &[u32]) -> (f64, f64, f64, Vec<f64>) {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().unwrap();
    let genesis_doc = genesis(&empty_reports(&parsed.plan, &registry, &"so-y-te".parse().unwrap())).unwrap();
    let ready = Arc::new(tokio::sync::Barrier::new(clients + 1));
    let go = Arc::new(tokio::sync::Barrier::new(clients + 1));
    let mut tasks = Vec::new();
    for n in 0..clients {
        let (target, ready, go, genesis_doc) = (target.clone(), ready.clone(), go.clone(), genesis_doc.clone());
        tasks.push(tokio::spawn(async move {
            let (mut c, id, device) = match &target {
                Target::Tiendo { nodes, codes } => {
                    let (http, ws) = &nodes[n % nodes.len()];
                    let (agency, code) = &codes[n % codes.len()];
                    let joined = join(http, code).await;
                    let c = NativeClient::connect(ws, &joined.device, &joined.token, None).await.unwrap();
                    (c, format!("reports.01-qd-ubnd-2020.{agency}"), joined.device)
                }
                Target::Js { ws, ids } => {
                    let device = tiendo_core::hex::encode(&random_bytes::<16>().unwrap());
                    (NativeClient::connect_open(ws, &device).await.unwrap(), ids[n % ids.len()].clone(), device)
                }
            };
            // Both servers end up holding a report of the same shape: ours makes each agency's
            // genesis and the clients fetch it; the reference gets one from the first client.
            let start = match &target {
                Target::Tiendo { .. } => AutoCommit::new(),
                Target::Js { .. } => genesis_doc,
            };
            c.docs.insert(id.clone(), start.with_actor(actor(&device)));
            while c.docs.get_mut(&id).unwrap().get_heads().is_empty() {
                c.sync(QUIET).await.unwrap();
            }
            ready.wait().await;
            go.wait().await;
            edit_once(c.docs.get_mut(&id).unwrap(), &format!("client {n}"));
            let started = Instant::now();
            c.sync_confirmed(&id, Duration::from_secs(120)).await.unwrap();
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            (c, ms)
        }));
    }
    ready.wait().await;
    let rss = server_pids.iter().map(|pid| tiendo_server::memory::resident_mb(*pid)).collect();
    let started = Instant::now();
    go.wait().await;
    let mut latencies = Vec::new();
    let mut keep = Vec::new();
    for t in tasks {
        let (c, ms) = t.await.unwrap();
        latencies.push(ms);
        keep.push(c);
    }
    let wall = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    (clients as f64 / wall, percentile(&latencies, 0.5), percentile(&latencies, 0.99), rss)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let clients: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1000);
    let with_js = !args.iter().any(|a| a == "--no-js");
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let codes = province(dir.path());
        let (server, addr) = spawn_server(dir.path());
        let (http, ws) = (format!("http://{addr}"), format!("ws://{addr}/sync"));
        wire_bytes(&codes, &http, &ws).await;
        let target = Target::Tiendo { nodes: Arc::new(vec![(http, ws)]), codes: Arc::new(codes) };
        let (rate, p50, p99, rss) = load(target, clients, &[server.0.id()]).await;
        println!(
            "sync load, tiendo serve: {clients} clients, {rate:.0} syncs/s, p50 {p50:.1} ms, p99 {p99:.1} ms, server {:.0} MB resident with all connected",
            rss[0]
        );
        drop(server);
        pg::bench(clients, rate).await;
        if !with_js {
            return;
        }
        let js_dir = root().join("crates/server/bench/js-sync-server");
        let data = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut node = Command::new("node")
            .arg(js_dir.join("server.mjs"))
            .arg(port.to_string())
            .arg(data.path())
            .current_dir(&js_dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node (the reference server needs Node.js and `npm ci` in crates/server/bench/js-sync-server)");
        let mut line = String::new();
        BufReader::new(node.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let node = Killed(node);
        let ids: Vec<String> = (0..REPORT_DOCS).map(|_| repo_doc_id()).collect();
        let target = Target::Js { ws: format!("ws://127.0.0.1:{port}"), ids: Arc::new(ids) };
        let (js_rate, js_p50, js_p99, js_rss) = load(target, clients, &[node.0.id()]).await;
        println!(
            "sync load, automerge-repo (Node): {clients} clients, {js_rate:.0} syncs/s, p50 {js_p50:.1} ms, p99 {js_p99:.1} ms, server {:.0} MB resident",
            js_rss[0]
        );
        println!(
            "sync load, ratio: tiendo {:.2}x the throughput of automerge-repo (goal >= 3x), p99 {:.1} vs {:.1} ms",
            rate / js_rate,
            p99,
            js_p99
        );
        drop(node);
    });
}
