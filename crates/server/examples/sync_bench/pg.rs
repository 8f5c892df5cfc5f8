//! The load run on PostgreSQL: a throwaway cluster (the tests' own helper), the province moved
//! into it with `tiendo migrate`, then one node, then two nodes with the clients split between
//! them; and how long a change takes from a laptop on one node to a laptop on the other.

#[path = "../../tests/support/postgres.rs"]
#[allow(dead_code)]
mod postgres;

use super::{actor, edit_once, join, load, percentile, province, spawn_server_with, Target, QUIET};
use automerge::AutoCommit;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tiendo_server::sync::native_client::NativeClient;

/// How many changes the cross-node delay is measured on.
const CROSSINGS: usize = 100;

fn migrate(dir: &std::path::Path, url: &str) {
    let bin = super::root().join("target/release/tiendo");
    let bin = std::env::var_os("TIENDO_BIN").map(std::path::PathBuf::from).unwrap_or(bin);
    let out = std::process::Command::new(bin)
        .args(["migrate", "--from"])
        .arg(dir.join("data"))
        .args(["--to", url])
        .output()
        .expect("tiendo migrate");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// Runs the PostgreSQL rows of the bench; `files_rate` is the file store's syncs/s.
pub async fn bench(clients: usize, files_rate: f64) {
    let cluster = postgres::Cluster::start();

    let url = cluster.url("one_node");
    let dir = tempfile::tempdir().expect("tmp");
    let codes = Arc::new(province(dir.path()));
    migrate(dir.path(), &url);
    let (node, addr) = spawn_server_with(dir.path(), &["--store", &url]);
    let nodes = Arc::new(vec![(format!("http://{addr}"), format!("ws://{addr}/sync"))]);
    let (rate, p50, p99, rss) = load(Target::Tiendo { nodes, codes: codes.clone() }, clients, &[node.0.id()]).await;
    println!(
        "sync load, one node on PostgreSQL: {clients} clients, {rate:.0} syncs/s ({:.0}% of the file store; goal >= 70%), p50 {p50:.1} ms, p99 {p99:.1} ms, {:.0} MB resident",
        rate / files_rate * 100.0,
        rss[0]
    );
    drop(node);

    let url = cluster.url("two_nodes");
    let dir = tempfile::tempdir().expect("tmp");
    let codes = Arc::new(province(dir.path()));
    migrate(dir.path(), &url);
    let (one, a) = spawn_server_with(dir.path(), &["--store", &url]);
    let (two, b) = spawn_server_with(dir.path(), &["--store", &url]);
    let ends =
        vec![(format!("http://{a}"), format!("ws://{a}/sync")), (format!("http://{b}"), format!("ws://{b}/sync"))];
    let nodes = Arc::new(ends.clone());
    let both = 2 * clients;
    let (rate, p50, p99, rss) =
        load(Target::Tiendo { nodes, codes: codes.clone() }, both, &[one.0.id(), two.0.id()]).await;
    println!(
        "sync load, two nodes on PostgreSQL: {both} clients split between them, {rate:.0} syncs/s, p50 {p50:.1} ms, p99 {p99:.1} ms, nodes {:.0} and {:.0} MB resident (goal < 300 each)",
        rss[0], rss[1]
    );
    let delay = crossing(&ends, &codes[1]).await;
    println!("sync load, a change from a laptop on one node to a laptop on the other: p50 {:.1} ms, p99 {:.1} ms (goal p99 <= 1 s)", delay.0, delay.1);
}

/// One agency's laptop on each node; the first writes, the time until the second holds it.
async fn crossing(ends: &[(String, String)], (agency, code): &(String, String)) -> (f64, f64) {
    let id = format!("reports.01-qd-ubnd-2020.{agency}");
    let open = |http: String, ws: String, code: String, id: String| async move {
        let joined = join(&http, &code).await;
        let mut c = NativeClient::connect(&ws, &joined.device, &joined.token, None).await.expect("connect");
        c.docs.insert(id.clone(), AutoCommit::new().with_actor(actor(&joined.device)));
        while c.docs.get_mut(&id).expect("doc").get_heads().is_empty() {
            c.sync(QUIET).await.expect("sync");
        }
        c
    };
    let mut writer = open(ends[0].0.clone(), ends[0].1.clone(), code.clone(), id.clone()).await;
    let mut reader = open(ends[1].0.clone(), ends[1].1.clone(), code.clone(), id.clone()).await;
    let mut delays = Vec::new();
    for n in 0..CROSSINGS {
        let doc = writer.docs.get_mut(&id).expect("doc");
        edit_once(doc, &format!("lần {n}"));
        let target = doc.get_heads();
        let started = Instant::now();
        writer.push().await.expect("push");
        while reader.docs.get_mut(&id).expect("doc").get_heads() != target {
            if started.elapsed() > Duration::from_secs(10) {
                break;
            }
            let _ = writer.read_one(Duration::from_millis(1)).await;
            let _ = reader.read_one(Duration::from_millis(5)).await;
        }
        delays.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    delays.sort_by(f64::total_cmp);
    (percentile(&delays, 0.5), percentile(&delays, 0.99))
}
