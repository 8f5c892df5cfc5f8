//! The storage contract against IndexedDB in headless Chromium, and the memory storage in the
//! same browser: one suite, every implementation.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use tiendo_core::storage::{contract, MemoryStorage};
use tiendo_engine::storage::IdbStorage;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

thread_local!(static NEXT: Cell<u32> = const { Cell::new(0) });

/// A new, empty database for each check.
async fn fresh_idb() -> IdbStorage {
    let n = NEXT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let name = format!("tiendo-contract-{n}");
    IdbStorage::delete(&name).await.expect("delete");
    IdbStorage::open(&name).await.expect("IndexedDB opens")
}

#[wasm_bindgen_test]
async fn indexeddb_storage_passes_the_storage_contract() {
    contract::run_all(fresh_idb).await;
}

#[wasm_bindgen_test]
async fn memory_storage_passes_the_storage_contract_in_the_browser() {
    contract::run_all(async || MemoryStorage::new()).await;
}

#[wasm_bindgen_test]
async fn data_written_through_one_connection_is_read_through_another() {
    use tiendo_core::storage::{Storage, StorageKey};
    let a = fresh_idb().await;
    let name = format!("tiendo-contract-{}", NEXT.with(Cell::get));
    let key = StorageKey::new(["doc", "snapshot", "x"]).expect("key");
    a.put(&key, b"kept").await.expect("put");
    let b = IdbStorage::open(&name).await.expect("second connection");
    assert_eq!(b.load(&key).await.expect("load").as_deref(), Some(&b"kept"[..]));
}
