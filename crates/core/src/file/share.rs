//! A file's check split into shares of its documents, so that several workers (Web Workers in
//! the browser) can each load and check a share at once. One share is the whole check: the
//! single-threaded path runs the same code with every document in one share.
//!
//! A worker gets the file's bytes and the stored chunks of what it needs (the workspace, the
//! plans, and the documents of its share), and answers with a [`ShareOutcome`]: plain data that
//! crosses a `postMessage` as JSON. [`join`] puts the answers back together.

use super::import::Local;
use super::prepared::Prepared;
use super::{DocManifest, FileError};
use crate::model::DocKind;
use crate::schema::genesis::WORKSPACE_DOC;
use crate::schema::{self, WorkspaceDoc};
use crate::storage::{open_chunks, StorageKey};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// The translation key of a refusal that is about this laptop's data, not about the file.
pub const LOCAL_PROBLEM: &str = "files.error.local";

/// One stored chunk a worker needs: the document it belongs to, its key, its bytes.
pub type HeldChunk = (String, StorageKey, Vec<u8>);

/// Why a share was refused: the translation key and the text of the reason, and the index of
/// the document it is about (`None`: the whole file, or this laptop's data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareRefusal {
    /// The document's index in the file, if the refusal is about one.
    pub index: Option<usize>,
    /// The translation key of the message ([`FileError::key`], or [`LOCAL_PROBLEM`]).
    pub key: String,
    /// The reason, in English, for logs and details.
    pub reason: String,
}

impl ShareRefusal {
    fn file(index: Option<usize>, e: &FileError) -> Self {
        Self { index, key: e.key().to_owned(), reason: e.to_string() }
    }

    fn local(reason: impl Into<String>) -> Self {
        Self { index: None, key: LOCAL_PROBLEM.to_owned(), reason: reason.into() }
    }
}

/// What a share's check answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ShareOutcome {
    /// Every document of the share passed: what applying and showing them needs, and the keys
    /// of the chunks each held document was read from (the ones a whole document replaces).
    Checked {
        /// The share's part of the checked file.
        prepared: Prepared,
        /// Per held document, the encoded keys of the chunks that were read.
        loaded: Vec<(String, Vec<String>)>,
    },
    /// The share was refused.
    Refused(ShareRefusal),
}

/// A file that passed every check, joined from its shares.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    /// What applying and showing it needs.
    pub prepared: Prepared,
    /// Per held document, the keys of the chunks that were read.
    pub loaded: BTreeMap<String, Vec<StorageKey>>,
}

