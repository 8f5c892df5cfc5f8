//! The write gate: a peer's sync message is applied only if every change it brings is by a
//! registered device of an agency allowed to write that document, and the document still reads
//! as its kind afterwards. Otherwise nothing of it is applied.

use super::rights::Rights;
use crate::hex;
use crate::model::DocKind;
use crate::schema::{Document, PlanDoc, ReportsDoc, ReviewsDoc, WorkspaceDoc};
use automerge::sync::{self, SyncDoc};
use automerge::{AutoCommit, ReadDoc, ScalarValue, Value, ROOT};

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
    /// After the changes the document no longer reads as its kind.
    #[error("after the changes {doc} is no longer a {kind} document")]
    BreaksSchema {
        /// The document.
        doc: String,
        /// The kind it must keep.
        kind: &'static str,
    },
}

/// Whether the document's `kind` field is `kind`.
pub fn reads_as(doc: &AutoCommit, kind: &str) -> bool {
    matches!(doc.get(ROOT, "kind"), Ok(Some((Value::Scalar(s), _))) if matches!(s.as_ref(), ScalarValue::Str(k) if k.as_str() == kind))
}

/// Checks changes new to a document: every author a registered device of an agency allowed to
/// write `doc_id`, and the document (with them) still of its kind.
pub fn check_changes<'a>(
    doc: &AutoCommit,
    new: impl IntoIterator<Item = (&'a automerge::ActorId, automerge::ChangeHash)>,
    rights: &Rights,
    doc_id: &str,
    kind: DocKind,
) -> Result<(), Refusal> {
    let mut any = false;
    for (actor, hash) in new {
        any = true;
        let hash = hash.to_string();
        let Some(agency) = rights.author(actor) else {
            return Err(Refusal::UnknownAuthor { doc: doc_id.to_owned(), actor: hex::encode(actor.to_bytes()), hash });
        };
        if !rights.may_write(doc_id, agency) {
            return Err(Refusal::NotAllowed { doc: doc_id.to_owned(), agency: agency.to_string(), hash });
        }
    }
    let kind = kind_name(kind);
    if any && !reads_as(doc, kind) {
        return Err(Refusal::BreaksSchema { doc: doc_id.to_owned(), kind });
    }
    Ok(())
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

/// Applies an encoded sync message from a peer to `doc` (document `doc_id`) if `rights` allow
/// every change it brings; on refusal `doc` and `state` are untouched. Returns how many changes
/// were applied.
pub fn receive_checked(
    doc: &mut AutoCommit,
    state: &mut sync::State,
    data: &[u8],
    rights: &Rights,
    doc_id: &str,
) -> Result<usize, Refusal> {
    let meta = rights.doc(doc_id).ok_or_else(|| Refusal::UnknownDocument(doc_id.to_owned()))?;
    let message = sync::Message::decode(data).map_err(|e| Refusal::BadMessage(e.to_string()))?;
    let apply_err =
        |e: automerge::AutomergeError| Refusal::DoesNotApply { doc: doc_id.to_owned(), reason: e.to_string() };
    if message.changes.is_empty() {
        doc.sync().receive_sync_message(state, message).map_err(apply_err)?;
        return Ok(0);
    }
    let before = doc.get_heads();
    let mut trial = doc.clone();
    let mut trial_state = state.clone();
    trial.sync().receive_sync_message(&mut trial_state, message).map_err(apply_err)?;
    let new: Vec<_> = trial.get_changes_meta(&before).into_iter().map(|c| (c.actor.into_owned(), c.hash)).collect();
    check_changes(&trial, new.iter().map(|(a, h)| (a, *h)), rights, doc_id, meta.kind)?;
    let count = new.len();
    *doc = trial;
    *state = trial_state;
    Ok(count)
}
