//! Online sync against the real server on port 0 over real WebSockets: merging, rights, and the
//! checks at the upgrade.

mod support;

use std::time::Duration;
use support::*;
use tiendo_core::sync::WireMessage;
use tiendo_server::sync::native_client::{ClientFailure, NativeClient};

const YTE: &str = "so-y-te";
const TC: &str = "so-tai-chinh";

#[tokio::test]
async fn two_laptops_of_one_agency_edit_offline_and_both_end_with_both_edits() {
    let server = TestServer::start(&[YTE]).await;
    let id = reports(YTE);
    let (mut a, _) = server.client(YTE, &["workspace", &id]).await;
    let (mut b, _) = server.client(YTE, &["workspace", &id]).await;
    // Both edit different tasks while "offline" (nothing sent), then sync.
    write(a.docs.get_mut(&id).expect("doc"), 0, "laptop A: tiêm chủng 95%");
    write(b.docs.get_mut(&id).expect("doc"), 1, "laptop B: khám sàng lọc");
    a.sync_confirmed(&id, Duration::from_secs(5)).await.expect("a");
    b.sync_confirmed(&id, Duration::from_secs(5)).await.expect("b");
    a.sync(QUIET).await.expect("a again");
    let heads = |c: &mut NativeClient| c.docs.get_mut(&id).expect("doc").get_heads();
    assert_eq!(heads(&mut a), heads(&mut b));
    let value: tiendo_core::schema::ReportsDoc = tiendo_core::schema::read(&a.docs[&id]).expect("read");
    let tasks = &value.reports.periods[0].tasks;
    assert_eq!(tasks[0].results.as_str(), "laptop A: tiêm chủng 95%");
    assert_eq!(tasks[1].results.as_str(), "laptop B: khám sàng lọc");
    // And it is on the server's disk.
    assert_eq!(server.stored(&id).get_heads(), heads(&mut a));
    assert!(a.refused.is_empty() && b.refused.is_empty());
}

#[tokio::test]
async fn a_device_of_one_agency_cannot_write_anothers_report_or_the_plan() {
    let server = TestServer::start(&[YTE, TC]).await;
    let b_id = reports(TC);
    let (mut b, _) = server.client(TC, &[&b_id]).await;
    write(b.docs.get_mut(&b_id).expect("doc"), 0, "Sở Tài chính viết");
    b.sync_confirmed(&b_id, Duration::from_secs(5)).await.expect("b");
    let plan_before = server.stored(PLAN).save();
    let b_before = server.stored(&b_id).get_heads();

    // A hand-written protocol client with Sở Y tế's credential.
    let joined = server.join(YTE).await;
    let mut a = NativeClient::connect(&server.ws, &joined.device, &joined.token, None).await.expect("connect");
    let _ = &mut a;
    let mut forged_report = b.docs[&b_id].clone().with_actor(actor(&joined));
    write(&mut forged_report, 0, "Sở Y tế ghi đè");
    let mut forged_plan = server.stored(PLAN).with_actor(actor(&joined));
    automerge::transaction::Transactable::put(&mut forged_plan, automerge::ROOT, "kind", "hacked").expect("put");
    forged_plan.commit();
    a.docs.insert(b_id.clone(), forged_report);
    a.docs.insert(PLAN.into(), forged_plan);
    a.sync(QUIET).await.expect("sync");
    assert!(a.unavailable.contains(&b_id), "another agency's report is not even given: {a:?}");
    assert!(a.refused.iter().any(|(d, _)| d == PLAN), "the plan change is refused: {a:?}");

    assert!(server.stored(PLAN).save() == plan_before, "the plan on the server is unchanged");
    assert_eq!(server.stored(&b_id).get_heads(), b_before, "B's report on the server is unchanged");
    b.sync(QUIET).await.expect("b again");
    assert_eq!(first_results(&b.docs[&b_id]), "Sở Tài chính viết", "B's laptop is unchanged");
}

