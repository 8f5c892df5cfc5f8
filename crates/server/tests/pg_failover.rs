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
use tiendo_server::sync::native_client::{ClientFailure, NativeClient};

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

/// What the laptops and the test tell each other about the database's outage.
#[derive(Default)]
struct Outage {
    /// Laptops whose first half of the edits is confirmed.
    ready: AtomicUsize,
    /// The database is stopped (set once `pg_ctl stop` returned).
    down: std::sync::atomic::AtomicBool,
    /// The database is being started again (set before `pg_ctl start`).
    up_again: std::sync::atomic::AtomicBool,
    /// Edits the node did not confirm while the database was away.
    refused: AtomicUsize,
    /// Edits the node confirmed while the database was away: must stay 0.
    confirmed_while_down: AtomicUsize,
}

/// One laptop reconnecting whenever the node closes its connection.
struct Laptop {
    client: NativeClient,
    ws: String,
    joined: tiendo_server::join::Joined,
    id: String,
}

impl Laptop {
    /// Syncs until the node has confirmed every edit (waiting first for the report to arrive);
    /// `Err` if one try did not get there (the node is still connected, or was reconnected).
    async fn try_confirm(&mut self) -> Result<(), ()> {
        let arrived = self.client.docs.get_mut(&self.id).is_some_and(|d| !d.get_heads().is_empty());
        let step = if arrived {
            self.client.sync_confirmed(&self.id, Duration::from_secs(2)).await
        } else {
            // Nothing to confirm until the report has arrived: wait for the node to send it.
            self.client.sync(Duration::from_millis(500)).await.and(Err(ClientFailure::Timeout))
        };
        if let Err(e) = step {
            if !matches!(e, ClientFailure::Timeout) {
                // The node closed the connection (the database is away): keep the edits, try again.
                tokio::time::sleep(Duration::from_millis(200)).await;
                if let Ok(mut again) =
                    NativeClient::connect(&self.ws, &self.joined.device, &self.joined.token, None).await
                {
                    again.docs = std::mem::take(&mut self.client.docs);
                    self.client = again;
                }
            }
            return Err(());
        }
        Ok(())
    }

    /// Writes edit `k` once the report is here.
    async fn write(&mut self, n: usize, k: usize) {
        while self.client.docs.get_mut(&self.id).is_none_or(|d| d.get_heads().is_empty()) {
            let _ = self.try_confirm().await;
        }
        support::write(self.client.docs.get_mut(&self.id).expect("doc"), n % 5, &format!("máy {n}, lần {k}"));
    }
}

/// One laptop: half its edits confirmed before the outage, the other half written while the
/// database is away (and not confirmed then), all confirmed once it is back.
async fn write_through_outage(
    ws: String,
    joined: tiendo_server::join::Joined,
    id: String,
    n: usize,
    outage: Arc<Outage>,
) -> (String, Vec<ChangeHash>) {
    let client = NativeClient::connect(&ws, &joined.device, &joined.token, None).await.expect("connect");
    let mut laptop = Laptop { client, ws, joined, id: id.clone() };
    laptop.client.docs.insert(id, automerge::AutoCommit::new().with_actor(support::actor(&laptop.joined)));
    for k in 0..EDITS / 2 {
        laptop.write(n, k).await;
        while laptop.try_confirm().await.is_err() {}
    }
    outage.ready.fetch_add(1, Ordering::SeqCst);
    while !outage.down.load(Ordering::SeqCst) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    for k in EDITS / 2..EDITS {
        laptop.write(n, k).await;
        loop {
            let confirmed = laptop.try_confirm().await.is_ok();
            let back = outage.up_again.load(Ordering::SeqCst);
            match (confirmed, back) {
                (true, true) => break,
                (true, false) => {
                    outage.confirmed_while_down.fetch_add(1, Ordering::SeqCst);
                    break;
                }
                (false, false) => {
                    outage.refused.fetch_add(1, Ordering::SeqCst);
                }
                (false, true) => {}
            }
        }
    }
    let heads = laptop.client.docs.get_mut(&laptop.id).expect("doc").get_heads();
    (laptop.id, heads)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restarting_postgresql_under_load_refuses_writes_meanwhile_and_takes_them_all_once_it_is_back() {
    let cluster = Cluster::start();
    let url = cluster.url("tiendo");
    let (dir, codes) = support::prepare(&["so-y-te", "so-tai-chinh"]);
    ok(&["migrate", "--from", dir.path().join("data").to_str().expect("utf8"), "--to", &url]);
    let node = Running::spawn_with(dir.path(), &["--store", &url]);
    let (http, ws) = (format!("http://{}", node.addr), format!("ws://{}/sync", node.addr));
    let outage = Arc::new(Outage::default());
    let mut laptops = Vec::new();
    for n in 0..20 {
        let (agency, code) = &codes[n % 2];
        let joined = support::join(&http, code).await;
        laptops.push(tokio::spawn(write_through_outage(
            ws.clone(),
            joined,
            support::reports(agency),
            n,
            outage.clone(),
        )));
    }
    let started = std::time::Instant::now();
    while outage.ready.load(Ordering::SeqCst) < laptops.len() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the laptops' first edits were not confirmed\n{}",
            node.log()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    cluster.stop();
    outage.down.store(true, Ordering::SeqCst);
    // Long enough for every laptop to write and be kept waiting at least once.
    tokio::time::sleep(Duration::from_secs(3)).await;
    outage.up_again.store(true, Ordering::SeqCst);
    cluster.start_again();
    let mut written = Vec::new();
    for laptop in laptops {
        let done = tokio::time::timeout(Duration::from_secs(90), laptop).await;
        let Ok(Ok(heads)) = done else {
            panic!("a laptop's edits were not all confirmed after the database came back: {done:?}\n{}", node.log())
        };
        written.push(heads);
    }
    println!("edits kept waiting while the database was away: {}", outage.refused.load(Ordering::SeqCst));
    assert!(
        outage.refused.load(Ordering::SeqCst) >= 20,
        "the laptops were not kept waiting: the outage was not tested"
    );
    assert_eq!(outage.confirmed_while_down.load(Ordering::SeqCst), 0, "the node confirmed an edit it could not store");
    // Every laptop's last edit (and so all before it) is in the database.
    let pg = PgStore::connect(&url).await.expect("connect");
    for (id, heads) in written {
        use tiendo_core::storage::Storage;
        let chunks = pg.load_range(&StorageKey::new([id.as_str()]).expect("key")).await.expect("chunks");
        let mut stored = tiendo_core::storage::StoredDoc::new(&id, automerge::AutoCommit::new());
        stored.absorb(chunks);
        let missing = heads.iter().filter(|h| stored.doc.get_change_by_hash(h).is_none()).count();
        assert_eq!(missing, 0, "{id}: a laptop's last edit is not in the database");
    }
    drop(node);
}
