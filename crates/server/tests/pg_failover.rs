//! No single point of loss: two real nodes on one PostgreSQL; one is killed (-9) while 200
//! laptops write through it. Every change a laptop heard confirmed is in the database, and the
//! laptops go on through the other node.

mod support;

use automerge::ChangeHash;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::binary::Running;
use support::cli::ok;
use support::postgres::Cluster;
use tiendo_core::storage::StorageKey;
use tiendo_server::pg::PgStore;
use tiendo_server::sync::native_client::NativeClient;

const AGENCIES: usize = 20;
const LAPTOPS: usize = 200;
const EDITS: usize = 4;

/// One laptop writing through a node until it dies: its edits, and those the node confirmed.
async fn write_until_gone(
    mut client: NativeClient,
    id: String,
    n: usize,
    done: Arc<AtomicUsize>,
) -> (NativeClient, Vec<ChangeHash>) {
    let mut confirmed = Vec::new();
    for k in 0..EDITS {
        let doc = client.docs.get_mut(&id).expect("doc");
        support::write(doc, n % 5, &format!("máy {n}, lần {k}"));
        let heads = doc.get_heads();
        match client.sync_confirmed(&id, Duration::from_secs(5)).await {
            Ok(()) => {
                confirmed.extend(heads);
                done.fetch_add(1, Ordering::Relaxed);
            }
            Err(_) => break,
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    (client, confirmed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_a_node_under_load_loses_no_confirmed_change_and_laptops_go_on_through_the_other() {
    let cluster = Cluster::start();
    let url = cluster.url("tiendo");
    // Ten laptops in each of twenty agencies, each agency's laptops on its own report.
    let registry = tiendo_core::builtin::tra_vinh_registry().expect("registry");
    let agencies: Vec<String> = registry.agencies.iter().skip(1).take(AGENCIES).map(|a| a.id.to_string()).collect();
    let names: Vec<&str> = agencies.iter().map(String::as_str).collect();
    let (dir, codes) = support::prepare(&names);
    ok(&["migrate", "--from", dir.path().join("data").to_str().expect("utf8"), "--to", &url]);
    let mut one = Running::spawn_with(dir.path(), &["--store", &url]);
    let two = Running::spawn_with(dir.path(), &["--store", &url]);
    let (http_one, ws_one) = (format!("http://{}", one.addr), format!("ws://{}/sync", one.addr));
    let ws_two = format!("ws://{}/sync", two.addr);

    let mut joining = Vec::new();
    for n in 0..LAPTOPS {
        let (agency, code) = codes[n % codes.len()].clone();
        let (http, ws, id) = (http_one.clone(), ws_one.clone(), support::reports(&agency));
        joining.push(tokio::spawn(async move {
            let joined = support::join(&http, &code).await;
            let mut client = support::connect(&ws, &joined, &[&id]).await;
            // Under load the report may take longer than one quiet spell to arrive.
            while client.docs.get_mut(&id).expect("doc").get_heads().is_empty() {
                client.sync(support::QUIET).await.expect("sync");
            }
            (joined, client, id)
        }));
    }
    let mut laptops = Vec::new();
    for j in joining {
        laptops.push(j.await.expect("joined"));
    }
    let done = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = laptops
        .into_iter()
        .enumerate()
        .map(|(n, (joined, c, id))| (joined, id.clone(), tokio::spawn(write_until_gone(c, id, n, done.clone()))))
        .collect();
    // Killed once a tenth of the edits are confirmed: mid-stream, whatever the machine's speed.
    let started = std::time::Instant::now();
    while done.load(Ordering::Relaxed) < LAPTOPS * EDITS / 10 && started.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    one.kill();

    let mut confirmed: Vec<(String, ChangeHash)> = Vec::new();
    let mut survivors = Vec::new();
    for (joined, id, task) in tasks {
        let (client, acked) = task.await.expect("laptop task");
        confirmed.extend(acked.into_iter().map(|h| (id.clone(), h)));
        survivors.push((joined, id, client));
    }
    println!("node one confirmed {} of {} edits before it was killed", confirmed.len(), LAPTOPS * EDITS);
    assert!(!confirmed.is_empty(), "node one confirmed nothing before it died: the test proves nothing");
    assert!(confirmed.len() < LAPTOPS * EDITS, "node one died after everything was written: the test proves little");

    // Every confirmed change is in the database, as the dead node left it.
    let pg = PgStore::connect(&url).await.expect("connect");
    let mut lost = 0;
    for agency in &agencies {
        use tiendo_core::storage::Storage;
        let id = support::reports(agency);
        let chunks = pg.load_range(&StorageKey::new([id.as_str()]).expect("key")).await.expect("chunks");
        let mut stored = tiendo_core::storage::StoredDoc::new(&id, automerge::AutoCommit::new());
        stored.absorb(chunks);
        lost += confirmed.iter().filter(|(d, h)| d == &id && stored.doc.get_change_by_hash(h).is_none()).count();
    }
    assert_eq!(lost, 0, "{lost} of {} confirmed changes are not in the database", confirmed.len());

    // The laptops go on through node two: each one's every edit is confirmed there.
    for (joined, id, mut old) in survivors {
        let mut client = NativeClient::connect(&ws_two, &joined.device, &joined.token, None).await.expect("node two");
        client.docs = std::mem::take(&mut old.docs);
        client.sync_confirmed(&id, Duration::from_secs(10)).await.expect("confirmed by node two");
    }
    assert!(!two.log().contains("ERROR"), "{}", two.log());
}

/// One laptop writing `EDITS` edits through `ws`, reconnecting whenever the node closes its
/// connection, until every edit is confirmed (or a minute passed).
async fn write_through_outage(ws: String, joined: tiendo_server::join::Joined, id: String, n: usize) -> bool {
    let Ok(mut client) = NativeClient::connect(&ws, &joined.device, &joined.token, None).await else { return false };
    client.docs.insert(id.clone(), automerge::AutoCommit::new().with_actor(support::actor(&joined)));
    let started = std::time::Instant::now();
    let mut written = 0;
    while started.elapsed() < Duration::from_secs(60) {
        if client.docs.get_mut(&id).is_some_and(|d| !d.get_heads().is_empty()) && written < EDITS {
            support::write(client.docs.get_mut(&id).expect("doc"), n % 5, &format!("máy {n}, lần {written}"));
            written += 1;
        }
        let confirmed = client.sync_confirmed(&id, Duration::from_secs(2)).await.is_ok();
        if confirmed && written == EDITS {
            return true;
        }
        if !confirmed {
            // The node closed the connection (the database is away): keep the edits, try again.
            tokio::time::sleep(Duration::from_millis(200)).await;
            if let Ok(mut again) = NativeClient::connect(&ws, &joined.device, &joined.token, None).await {
                again.docs = std::mem::take(&mut client.docs);
                client = again;
            }
        }
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "known defect, open in issue 21: after PostgreSQL restarts under 20 writing laptops, a live node does not confirm them all (run with --ignored)"]
async fn restarting_postgresql_under_load_refuses_writes_meanwhile_and_takes_them_all_once_it_is_back() {
    let cluster = Cluster::start();
    let url = cluster.url("tiendo");
    let (dir, codes) = support::prepare(&["so-y-te", "so-tai-chinh"]);
    ok(&["migrate", "--from", dir.path().join("data").to_str().expect("utf8"), "--to", &url]);
    let node = Running::spawn_with(dir.path(), &["--store", &url]);
    let (http, ws) = (format!("http://{}", node.addr), format!("ws://{}/sync", node.addr));
    let mut laptops = Vec::new();
    for n in 0..20 {
        let (agency, code) = &codes[n % 2];
        let joined = support::join(&http, code).await;
        laptops.push(tokio::spawn(write_through_outage(ws.clone(), joined, support::reports(agency), n)));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    cluster.stop();
    tokio::time::sleep(Duration::from_secs(1)).await;
    cluster.start_again();
    for laptop in laptops {
        assert!(laptop.await.expect("laptop"), "a laptop's edits were not all confirmed after the database came back");
    }
    // Everything the laptops wrote is in the database.
    let pg = PgStore::connect(&url).await.expect("connect");
    for (agency, _) in &codes {
        use tiendo_core::storage::Storage;
        let id = support::reports(agency);
        let chunks = pg.load_range(&StorageKey::new([id.as_str()]).expect("key")).await.expect("chunks");
        let mut stored = tiendo_core::storage::StoredDoc::new(&id, automerge::AutoCommit::new());
        stored.absorb(chunks);
        let value: tiendo_core::schema::ReportsDoc = tiendo_core::schema::read(&stored.doc).expect("read");
        let texts: Vec<String> = value.reports.periods[0].tasks.iter().map(|t| t.results.to_string()).collect();
        assert!(texts.iter().any(|t| t.contains(&format!("lần {}", EDITS - 1))), "{agency}: {texts:?}");
    }
    drop(node);
}
