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
use crate::storage::{StorageKey, StoredDoc};
use serde::{Deserialize, Serialize};
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

    /// Whether the file is a receipt, not an export (it is then read as a receipt instead).
    pub fn is_wrong_kind(&self) -> bool {
        self.key == FileError::WrongKind { found: String::new(), expected: String::new() }.key()
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
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(docs[i].len));
    let mut shares: Vec<(u64, Vec<usize>)> = vec![(0, Vec::new()); workers.clamp(1, docs.len().max(1))];
    for i in order {
        if let Some(lightest) = shares.iter_mut().min_by_key(|(bytes, _)| *bytes) {
            lightest.0 += docs[i].len.max(1);
            lightest.1.push(i);
        }
    }
    shares.into_iter().map(|(_, mut s)| (s.sort_unstable(), s).1).filter(|s| !s.is_empty()).collect()
}

/// Which held documents a share needs: the workspace, the plans (a document new here starts
/// from a genesis made from its plan), and its own documents.
pub fn needs(id: &str, kind: Option<DocKind>, share_ids: &[&str]) -> bool {
    id == WORKSPACE_DOC || kind == Some(DocKind::Plan) || share_ids.contains(&id)
}

/// Checks the documents of `share` (every document if `None`) of the file `bytes` against the
/// held chunks given; `max` is the size cap.
pub fn check_share(bytes: &[u8], max: u64, share: Option<&[usize]>, held: Vec<HeldChunk>) -> ShareOutcome {
    let mut by_doc: BTreeMap<String, Vec<(StorageKey, Vec<u8>)>> = BTreeMap::new();
    for (id, key, chunk) in held {
        by_doc.entry(id).or_default().push((key, chunk));
    }
    let mut docs = BTreeMap::new();
    let mut loaded = Vec::new();
    for (id, entries) in by_doc {
        let mut stored = StoredDoc::new(&id, automerge::AutoCommit::new());
        if stored.absorb(entries) > 0 {
            loaded.push((id.clone(), stored.loaded_keys().iter().map(StorageKey::encode).collect()));
            docs.insert(id, stored.doc);
        }
    }
    let Some(ws) = docs.get(WORKSPACE_DOC) else {
        return ShareOutcome::Refused(ShareRefusal::local("no workspace on this laptop"));
    };
    let workspace: WorkspaceDoc = match schema::read(ws) {
        Ok(w) => w,
        Err(e) => return ShareOutcome::Refused(ShareRefusal::local(e.to_string())),
    };
    let local = Local { workspace: &workspace, docs: &docs };
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
    let at = |id: &str| order.get(id).copied().unwrap_or(usize::MAX);
    // Every document of the file checked exactly once: a lost share is not half a file.
    let mut seen: Vec<usize> = prepared.docs.iter().map(|d| at(&d.id)).collect();
    seen.sort_unstable();
    if !seen.iter().copied().eq(0..prepared.manifest.docs.len()) {
        return Err(ShareRefusal::local("the shares do not cover the file's documents once each"));
    }
    prepared.docs.sort_by_key(|d| at(&d.id));
    prepared.preview.sort_by_key(|d| at(&d.id));
    prepared.values.sort_by_key(|(id, _)| at(id));
    Ok(Joined { prepared, loaded })
}
