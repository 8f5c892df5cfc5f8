//! Several nodes on one PostgreSQL: this node follows what the others store. On a notice it
//! reads the named chunks and hands them to its hub; when notices may have been
//! missed (the listening connection was away), it reads every document once.

use super::HubHandle;
use crate::pg::{Notice, PgStore};
use std::collections::BTreeMap;
use tiendo_core::storage::{Storage, StorageError, StorageKey};

/// The chunks under `keys` that are still there (a compaction may have removed some since).
async fn read_chunks(pg: &PgStore, keys: &[String]) -> Result<Vec<(StorageKey, Vec<u8>)>, StorageError> {
    let mut out = Vec::with_capacity(keys.len());
    for key in keys.iter().filter_map(|k| StorageKey::decode(k).ok()) {
        if let Some(bytes) = pg.load(&key).await? {
            out.push((key, bytes));
        }
    }
    Ok(out)
}

/// Follows the other nodes for as long as the hub runs.
pub fn follow_other_nodes(pg: PgStore, hub: HubHandle) {
    let mut notices = pg.listen();
    tokio::spawn(async move {
        while let Some(notice) = notices.recv().await {
            let chunks = match notice {
                Notice::Chunks(keys) => read_chunks(&pg, &keys).await,
                Notice::Missed => match StorageKey::new(Vec::<String>::new()) {
                    Ok(all) => pg.load_range(&all).await,
                    Err(_) => continue,
                },
            };
            match chunks {
                Ok(chunks) => {
                    let mut by_doc: BTreeMap<String, Vec<(StorageKey, Vec<u8>)>> = BTreeMap::new();
                    for (key, bytes) in chunks {
                        if let Some(id) = key.parts().first().cloned() {
                            by_doc.entry(id).or_default().push((key, bytes));
                        }
                    }
                    for (id, chunks) in by_doc {
                        hub.take_in_stored(id, chunks).await;
                    }
                }
                Err(e) => tracing::warn!(error = %e, "could not read what another node stored"),
            }
        }
    });
}
