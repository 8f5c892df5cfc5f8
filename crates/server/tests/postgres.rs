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
