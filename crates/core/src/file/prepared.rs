//! A checked file reduced to what applying it needs and what a person sees before: the storage
//! chunks, the preview, and the reports' values after it. Plain data: the page keeps this while
//! the person reads the preview, not every merged document.

use super::import::{Local, Verified};
use super::preview::{preview_values, DocPreview};
use super::Manifest;
use crate::schema::ReportsDoc;
use crate::storage::{KeyError, StorageKey};
use crate::sync::Rights;
use serde::{Deserialize, Serialize};

/// One document of a checked file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreparedDoc {
    /// Its id.
    pub id: String,
    /// Changes it brings that were not here.
    pub new_changes: usize,
    /// The hashes of those changes, hex (what the arrival records name).
    #[serde(default)]
    pub arrived: Vec<String>,
    /// Whether its chunk makes the chunks held before redundant.
    pub supersedes_held: bool,
    /// What to store: the encoded storage key and the bytes (none if it brings nothing).
    pub chunk: Option<(String, Vec<u8>)>,
}

/// A file that passed every check, ready to show and to apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prepared {
    /// What the file says about itself.
    pub manifest: Manifest,
    /// The signer's agency.
    pub signer_agency: String,
    /// Its documents, in the file's order.
    pub docs: Vec<PreparedDoc>,
    /// What it changes, per document.
    pub preview: Vec<DocPreview>,
    /// The reports it changes, as they read after it.
    pub values: Vec<(String, ReportsDoc)>,
}

impl Prepared {
    /// Prepares a verified file against what `local` holds.
    pub fn new(verified: &Verified, local: &Local<'_>) -> Result<Self, KeyError> {
        let rights = Rights::from_workspace(local.workspace);
        let (preview, values) = preview_values(verified, &rights, local.docs);
        let docs = verified
            .docs
            .iter()
            .map(|d| {
                Ok(PreparedDoc {
                    id: d.id.clone(),
                    new_changes: d.new_changes,
                    arrived: d.arrived.iter().map(|h| crate::hex::encode(&h.0)).collect(),
                    supersedes_held: d.supersedes_held(),
                    chunk: d.chunk()?.map(|(k, b)| (k.encode(), b)),
                })
            })
            .collect::<Result<_, KeyError>>()?;
        Ok(Self {
            manifest: verified.manifest.clone(),
            signer_agency: verified.signer_agency.clone(),
            docs,
            preview,
            values,
        })
    }

    /// Whether everything in it is here already (a replayed file).
    pub fn already_imported(&self) -> bool {
        self.docs.iter().all(|d| d.new_changes == 0)
    }

    /// The arrival records of the changes it brings, applied at `at_ms` from the file whose
    /// SHA-256 is `sha256` (hex).
    pub fn arrivals(&self, at_ms: i64, sha256: &str) -> Vec<crate::history::ArrivalBatch> {
        let hashes: Vec<(&str, Vec<automerge::ChangeHash>)> = self
            .docs
            .iter()
            .map(|d| (d.id.as_str(), d.arrived.iter().filter_map(|h| crate::hex::change_hash(h)).collect()))
            .collect();
        let docs = hashes.iter().map(|(id, h)| (*id, h.as_slice()));
        crate::history::ArrivalBatch::of_file(&self.manifest.device, docs, at_ms, sha256)
    }

    /// The storage chunks that apply it; store them all or none.
    pub fn chunks(&self) -> Result<Vec<(StorageKey, Vec<u8>)>, KeyError> {
        self.docs
            .iter()
            .filter_map(|d| d.chunk.as_ref())
            .map(|(k, b)| Ok((StorageKey::decode(k)?, b.clone())))
            .collect()
    }
}
