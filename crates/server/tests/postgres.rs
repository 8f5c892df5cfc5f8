//! `tiendo serve --store postgres://…`: the real binary keeps its data in a real PostgreSQL that
//! the test starts, after `tiendo migrate` moved a data directory into it.

mod support;

use std::time::Duration;
use support::binary::Running;
use support::cli::{ok, stderr, tiendo};
use support::postgres::Cluster;

const YTE: &str = "so-y-te";

#[tokio::test]
async fn a_data_directory_moved_into_postgresql_is_served_and_keeps_what_laptops_write_over_a_restart() {
    let cluster = Cluster::start();
    let url = cluster.url("tiendo");
    let (dir, codes) = support::prepare(&[YTE]);
    let data = dir.path().join("data");
    let said = ok(&["migrate", "--from", data.to_str().expect("utf8"), "--to", &url]);
    assert!(said.contains("PostgreSQL"), "{said}");
    // The directory is not used from now on: nothing the server writes may land there.
    let untouched = std::fs::read_dir(data.join("docs")).expect("docs").count();

    let server = Running::spawn_with(dir.path(), &["--store", &url]);
    let (http, ws) = (format!("http://{}", server.addr), format!("ws://{}/sync", server.addr));
    let id = support::reports(YTE);
    let laptop = support::join(&http, &codes[0].1).await;
    let mut a = support::connect(&ws, &laptop, &[&id]).await;
    support::write(a.docs.get_mut(&id).expect("doc"), 0, "Lưu trong PostgreSQL");
    a.sync_confirmed(&id, Duration::from_secs(5)).await.expect("confirmed");
    drop(a);
    drop(server);

    let server = Running::spawn_with(dir.path(), &["--store", &url]);
    let ws = format!("ws://{}/sync", server.addr);
    let fresh = support::connect(&ws, &laptop, &[&id]).await;
    assert_eq!(
        support::first_results(&fresh.docs[&id]),
        "Lưu trong PostgreSQL",
        "the laptop's device and its report survived"
    );
    assert_eq!(std::fs::read_dir(data.join("docs")).expect("docs").count(), untouched);
    assert!(!server.log().contains("ERROR"), "{}", server.log());

    // A second move into a store that holds a workspace is refused, and changes nothing.
    let again = tiendo(&["migrate", "--from", data.to_str().expect("utf8"), "--to", &url]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already holds a workspace"), "{}", stderr(&again));
}

#[test]
fn a_store_address_that_does_not_work_is_a_clear_error_not_a_panic() {
    let (dir, _) = support::prepare(&[YTE]);
    let dist = dir.path().join("dist");
    for url in ["postgres://nobody@/tiendo?host=/nonexistent", "not a url at all ==="] {
        let out = tiendo(&["serve", "--addr", "127.0.0.1:0", "--store", url, "--dist", dist.to_str().expect("utf8")]);
        assert_eq!(out.status.code(), Some(1), "{url}");
        let err = stderr(&out);
        assert!(err.contains("postgres") || err.contains("PostgreSQL"), "{url}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// Waits until `client` holds `text` as the first task's results, reading what its node pushes.
async fn until_it_reads(
    client: &mut tiendo_server::sync::native_client::NativeClient,
    id: &str,
    text: &str,
    limit: Duration,
) -> Option<Duration> {
    let started = std::time::Instant::now();
    while started.elapsed() < limit {
        if client.docs.get(id).is_some_and(|d| support::first_results(d) == text) {
            return Some(started.elapsed());
        }
        let _ = client.read_one(Duration::from_millis(50)).await;
    }
    None
}

#[tokio::test]
async fn a_change_accepted_on_one_node_reaches_a_laptop_on_the_other_node_within_a_second() {
    let cluster = Cluster::start();
    let url = cluster.url("tiendo");
    let (dir, codes) = support::prepare(&[YTE]);
    ok(&["migrate", "--from", dir.path().join("data").to_str().expect("utf8"), "--to", &url]);
    let one = Running::spawn_with(dir.path(), &["--store", &url]);
    let two = Running::spawn_with(dir.path(), &["--store", &url]);
    let id = support::reports(YTE);
    // A laptop joins on node one; its colleague joins on node two.
    let office = support::join(&format!("http://{}", one.addr), &codes[0].1).await;
    let home = support::join(&format!("http://{}", two.addr), &codes[0].1).await;
    let mut a = support::connect(&format!("ws://{}/sync", one.addr), &office, &[&id]).await;
    // Node two knows the device that joined on node one (accounts are shared), and the reverse.
    let mut b = support::connect(&format!("ws://{}/sync", two.addr), &home, &[&id]).await;
    let mut a_on_two = support::connect(&format!("ws://{}/sync", two.addr), &office, &[&id]).await;
    a_on_two.sync(support::QUIET).await.expect("the office laptop's credential works on node two");

    support::write(a.docs.get_mut(&id).expect("doc"), 0, "Viết ở nút một");
    a.sync_confirmed(&id, Duration::from_secs(5)).await.expect("accepted on node one");
    let took = until_it_reads(&mut b, &id, "Viết ở nút một", Duration::from_secs(1)).await;
    assert!(took.is_some(), "node two's laptop did not get the change within a second");

    // And back, from node two to node one.
    support::write(b.docs.get_mut(&id).expect("doc"), 1, "Trả lời từ nút hai");
    b.sync_confirmed(&id, Duration::from_secs(5)).await.expect("accepted on node two");
    let second = |c: &tiendo_server::sync::native_client::NativeClient| {
        let v: tiendo_core::schema::ReportsDoc = tiendo_core::schema::read(&c.docs[&id]).expect("read");
        v.reports.periods[0].tasks[1].results.to_string()
    };
    let started = std::time::Instant::now();
    while second(&a) != "Trả lời từ nút hai" && started.elapsed() < Duration::from_secs(1) {
        let _ = a.read_one(Duration::from_millis(50)).await;
    }
    assert_eq!(second(&a), "Trả lời từ nút hai");
    assert!(!one.log().contains("ERROR") && !two.log().contains("ERROR"), "{}\n{}", one.log(), two.log());
}

/// A new connection of the same laptop, with what it holds.
async fn reconnect(
    ws: &str,
    joined: &tiendo_server::join::Joined,
    old: &mut tiendo_server::sync::native_client::NativeClient,
) -> Option<tiendo_server::sync::native_client::NativeClient> {
    let mut client = tiendo_server::sync::native_client::NativeClient::connect(ws, &joined.device, &joined.token, None)
        .await
        .ok()?;
    client.docs = std::mem::take(&mut old.docs);
    Some(client)
}

#[tokio::test]
async fn while_postgresql_is_down_nothing_is_confirmed_and_once_it_is_back_the_laptops_changes_are_taken() {
    let cluster = Cluster::start();
    let url = cluster.url("tiendo");
    let (dir, codes) = support::prepare(&[YTE]);
    ok(&["migrate", "--from", dir.path().join("data").to_str().expect("utf8"), "--to", &url]);
    let mut node = Running::spawn_with(dir.path(), &["--store", &url]);
    let ws = format!("ws://{}/sync", node.addr);
    let id = support::reports(YTE);
    let laptop = support::join(&format!("http://{}", node.addr), &codes[0].1).await;
    let mut a = support::connect(&ws, &laptop, &[&id]).await;
    support::write(a.docs.get_mut(&id).expect("doc"), 0, "Trước khi mất cơ sở dữ liệu");
    a.sync_confirmed(&id, Duration::from_secs(5)).await.expect("confirmed");

    cluster.stop();
    support::write(a.docs.get_mut(&id).expect("doc"), 0, "Trong lúc mất cơ sở dữ liệu");
    let _ = a.sync(support::QUIET).await;
    assert!(a.unconfirmed(&id) > 0, "a change the database never took was confirmed");
    // The laptop tries again on a new connection, once the node has nothing left to write of
    // the failed batch: the node still cannot write, so it must not say it holds the change.
    tokio::time::sleep(Duration::from_millis(500)).await;
    if let Some(mut again) = reconnect(&ws, &laptop, &mut a).await {
        let _ = again.sync(support::QUIET).await;
        let pending = again.unconfirmed(&id);
        a.docs = std::mem::take(&mut again.docs);
        assert!(pending > 0, "the node confirmed a change it holds only in memory");
    }
    // The node dies meanwhile; what it held in memory is gone with it.
    node.kill();
    cluster.start_again();

    let node = Running::spawn_with(dir.path(), &["--store", &url]);
    let ws = format!("ws://{}/sync", node.addr);
    let mut back = reconnect(&ws, &laptop, &mut a).await.expect("connects");
    back.sync_confirmed(&id, Duration::from_secs(5)).await.expect("taken once the database is back");
    let fresh = support::connect(&ws, &laptop, &[&id]).await;
    assert_eq!(support::first_results(&fresh.docs[&id]), "Trong lúc mất cơ sở dữ liệu");
}
