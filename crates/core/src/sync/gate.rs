//! The write gate: a peer's sync message (or a file's document) is applied only if every change
//! it brings is by a registered device of an agency allowed to write that document, is the
//! sender's own or covered by an attestation of its author (or of the server), and the document
//! still reads as its kind and schema afterwards. Otherwise nothing of it is applied.

use super::attest::Attestations;
use super::rights::Rights;
use crate::hex;
use crate::ids::DeviceId;
use crate::model::DocKind;
use crate::schema::{Document, PlanDoc, ReportsDoc, ReviewsDoc, WorkspaceDoc};
use automerge::sync::{self, SyncDoc};
use automerge::{ActorId, AutoCommit, ChangeHash, ReadDoc, ScalarValue, Value, ROOT};

/// Why a peer's changes were not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The document is not one of this workspace.
    #[error("{0} is not a document of this workspace")]
    UnknownDocument(String),
    /// The bytes are not an Automerge sync message.
    #[error("not an Automerge sync message: {0}")]
    BadMessage(String),
    /// A change's actor is not a registered device.
    #[error("change {hash} to {doc} is by actor {actor}, which is not a registered device")]
    UnknownAuthor {
        /// The document.
        doc: String,
        /// The actor, hex.
        actor: String,
        /// The change hash.
        hash: String,
    },
    /// A change is by a device whose agency may not write the document.
    #[error("change {hash} to {doc} is by a device of {agency}, which may not write it")]
    NotAllowed {
        /// The document.
        doc: String,
        /// The author's agency.
        agency: String,
        /// The change hash.
        hash: String,
    },
    /// The changes do not apply.
    #[error("the changes do not apply to {doc}: {reason}")]
    DoesNotApply {
        /// The document.
        doc: String,
        /// Automerge's reason.
        reason: String,
    },
    /// A change is neither the sender's own nor vouched for by its author or the server.
    #[error("change {hash} to {doc} is by actor {actor}, not by the sending device {device}, and no attestation of its author covers it")]
    NotTheSender {
        /// The document.
        doc: String,
        /// The actor, hex.
        actor: String,
        /// The change hash.
        hash: String,
        /// The device that sent it.
        device: String,
    },
    /// Too many bytes of changes would wait for dependencies the document lacks.
    #[error("{doc} would hold {bytes} bytes of changes waiting for changes it lacks; at most {max}")]
    TooMuchWaiting {
        /// The document.
        doc: String,
        /// Bytes that would wait.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// After the changes the document no longer reads as its kind and schema.
    #[error("after the changes {doc} is no longer a valid {kind} document: {reason}")]
    BreaksSchema {
        /// The document.
        doc: String,
        /// The kind it must keep.
        kind: &'static str,
        /// What does not read.
        reason: String,
    },
}

/// Who hands changes on, and what vouches for those that are not its own.
#[derive(Debug, Clone, Copy)]
pub struct Sender<'a> {
    /// The device whose connection, or whose signed file, brings the changes.
    pub device: &'a DeviceId,
    /// Attestations known for the document (received with the changes or before).
    pub attested: &'a Attestations,
    /// Whether the sender's word vouches for everything it brings: only a file the
    /// workspace's server signed (the server checked every change it holds).
    pub is_server_file: bool,
}

/// One change new to a document, as the gate needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChange {
    /// Its actor.
    pub actor: ActorId,
    /// Its number in the actor's chain.
    pub seq: u64,
    /// Its hash.
    pub hash: ChangeHash,
}

/// The changes of `doc` that are not behind `heads`.
pub fn new_changes(doc: &mut AutoCommit, heads: &[ChangeHash]) -> Vec<NewChange> {
    doc.get_changes_meta(heads)
        .into_iter()
        .map(|c| NewChange { actor: c.actor.into_owned(), seq: c.seq, hash: c.hash })
        .collect()
}

/// Whether the document's `kind` field is `kind`.
pub fn reads_as(doc: &AutoCommit, kind: &str) -> bool {
    matches!(doc.get(ROOT, "kind"), Ok(Some((Value::Scalar(s), _))) if matches!(s.as_ref(), ScalarValue::Str(k) if k.as_str() == kind))
}

/// Checks changes new to a document: each is vouched for by the server's attestation, or else
/// is by a registered device of an agency allowed to write `doc_id` and is the sender's own or
/// covered by its author's attestation; and the document (with them) still reads as its kind
/// and schema. A file the server signed is the server's word for all it holds.
/// (A connection never speaks for the server: the server's device has no credential.)
pub fn check_changes(
    doc: &mut AutoCommit,
    new: &[NewChange],
    rights: &Rights,
    doc_id: &str,
    kind: DocKind,
    sender: Sender<'_>,
) -> Result<(), Refusal> {
    check_authors(doc, new, rights, doc_id, sender)?;
    if !new.is_empty() {
        hydrates_as(doc, kind).map_err(|reason| Refusal::BreaksSchema {
            doc: doc_id.to_owned(),
            kind: kind_name(kind),
            reason,
        })?;
    }
    Ok(())
}

