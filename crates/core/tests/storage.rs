//! The storage contract against the in-memory storage.

use tiendo_core::storage::{contract, run_ready, MemoryStorage};

#[test]
fn memory_storage_passes_the_storage_contract() {
    run_ready(contract::run_all(async || MemoryStorage::new()));
}
