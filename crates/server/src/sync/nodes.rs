//! Several nodes on one PostgreSQL: this node follows what the others store. On a notice it
//! reads the named documents' chunks and hands them to its hub; when notices may have been
//! missed (the listening connection was away), it reads every document once.

use super::HubHandle;
use crate::pg::{Notice, PgStore};
use std::collections::BTreeMap;
use tiendo_core::storage::{Storage, StorageKey};

/// Follows the other nodes for as long as the hub runs.
pub fn follow_other_nodes(pg: PgStore, hub: HubHandle) {
    let mut notices = pg.listen();
    tokio::spawn(async move {
        while let Some(notice) = notices.recv().await {
            let prefixes: Vec<Vec<String>> = match notice {
                Notice::Docs(ids) => ids.into_iter().map(|id| vec![id]).collect(),
                Notice::Missed => vec![Vec::new()],
            };
            for parts in prefixes {
                let Ok(prefix) = StorageKey::new(parts) else { continue };
                match pg.load_range(&prefix).await {
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
        }
    });
}
