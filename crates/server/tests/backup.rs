//! `tiendo backup` and `tiendo restore`, round trip between a data directory and a real
//! PostgreSQL, through the real binary.

mod support;

use std::time::Duration;
use support::binary::Running;
use support::cli::{ok, stderr, tiendo};
use support::postgres::Cluster;
use tiendo_core::storage::{run_ready, Storage, StorageKey};
use tiendo_server::store::DataDir;

const YTE: &str = "so-y-te";

fn chunks(data: &std::path::Path) -> Vec<(StorageKey, Vec<u8>)> {
    let all = StorageKey::new(Vec::<String>::new()).expect("key");
    run_ready(DataDir::new(data).store().storage().load_range(&all)).expect("chunks")
}

#[tokio::test]
async fn a_workspace_backed_up_from_files_restores_into_postgresql_and_back_unchanged() {
    let (dir, codes) = support::prepare(&[YTE]);
    let data = dir.path().join("data");
    let data_s = data.to_str().expect("utf8");
    let id = support::reports(YTE);
    // A laptop joins and writes; the server stops.
    let mut server = Running::spawn(dir.path());
    let laptop = support::join(&format!("http://{}", server.addr), &codes[0].1).await;
    let mut a = support::connect(&format!("ws://{}/sync", server.addr), &laptop, &[&id]).await;
    support::write(a.docs.get_mut(&id).expect("doc"), 0, "Sao lưu và khôi phục");
    a.sync_confirmed(&id, Duration::from_secs(5)).await.expect("confirmed");
    drop(a);
    server.terminate(Duration::from_secs(10));

    let file = dir.path().join("tinh.tiendo-backup");
    let file_s = file.to_str().expect("utf8");
    ok(&["backup", "--data", data_s, "--out", file_s]);
    let cluster = Cluster::start();
    let url = cluster.url("restored");
    ok(&["restore", file_s, "--store", &url]);

    // Served from PostgreSQL, the same laptop's credential works and its report is there.
    let node = Running::spawn_with(dir.path(), &["--store", &url]);
    let b = support::connect(&format!("ws://{}/sync", node.addr), &laptop, &[&id]).await;
    assert_eq!(support::first_results(&b.docs[&id]), "Sao lưu và khôi phục");
    drop(b);
    drop(node);

    // And back into a new data directory: the same chunks, byte for byte, and the same accounts.
    let again = dir.path().join("again.tiendo-backup");
    ok(&["backup", "--store", &url, "--out", again.to_str().expect("utf8")]);
    let fresh = tempfile::tempdir().expect("tmp");
    let fresh_s = fresh.path().to_str().expect("utf8");
    ok(&["restore", again.to_str().expect("utf8"), "--data", fresh_s]);
    let before: Vec<_> = chunks(&data).into_iter().map(|(k, _)| k).collect();
    let after = chunks(fresh.path());
    assert_eq!(after.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(), before);
    assert_eq!(after, chunks(&data), "every chunk's bytes");
    let accounts = |p: &std::path::Path| std::fs::read_to_string(p.join("accounts.json")).expect("accounts");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&accounts(fresh.path())).expect("json"),
        serde_json::from_str::<serde_json::Value>(&accounts(&data)).expect("json")
    );
    assert!(fresh.path().join("device.json").exists(), "the server's key came along");
}

#[test]
fn a_restore_into_a_store_that_holds_a_workspace_or_from_a_damaged_file_changes_nothing() {
    let (dir, _) = support::prepare(&[YTE]);
    let data = dir.path().join("data");
    let data_s = data.to_str().expect("utf8");
    let file = dir.path().join("b.tiendo-backup");
    ok(&["backup", "--data", data_s, "--out", file.to_str().expect("utf8")]);
    let before = chunks(&data);
    let into_full = tiendo(&["restore", file.to_str().expect("utf8"), "--data", data_s]);
    assert_eq!(into_full.status.code(), Some(1));
    assert!(stderr(&into_full).contains("already holds a workspace"), "{}", stderr(&into_full));

    let fresh = tempfile::tempdir().expect("tmp");
    let mut bytes = std::fs::read(&file).expect("read");
    bytes.truncate(bytes.len() / 2);
    let damaged = dir.path().join("damaged.tiendo-backup");
    std::fs::write(&damaged, &bytes).expect("write");
    let out = tiendo(&["restore", damaged.to_str().expect("utf8"), "--data", fresh.path().to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a Tiến độ backup"), "{}", stderr(&out));
    assert!(chunks(fresh.path()).is_empty());
    assert_eq!(chunks(&data), before);
}
