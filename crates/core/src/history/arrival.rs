//! Arrival records: when a change reached a place (the server, or a laptop), and how. The
//! server writes one line per batch of changes it accepted, so that lateness can be settled
//! from its record where a laptop's clock is not to be trusted.

use crate::hex;
use crate::ids::{AgencyId, DeviceId};
use automerge::ChangeHash;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How changes reached the place that recorded them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Via {
    /// Synced from a device over a connection.
    Sync {
        /// The device at the other end, as its credential proved.
        device: DeviceId,
        /// Its agency.
        agency: AgencyId,
    },
    /// Imported from a sync file.
    File {
        /// The device that signed the file.
        signer: DeviceId,
        /// The file's SHA-256, hex.
        sha256: String,
    },
    /// Made at this place (the server's own registrations, a CLI change).
    Here,
}

/// Changes of one document that arrived together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrivalBatch {
    /// The document.
    pub doc: String,
    /// When they arrived (the recording place's clock), Unix milliseconds.
    pub at_ms: i64,
    /// How.
    pub via: Via,
    /// The changes' hashes, hex.
    pub changes: Vec<String>,
}

impl ArrivalBatch {
    /// A batch of `changes` to `doc` that arrived at `at_ms` by `via`.
    pub fn new(doc: &str, at_ms: i64, via: Via, changes: &[ChangeHash]) -> Self {
        let changes = changes.iter().map(|h| hex::encode(&h.0)).collect();
        Self { doc: doc.to_owned(), at_ms, via, changes }
    }
}

/// When and how one change arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrival {
    /// When, Unix milliseconds.
    pub at_ms: i64,
    /// How.
    pub via: Via,
}

/// The first arrival of each change of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArrivalLog(HashMap<ChangeHash, Arrival>);

impl ArrivalLog {
    /// The log of one document's batches (the first record of a change counts: a change the
    /// server already held that comes again in a file did not arrive then).
    pub fn of(batches: impl IntoIterator<Item = ArrivalBatch>) -> Self {
        let mut log = HashMap::new();
        for b in batches {
            for c in &b.changes {
                let Some(hash) = hex::decode(c).and_then(|bytes| ChangeHash::try_from(bytes.as_slice()).ok()) else {
                    continue;
                };
                log.entry(hash).or_insert_with(|| Arrival { at_ms: b.at_ms, via: b.via.clone() });
            }
        }
        Self(log)
    }

    /// When and how a change arrived, if recorded.
    pub fn get(&self, change: &ChangeHash) -> Option<&Arrival> {
        self.0.get(change)
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
