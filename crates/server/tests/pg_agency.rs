//! The office keeps its registry and access codes on PostgreSQL while the nodes run:
//! `tiendo agency … --store URL` writes to the shared database, and the running node takes
//! the change as it takes another node's.

mod support;

use std::time::{Duration, Instant};
use support::binary::Running;
use support::cli::{ok, stderr, tiendo};
use support::postgres::Cluster;
use tiendo_server::sync::native_client::NativeClient;

/// Posts a join with `code`; the answer if it was accepted.
async fn try_join(http: &str, code: &str) -> Option<tiendo_core::sync::Joined> {
    let res = reqwest::Client::new()
        .post(format!("{http}/api/join"))
        .body(format!(r#"{{"code": "{code}", "name": "máy mới", "public_key": ""}}"#))
        .send()
        .await
        .expect("post");
    if res.status().as_u16() != 200 {
        return None;
    }
    serde_json::from_str(&res.text().await.expect("body")).ok()
}

#[tokio::test]
async fn an_agency_added_and_given_a_code_on_postgresql_joins_a_running_node_and_retiring_it_stops_its_laptop() {
    let cluster = Cluster::start();
    let url = cluster.url("tiendo");
    let (dir, _) = support::prepare(&["so-y-te"]);
    ok(&["migrate", "--from", dir.path().join("data").to_str().expect("utf8"), "--to", &url]);
    let node = Running::spawn_with(dir.path(), &["--store", &url]);
    let (http, ws) = (format!("http://{}", node.addr), format!("ws://{}/sync", node.addr));

    let added = ok(&[
        "agency",
        "add",
        "--store",
        &url,
        "--id",
        "so-dttg",
        "--name",
        "Sở Dân tộc và Tôn giáo",
        "--short",
        "SDTTG",
        "--kind",
        "department",
    ]);
    assert!(added.contains("Đã thêm Sở Dân tộc và Tôn giáo (so-dttg)"), "{added}");
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&["agency", "list", "--json", "--store", &url])).expect("json");
    let row = listed.as_array().expect("rows").iter().find(|r| r["id"] == "so-dttg").cloned().expect("listed");
    assert_eq!(row["state"], "active");

    // A code for an agency the database does not know is refused, and nothing is issued.
    let unknown = tiendo(&["agency", "code", "so-khong-co", "--store", &url]);
    assert_eq!(unknown.status.code(), Some(1), "{}", stderr(&unknown));

    let said = ok(&["agency", "code", "so-dttg", "--laptops", "2", "--store", &url]);
    let code = said.lines().next().and_then(|l| l.rsplit(": ").next()).expect("code").trim().to_owned();
    // The node heard of the new agency from the database: its code joins there.
    let started = Instant::now();
    let joined = loop {
        if let Some(j) = try_join(&http, &code).await {
            break j;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "the running node never took the new agency's code");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(joined.agency.as_str(), "so-dttg");
    NativeClient::connect(&ws, joined.device.as_str(), &joined.token, None).await.expect("the new laptop connects");

    let retired = ok(&["agency", "retire", "so-dttg", "--store", &url]);
    assert!(retired.contains("thu hồi mã truy cập và 1 máy"), "{retired}");
    // Its laptop is turned away by the running node (at the latest once its held accounts age).
    let started = Instant::now();
    loop {
        let refused = match NativeClient::connect(&ws, joined.device.as_str(), &joined.token, None).await {
            Err(_) => true,
            Ok(mut c) => c.sync(Duration::from_millis(300)).await.is_err(),
        };
        if refused {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "a retired agency's laptop still syncs");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(try_join(&http, &code).await.is_none(), "a retired agency's code still joins");
    let listed = ok(&["agency", "list", "--store", &url]);
    assert!(listed.contains("ngừng hoạt động"), "{listed}");
    assert!(!node.log().contains("ERROR"), "{}", node.log());
}