/// The authorship part of [`check_changes`], for a caller that reads the document whole itself
/// (a file import keeps the value for its preview instead of reading it twice).
pub fn check_authors(
    doc: &mut AutoCommit,
    new: &[NewChange],
    rights: &Rights,
    doc_id: &str,
    sender: Sender<'_>,
) -> Result<(), Refusal> {
    let from_server = sender.is_server_file && rights.server() == Some(sender.device);
    for c in new {
        let hash = c.hash.to_string();
        let covering = sender.attested.covering(doc_id, doc, &c.actor, c.seq);
        if from_server || covering.is_some_and(|a| rights.server() == Some(&a.by)) {
            continue;
        }
        let Some(agency) = rights.author(&c.actor) else {
            return Err(Refusal::UnknownAuthor {
                doc: doc_id.to_owned(),
                actor: hex::encode(c.actor.to_bytes()),
                hash,
            });
        };
        if !rights.may_write(doc_id, agency) {
            return Err(Refusal::NotAllowed { doc: doc_id.to_owned(), agency: agency.to_string(), hash });
        }
        if !Rights::is_of(&c.actor, sender.device) && covering.is_none() {
            return Err(Refusal::NotTheSender {
                doc: doc_id.to_owned(),
                actor: hex::encode(c.actor.to_bytes()),
                hash,
                device: sender.device.to_string(),
            });
        }
    }
    Ok(())
}

/// Whether the document reads whole as a document of `kind` (every field of the model, not
/// only `kind`): what the office's exports, board and compile need of it.
pub fn hydrates_as(doc: &AutoCommit, kind: DocKind) -> Result<(), String> {
    let shown = |e: crate::schema::DocError| e.to_string();
    match kind {
        DocKind::Workspace => crate::schema::read::<WorkspaceDoc, _>(doc).map(drop).map_err(shown),
        DocKind::Plan => crate::schema::read::<PlanDoc, _>(doc).map(drop).map_err(shown),
        DocKind::Reports => crate::schema::read::<ReportsDoc, _>(doc).map(drop).map_err(shown),
        DocKind::Reviews => crate::schema::read::<ReviewsDoc, _>(doc).map(drop).map_err(shown),
    }
}

/// Whether the document reads whole as the kind its `kind` field names. A document without one
/// (nothing received yet) or of a kind this version does not know is not judged here.
pub fn hydrates_as_its_kind(doc: &AutoCommit) -> Result<(), String> {
    const KINDS: [DocKind; 4] = [DocKind::Workspace, DocKind::Plan, DocKind::Reports, DocKind::Reviews];
    match KINDS.into_iter().find(|k| reads_as(doc, kind_name(*k))) {
        Some(kind) => hydrates_as(doc, kind),
        None => Ok(()),
    }
}

/// The `kind` value a document of this kind holds.
pub fn kind_name(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Workspace => WorkspaceDoc::KIND,
        DocKind::Plan => PlanDoc::KIND,
        DocKind::Reports => ReportsDoc::KIND,
        DocKind::Reviews => ReviewsDoc::KIND,
    }
}

/// What applying a peer's sync message did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Received {
    /// Changes applied.
    pub applied: Vec<NewChange>,
    /// Whether changes wait for a dependency the document lacks after it; if so, `bytes` is
    /// what this message may have added to them (its changes' bytes, an upper bound).
    pub waiting: bool,
    /// The bytes of the message's changes.
    pub bytes: usize,
}

/// Applies an encoded sync message from a peer to `doc` (document `doc_id`) if every change it
/// brings passes [`check_changes`]. Changes that cannot apply yet (their dependency is missing:
/// a Bloom filter's false positive makes a few, a flood makes many) wait inside the document;
/// `may_wait` is how many more bytes of them the caller allows, and a message that would leave
/// more is refused. On refusal `doc` and `state` are untouched.
pub fn receive_checked(
    doc: &mut AutoCommit,
    state: &mut sync::State,
    data: &[u8],
    rights: &Rights,
    doc_id: &str,
    sender: Sender<'_>,
    may_wait: usize,
) -> Result<Received, Refusal> {
    let meta = rights.doc(doc_id).ok_or_else(|| Refusal::UnknownDocument(doc_id.to_owned()))?;
    let message = sync::Message::decode(data).map_err(|e| Refusal::BadMessage(e.to_string()))?;
    let apply_err =
        |e: automerge::AutomergeError| Refusal::DoesNotApply { doc: doc_id.to_owned(), reason: e.to_string() };
    let bytes: usize = message.changes.iter().map(<[u8]>::len).sum();
    if bytes == 0 {
        doc.sync().receive_sync_message(state, message).map_err(apply_err)?;
        return Ok(Received::default());
    }
    let before = doc.get_heads();
    let mut trial = doc.clone();
    let mut trial_state = state.clone();
    trial.sync().receive_sync_message(&mut trial_state, message).map_err(apply_err)?;
    let waiting = !trial.get_missing_deps(&[]).is_empty();
    if waiting && bytes > may_wait {
        return Err(Refusal::TooMuchWaiting { doc: doc_id.to_owned(), bytes, max: may_wait });
    }
    let new = new_changes(&mut trial, &before);
    check_changes(&mut trial, &new, rights, doc_id, meta.kind, sender)?;
    *doc = trial;
    *state = trial_state;
    Ok(Received { applied: new, waiting, bytes })
}

/// Forgets the changes waiting in `doc` for a missing dependency (they are only in memory; a
/// peer that still has them sends them again with their dependency).
pub fn drop_waiting(doc: &mut AutoCommit) {
    if doc.get_missing_deps(&[]).is_empty() {
        return;
    }
    let without = automerge::SaveOptions { deflate: true, retain_orphans: false };
    if let Ok(fresh) = AutoCommit::load(&doc.save_with_options(without)) {
        let actor = doc.get_actor().clone();
        *doc = fresh.with_actor(actor);
    }
}
