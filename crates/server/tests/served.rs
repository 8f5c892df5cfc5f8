//! The real `tiendo serve`, run as `scripts/run.sh` runs it (the default log level, output read
//! as a terminal would): refused upgrades, a laptop that joins and syncs, and SIGTERM with
//! connections open. The server once froze here: every log line from a worker thread waited for
//! a stdout lock the main thread held for the whole command.

mod support;

use std::time::Duration;
use support::binary::Running;
use support::*;

/// A plain HTTP GET over a fresh connection; the status code, or `None` on timeout.
async fn status_of(addr: &str, path: &str, limit: Duration) -> Option<u16> {
    let get = reqwest::Client::new().get(format!("http://{addr}{path}")).send();
    let res = tokio::time::timeout(limit, get).await.ok()?.ok()?;
    Some(res.status().as_u16())
}

/// A WebSocket upgrade to `/sync` with no credential: the server answers 401.
async fn refused_upgrade(addr: &str) -> u16 {
    use tokio_tungstenite::tungstenite::Error;
    match tokio_tungstenite::connect_async(format!("ws://{addr}/sync")).await {
        Err(Error::Http(res)) => res.status().as_u16(),
        other => panic!("an upgrade without a credential must be refused, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_refused_upgrades_at_the_default_log_level_leave_the_server_answering() {
    let (dir, _) = prepare(&[]);
    let server = Running::spawn(dir.path());
    for _ in 0..50 {
        let status = tokio::time::timeout(Duration::from_secs(5), refused_upgrade(&server.addr))
            .await
            .expect("the server answers an upgrade within 5 s");
        assert_eq!(status, 401);
    }
    assert_eq!(status_of(&server.addr, "/", Duration::from_secs(5)).await, Some(200), "the page answers");
    assert_eq!(status_of(&server.addr, "/api/health", Duration::from_secs(5)).await, Some(200));
    let log = server.log();
    assert!(log.matches("sync connection refused").count() >= 50, "each refusal is logged:\n{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_laptop_joins_and_syncs_with_the_server_at_the_default_log_level() {
    let (dir, codes) = prepare(&["so-y-te"]);
    let server = Running::spawn(dir.path());
    let http = format!("http://{}", server.addr);
    let joined = tokio::time::timeout(Duration::from_secs(10), join(&http, &codes[0].1)).await.expect("join answers");
    let id = reports("so-y-te");
    let mut client = connect(&format!("ws://{}/sync", server.addr), &joined, &[&id, "workspace"]).await;
    assert!(!client.docs.get_mut("workspace").expect("held").get_heads().is_empty(), "the workspace arrived");
    let hash = write(client.docs.get_mut(&id).expect("doc"), 0, "Đã triển khai tại 5 xã.").expect("a change");
    client.sync_confirmed(&id, Duration::from_secs(10)).await.expect("the server confirms the change");
    client.close().await;
    drop(server);
    let data = tiendo_server::store::DataDir::new(dir.path().join("data"));
    let mut stored = data.open(&id).expect("open").expect("stored").doc;
    assert!(stored.get_change_by_hash(&hash).is_some(), "the change is on the server's disk");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_server_within_five_seconds_while_connections_are_open() {
    let (dir, codes) = prepare(&["so-y-te"]);
    let mut server = Running::spawn(dir.path());
    let joined = join(&format!("http://{}", server.addr), &codes[0].1).await;
    let ws = format!("ws://{}/sync", server.addr);
    let mut clients = Vec::new();
    for _ in 0..3 {
        clients.push(connect(&ws, &joined, &["workspace"]).await);
    }
    // A half-open HTTP connection too: connected, a request never finished.
    let mut idle = tokio::net::TcpStream::connect(&server.addr).await.expect("connect");
    tokio::io::AsyncWriteExt::write_all(&mut idle, b"GET / HTTP/1.1\r\nHost: x\r\n").await.expect("send");
    let took = server.terminate(Duration::from_secs(5));
    assert!(took.is_some(), "tiendo serve did not stop within 5 s of SIGTERM:\n{}", server.log());
    eprintln!("stopped {:?} after SIGTERM with {} sync connections open", took.expect("time"), clients.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_laptop_that_vanishes_without_closing_is_logged_as_lost_and_never_as_a_bad_frame() {
    let (dir, codes) = prepare(&["so-y-te"]);
    let server = Running::spawn(dir.path());
    let joined = join(&format!("http://{}", server.addr), &codes[0].1).await;
    let ws = format!("ws://{}/sync", server.addr);
    // A tab whose engine is stopped as the page goes away: the socket is dropped, no close frame.
    drop(connect(&ws, &joined, &["workspace"]).await);
    connect(&ws, &joined, &["workspace"]).await.close().await;
    let started = std::time::Instant::now();
    while server.log().matches("sync connection closed").count() < 2 && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let log = server.log();
    assert!(log.contains("why=\"connection lost\""), "{log}");
    assert!(log.contains("why=\"closed by the client\""), "{log}");
    assert!(!log.contains("bad frame"), "{log}");
}
