//! The storage contract against a real PostgreSQL, started by the test.

mod support;

use support::postgres::Cluster;
use tiendo_core::storage::contract;
use tiendo_server::pg::PgStore;

#[tokio::test]
async fn postgresql_passes_the_storage_contract() {
    let cluster = Cluster::start();
    let n = std::sync::atomic::AtomicUsize::new(0);
    contract::run_all(async || {
        // Each check on a fresh, empty database.
        let n = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        PgStore::connect(&cluster.url(&format!("contract{n}"))).await.expect("connect")
    })
    .await;
}
