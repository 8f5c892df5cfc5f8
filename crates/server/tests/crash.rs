//! `kill -9` of the real `tiendo serve` while 200 devices write: after a restart, every change
//! the server acknowledged is there.

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::binary::Running;
use support::*;
use tiendo_core::schema::genesis::{empty_reports, genesis};
use tiendo_core::schema::ReportsDoc;

const WRITERS: usize = 200;

/// Agencies whose reports have at least one task in the first period.
fn writing_agencies() -> Vec<String> {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    registry
        .agencies
        .iter()
        .filter(|a| {
            let r: ReportsDoc = empty_reports(&parsed.plan, &registry, &a.id);
            genesis(&r).is_ok() && r.reports.periods.first().is_some_and(|p| !p.tasks.is_empty())
        })
        .map(|a| a.id.to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_during_200_writers_loses_no_acknowledged_change() {
    let agencies = writing_agencies();
    assert!(agencies.len() >= 10, "{agencies:?}");
    let names: Vec<&str> = agencies.iter().map(String::as_str).collect();
    let (dir, codes) = prepare(&names);
    let mut server = Running::spawn(dir.path());
    let addr = server.addr.clone();
    let http = format!("http://{addr}");
    let ws = format!("ws://{addr}/sync");

    let acked: Arc<Mutex<Vec<(String, automerge::ChangeHash)>>> = Arc::default();
    let started = std::time::Instant::now();
    let mut devices = Vec::new();
    for w in 0..WRITERS {
        let (agency, code) = codes[w % codes.len()].clone();
        devices.push((agency, join(&http, &code).await));
    }
    eprintln!("{WRITERS} devices joined in {:?}", started.elapsed());
    let ready = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut writers = Vec::new();
    for (w, (agency, joined)) in devices.into_iter().enumerate() {
        let (ws, acked, ready) = (ws.clone(), acked.clone(), ready.clone());
        writers.push(tokio::spawn(async move {
            let id = reports(&agency);
            let Ok(mut client) =
                tiendo_server::sync::native_client::NativeClient::connect(&ws, &joined.device, &joined.token, None)
                    .await
            else {
                return;
            };
            client.docs.insert(id.clone(), automerge::AutoCommit::new().with_actor(actor(&joined)));
            // Under load the first sync may take a while: wait until the document is here.
            while client.docs.get_mut(&id).is_some_and(|d| d.get_heads().is_empty()) {
                if client.sync(QUIET).await.is_err() {
                    return;
                }
            }
            ready.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            for n in 0.. {
                let Some(hash) = write(client.docs.get_mut(&id).expect("doc"), 0, &format!("writer {w}, edit {n}"))
                else {
                    continue;
                };
                if client.sync_confirmed(&id, Duration::from_secs(10)).await.is_err() {
                    return;
                }
                acked.lock().expect("lock").push((id.clone(), hash));
            }
        }));
    }
    // When all are writing, let them write a while, then kill the server without warning.
    let started = std::time::Instant::now();
    while ready.load(std::sync::atomic::Ordering::SeqCst) < WRITERS && started.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!(
        "{} writers synced and writing after {:?}",
        ready.load(std::sync::atomic::Ordering::SeqCst),
        started.elapsed()
    );
    // Let them write a while (at least a write each on average, however fast this machine is),
    // then kill the server without warning.
    let writing = std::time::Instant::now();
    while acked.lock().expect("lock").len() < 2 * WRITERS && writing.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    eprintln!("killed after {:?} of writing", writing.elapsed());
    server.kill();
    for w in writers {
        let _ = tokio::time::timeout(Duration::from_secs(15), w).await;
    }
    let acked = acked.lock().expect("lock").clone();
    assert!(acked.len() >= WRITERS, "too few acknowledged writes to mean anything: {}", acked.len());

    // Restart: the server loads everything, and every acknowledged change is in its documents.
    drop(Running::spawn(dir.path()));
    let data = tiendo_server::store::DataDir::new(dir.path().join("data"));
    let mut missing = Vec::new();
    let mut docs = std::collections::HashMap::new();
    for (id, hash) in &acked {
        let doc = docs.entry(id.clone()).or_insert_with(|| data.open(id).expect("open").expect("stored").doc);
        if doc.get_change_by_hash(hash).is_none() {
            missing.push((id.clone(), *hash));
        }
    }
    eprintln!("{} acknowledged changes by {WRITERS} writers, {} missing after kill -9", acked.len(), missing.len());
    assert!(missing.is_empty(), "lost acknowledged changes: {missing:?}");
}
