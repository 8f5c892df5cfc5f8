//! Documents in storage made the first time as everyone makes them (their genesis), or read or
//! amended when already there.

use super::tab_actor;
use crate::storage::AnyStorage;
use tiendo_core::engine::EngineError;
use tiendo_core::ids::DeviceId;
use tiendo_core::schema::{self, genesis, Document};
use tiendo_core::storage::{DocStore, StoredDoc};

/// Opens document `id`, or creates it as the genesis of `make()` if storage has none.
pub(super) async fn open_or_create<T: Document>(
    store: &DocStore<AnyStorage>,
    id: &str,
    make: impl FnOnce() -> Result<T, EngineError>,
) -> Result<StoredDoc, EngineError> {
    match store.open(id).await? {
        Some(d) => Ok(d),
        None => {
            let doc = genesis::genesis(&make()?)?;
            Ok(store.create(id, doc).await?)
        }
    }
}

/// Reads a document this device only reads, through the read cache; creates its genesis if
/// storage has none.
pub(super) async fn read_or_create<T: Document + serde::Serialize + serde::de::DeserializeOwned>(
    store: &DocStore<AnyStorage>,
    id: &str,
    make: impl FnOnce() -> Result<T, EngineError>,
) -> Result<T, EngineError> {
    if let Some(v) = store.read_cached::<T>(id).await? {
        return Ok(v);
    }
    let value = make()?;
    let doc = genesis::genesis(&value)?;
    store.create(id, doc).await?;
    Ok(value)
}

/// Amends document `id` with `amend` (as this device), or creates it as the genesis of `first`
/// if storage has none. Returns whether it existed.
pub(super) async fn upsert<T: Document>(
    store: &DocStore<AnyStorage>,
    device: &DeviceId,
    id: &str,
    first: &T,
    amend: impl FnOnce(&mut automerge::AutoCommit) -> Result<(), schema::DocError>,
) -> Result<bool, EngineError> {
    match store.open(id).await? {
        Some(mut d) => {
            d.doc.set_actor(tab_actor(device));
            amend(&mut d.doc)?;
            tiendo_core::changes::commit_at(&mut d.doc, js_sys::Date::now() as i64);
            store.save(&mut d).await?;
            Ok(true)
        }
        None => {
            let doc = genesis::genesis(first)?;
            store.create(id, doc).await?;
            Ok(false)
        }
    }
}