#[tokio::test]
async fn wrong_credentials_and_foreign_origins_are_refused_at_the_upgrade() {
    let server = TestServer::start(&[YTE]).await;
    let joined = server.join(YTE).await;
    let status = |r: Result<NativeClient, ClientFailure>| match r {
        Err(ClientFailure::Socket(tokio_tungstenite::tungstenite::Error::Http(res))) => res.status().as_u16(),
        other => panic!("expected an HTTP refusal, got {other:?}"),
    };
    let wrong_token = "0".repeat(joined.token.len());
    assert_eq!(status(NativeClient::connect(&server.ws, &joined.device, &wrong_token, None).await), 401);
    let unknown_device = "ab".repeat(16);
    assert_eq!(status(NativeClient::connect(&server.ws, &unknown_device, &joined.token, None).await), 401);
    let foreign = Some("http://evil.example");
    assert_eq!(status(NativeClient::connect(&server.ws, &joined.device, &joined.token, foreign).await), 403);
    let own = server.http.clone();
    NativeClient::connect(&server.ws, &joined.device, &joined.token, Some(&own)).await.expect("own origin is fine");
    // A revoked code no longer joins.
    let res = reqwest::Client::new()
        .post(format!("{}/api/join", server.http))
        .body(format!(r#"{{"code": "{}"}}"#, "ABCD-EFGH-JKLM-NPQR"))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 401);
}

#[tokio::test]
async fn an_oversized_message_or_a_flood_closes_the_connection_and_changes_nothing() {
    let (dir, codes) = prepare(&[YTE]);
    let limits = tiendo_server::sync::SyncLimits {
        max_message_bytes: 64 * 1024,
        messages_per_second: 5,
        burst: 20,
        ..Default::default()
    };
    let server = TestServer::start_on(dir, codes, limits).await;
    let id = reports(YTE);
    let (mut c, _) = server.client(YTE, &[&id]).await;
    write(c.docs.get_mut(&id).expect("doc"), 0, "trước");
    c.sync_confirmed(&id, Duration::from_secs(5)).await.expect("sync");
    let before = server.stored(&id).get_heads();
    let huge = WireMessage::Sync {
        doc: id.clone(),
        sender: "x".into(),
        target: "tiendo-server".into(),
        data: vec![0; 200_000],
    };
    let _ = c.send_raw(huge.encode()).await;
    let closed = c.read_one(Duration::from_secs(5)).await;
    assert!(closed.is_err(), "the connection must close: {closed:?}");

    let (mut c, _) = server.client(YTE, &[&id]).await;
    let mut result = Ok(());
    for _ in 0..200 {
        result = c.send_raw(WireMessage::Other { kind: "ephemeral".into() }.encode()).await;
        if result.is_err() {
            break;
        }
    }
    let closed = match result {
        Err(e) => Err(e),
        Ok(()) => loop {
            match c.read_one(Duration::from_secs(5)).await {
                Ok(()) => continue,
                Err(e) => break Err::<(), _>(e),
            }
        },
    };
    assert!(matches!(closed, Err(ClientFailure::Closed(_) | ClientFailure::Socket(_))), "{closed:?}");
    assert_eq!(server.stored(&id).get_heads(), before);
}

#[tokio::test]
async fn malformed_messages_get_an_error_and_a_close_never_a_crash() {
    let server = TestServer::start(&[YTE]).await;
    let id = reports(YTE);
    for bad in [vec![], vec![0xff; 10], b"\xa1\x64type\x64sync".to_vec()] {
        let (mut c, _) = server.client(YTE, &[&id]).await;
        c.send_raw(bad).await.expect("send");
        let r = c.read_one(Duration::from_secs(5)).await;
        assert!(matches!(r, Err(ClientFailure::Closed(_))), "{r:?}");
    }
    // The server still serves.
    let (mut c, _) = server.client(YTE, &[&id]).await;
    write(c.docs.get_mut(&id).expect("doc"), 0, "vẫn chạy");
    c.sync_confirmed(&id, Duration::from_secs(5)).await.expect("sync");
}

/// Syncs, stops the server gracefully, starts it again on the same data, and reconnects idle
/// with the persisted client states: returns (bytes sent, bytes received) of the reconnect.
async fn idle_reconnect_after_restart(keep_states: bool) -> (usize, usize) {
    let (dir, codes) = prepare(&[YTE]);
    let server = TestServer::start_on(dir, codes, Default::default()).await;
    let id = reports(YTE);
    let (mut c, joined) = server.client(YTE, &["workspace", &id]).await;
    write(c.docs.get_mut(&id).expect("doc"), 0, "trước khi khởi động lại");
    c.sync_confirmed(&id, Duration::from_secs(5)).await.expect("sync");
    c.sync(QUIET).await.expect("quiet");
    let states: Vec<(String, Vec<u8>)> = c.docs.keys().map(|d| (d.clone(), c.persisted(d).expect("state"))).collect();
    let docs = std::mem::take(&mut c.docs);
    c.close().await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (dir, codes) = server.stop_gracefully().await;
    if !keep_states {
        std::fs::remove_file(dir.path().join("data/sync-states.json")).expect("kept states written");
    }
    let again = TestServer::start_on(dir, codes, Default::default()).await;
    let mut c = NativeClient::connect(&again.ws, &joined.device, &joined.token, None).await.expect("connect");
    c.docs = docs;
    for (d, s) in &states {
        c.restore(d, s);
    }
    c.sync(QUIET).await.expect("sync");
    c.bytes
}

#[tokio::test]
async fn after_a_graceful_restart_an_idle_reconnect_still_needs_no_answer() {
    let (sent, received) = idle_reconnect_after_restart(true).await;
    assert_eq!(received, 0, "the restarted server had nothing to say");
    assert!(sent <= 2 * 300, "{sent} bytes for two documents");
    // Without the kept states the server answers every document.
    let (_, received) = idle_reconnect_after_restart(false).await;
    assert!(received > 0);
}