/// Splits a file's documents into at most `workers` shares of about the same size in bytes
/// (the largest first, each to the lightest share). No share is empty.
pub fn plan_shares(docs: &[DocManifest], workers: usize) -> Vec<Vec<usize>> {
    let shares = workers.clamp(1, docs.len().max(1));
    let mut bytes = vec![0u64; shares];
    let mut owner: Vec<Option<usize>> = vec![None; docs.len()];
    // A few dozen documents: picking the largest left each time needs no sort.
    while let Some(i) = (0..docs.len()).filter(|&i| owner[i].is_none()).max_by_key(|&i| (docs[i].len, Reverse(i))) {
        let lightest = (0..shares).min_by_key(|&s| (bytes[s], s)).unwrap_or(0);
        bytes[lightest] += docs[i].len.max(1);
        owner[i] = Some(lightest);
    }
    (0..shares)
        .map(|s| (0..docs.len()).filter(|&i| owner[i] == Some(s)).collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Which held documents a share needs: the workspace, the plans (a document new here starts
/// from a genesis made from its plan), and its own documents.
pub fn needs(id: &str, kind: Option<DocKind>, share_ids: &[&str]) -> bool {
    id == WORKSPACE_DOC || kind == Some(DocKind::Plan) || share_ids.contains(&id)
}

/// Checks the documents of `share` (every document if `None`) of the file `bytes` against the
/// held chunks given; `max` is the size cap.
pub fn check_share(bytes: &[u8], max: u64, share: Option<&[usize]>, held: Vec<HeldChunk>) -> ShareOutcome {
    check_share_with(bytes, max, share, held, &[])
}

/// The same, with the attestations the laptop holds (as kept: they are verified again here
/// against the laptop's workspace). A worker gets none: a file carries the attestations of the
/// changes it brings.
pub fn check_share_with(
    bytes: &[u8],
    max: u64,
    share: Option<&[usize]>,
    held: Vec<HeldChunk>,
    attested: &[u8],
) -> ShareOutcome {
    let mut docs = BTreeMap::new();
    let mut loaded = Vec::new();
    for (id, stored) in open_chunks(held) {
        loaded.push((id.clone(), stored.loaded_keys().iter().map(StorageKey::encode).collect()));
        docs.insert(id, stored.doc);
    }
    let Some(ws) = docs.get(WORKSPACE_DOC) else {
        return ShareOutcome::Refused(ShareRefusal::local("no workspace on this laptop"));
    };
    let workspace: WorkspaceDoc = match schema::read(ws) {
        Ok(w) => w,
        Err(e) => return ShareOutcome::Refused(ShareRefusal::local(e.to_string())),
    };
    let attested = crate::sync::Attestations::from_bytes(attested, &crate::sync::Rights::from_workspace(&workspace));
    let local = Local { workspace: &workspace, docs: &docs, attested: &attested };
    let verified = match local.verify_share(bytes, max, share) {
        Ok(v) => v,
        Err((index, e)) => return ShareOutcome::Refused(ShareRefusal::file(index, &e)),
    };
    match Prepared::new(&verified, &local) {
        Ok(prepared) => ShareOutcome::Checked { prepared, loaded },
        Err(e) => ShareOutcome::Refused(ShareRefusal::file(None, &FileError::BadManifest(e.to_string()))),
    }
}

/// Joins the outcomes of every share of one file. If any share was refused, the refusal about
/// the whole file, or else about the first document in the file's order, is the answer.
pub fn join(outcomes: Vec<ShareOutcome>) -> Result<Joined, ShareRefusal> {
    let mut parts = Vec::new();
    let mut refusals = Vec::new();
    for outcome in outcomes {
        match outcome {
            ShareOutcome::Checked { prepared, loaded } => parts.push((prepared, loaded)),
            ShareOutcome::Refused(r) => refusals.push(r),
        }
    }
    if let Some(first) = refusals.into_iter().min_by_key(|r| r.index.map_or(0, |i| i + 1)) {
        return Err(first);
    }
    let mut loaded = BTreeMap::new();
    let mut prepared: Option<Prepared> = None;
    for (part, keys) in parts {
        for (id, keys) in keys {
            let keys = keys.iter().filter_map(|k| StorageKey::decode(k).ok()).collect();
            loaded.insert(id, keys);
        }
        match prepared.as_mut() {
            None => prepared = Some(part),
            Some(p) if p.manifest == part.manifest && p.signer_agency == part.signer_agency => {
                p.docs.extend(part.docs);
                p.preview.extend(part.preview);
                p.values.extend(part.values);
            }
            Some(_) => return Err(ShareRefusal::local("the shares checked different files")),
        }
    }
    let mut prepared = prepared.ok_or_else(|| ShareRefusal::local("no share was checked"))?;
    let order: BTreeMap<&str, usize> =
        prepared.manifest.docs.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let at = |id: &str| order.get(id).copied();
    let n = prepared.manifest.docs.len();
    // Every document of the file checked exactly once: a lost share is not half a file.
    let not_once = || ShareRefusal::local("the shares do not cover the file's documents once each");
    let docs = in_file_order(std::mem::take(&mut prepared.docs), n, |d| at(&d.id)).ok_or_else(not_once)?;
    let preview = in_file_order(std::mem::take(&mut prepared.preview), n, |d| at(&d.id)).ok_or_else(not_once)?;
    let values = in_file_order(std::mem::take(&mut prepared.values), n, |(id, _)| at(id)).ok_or_else(not_once)?;
    if docs.iter().any(Option::is_none) {
        return Err(not_once());
    }
    prepared.docs = docs.into_iter().flatten().collect();
    prepared.preview = preview.into_iter().flatten().collect();
    prepared.values = values.into_iter().flatten().collect();
    Ok(Joined { prepared, loaded })
}

/// `items` placed at their index in the file (`n` documents); `None` if an item has no place or
/// two claim the same one.
fn in_file_order<T>(items: Vec<T>, n: usize, index: impl Fn(&T) -> Option<usize>) -> Option<Vec<Option<T>>> {
    let mut slots: Vec<Option<T>> = std::iter::repeat_with(|| None).take(n).collect();
    for item in items {
        let slot = slots.get_mut(index(&item)?)?;
        if slot.replace(item).is_some() {
            return None;
        }
    }
    Some(slots)
}
