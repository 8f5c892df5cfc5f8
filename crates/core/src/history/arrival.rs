//! Arrival records: when a change reached a place (the server, or a laptop), and how. The
//! server writes one line per batch of changes it accepted, so that lateness can be settled
//! from its record where a laptop's clock is not to be trusted.

use crate::hex;
use crate::ids::{AgencyId, DeviceId};
use crate::storage::{KeyError, Storage, StorageError, StorageKey};
use automerge::ChangeHash;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
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
    /// Synced from the province's server (as a laptop records it).
    Server,
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

    /// The batches a sync file signed by `device` brings (its documents' new changes), applied
    /// at `at_ms`; `sha256` is the file's, hex. None if the signer is not a device id.
    pub fn of_file<'a>(
        device: &str,
        docs: impl IntoIterator<Item = (&'a str, &'a [ChangeHash])>,
        at_ms: i64,
        sha256: &str,
    ) -> Vec<Self> {
        let Ok(signer) = DeviceId::new(device) else { return Vec::new() };
        let via = Via::File { signer, sha256: sha256.to_owned() };
        docs.into_iter()
            .filter(|(_, changes)| !changes.is_empty())
            .map(|(doc, changes)| Self::new(doc, at_ms, via.clone(), changes))
            .collect()
    }

    /// Where a device keeps this batch: `arrivals/<doc>/<time>-<digest of its changes>`, so
    /// that a document's records are one range and a batch written twice is one record.
    pub fn key(&self) -> Result<StorageKey, KeyError> {
        let digest = crate::hex::encode(&Sha256::digest(self.changes.join(",").as_bytes())[..8]);
        StorageKey::new([ARRIVALS, self.doc.as_str(), &format!("{:015}-{digest}", self.at_ms.max(0))])
    }

    /// The storage entry of this batch (its key and its JSON).
    pub fn entry(&self) -> Result<(StorageKey, Vec<u8>), KeyError> {
        Ok((self.key()?, serde_json::to_vec(self).unwrap_or_default()))
    }
}

/// The first part of the keys of arrival records.
pub const ARRIVALS: &str = "arrivals";

/// The arrival records a device keeps of `doc` (records it cannot read are skipped: they only
/// date changes).
pub async fn stored_log(storage: &impl Storage, doc: &str) -> Result<ArrivalLog, StorageError> {
    let Ok(prefix) = StorageKey::new([ARRIVALS, doc]) else { return Ok(ArrivalLog::default()) };
    let found = storage.load_range(&prefix).await?;
    Ok(ArrivalLog::of(found.iter().filter_map(|(_, bytes)| serde_json::from_slice::<ArrivalBatch>(bytes).ok())))
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrivalLog(HashMap<ChangeHash, Arrival>);

impl ArrivalLog {
    /// The log of one document's batches (the first record of a change counts: a change the
    /// server already held that comes again in a file did not arrive then).
    pub fn of(batches: impl IntoIterator<Item = ArrivalBatch>) -> Self {
        let mut log = HashMap::new();
        for b in batches {
            for c in &b.changes {
                let Some(hash) = hex::change_hash(c) else { continue };
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
