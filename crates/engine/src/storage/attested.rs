//! The attestations a laptop keeps (`tiendo_core::sync::Attestation`): those the server gives
//! of changes it holds, and those that came in sync files. This laptop's own sync files carry
//! them, so that other devices' changes in them are taken wherever the file goes.

use tiendo_core::storage::{Storage, StorageKey};
use tiendo_core::sync::{Attestation, Attestations, Rights, ATTESTED};

/// Where the attestations are kept.
pub fn attested_key() -> Option<StorageKey> {
    StorageKey::new([ATTESTED]).ok()
}

/// The attestations kept in `storage`, verified against `rights`.
pub async fn load_attested(storage: &impl Storage, rights: &Rights) -> Attestations {
    let Some(key) = attested_key() else { return Attestations::default() };
    match storage.load(&key).await {
        Ok(Some(bytes)) => Attestations::from_bytes(&bytes, rights),
        _ => Attestations::default(),
    }
}

/// Adds `items` to the attestations kept in `storage` (those that verify against `rights`).
pub async fn keep_attested(
    storage: &impl Storage,
    rights: &Rights,
    items: Vec<Attestation>,
) -> Result<(), tiendo_core::engine::EngineError> {
    let mut all = load_attested(storage, rights).await;
    if all.insert_all(items, rights) == 0 {
        return Ok(());
    }
    let Some(key) = attested_key() else { return Ok(()) };
    Ok(storage.put(&key, &all.to_bytes()).await?)
}
