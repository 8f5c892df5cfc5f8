//! Typed edits not yet closed into an Automerge change: what a tab keeps in storage between
//! closing changes, so that nothing typed is lost if the tab dies.
//!
//! Every Automerge change is kept for ever and costs again at every load, sync and file import
//! (a province-year typed as one change per 4 characters verifies in twice the time of one change
//! per field). So a tab closes a change only when typing settles, and until then writes, within a
//! second of the typing, the latest value of each part edited: a draft, under its own key beside
//! the document. The next tab to open the document after this one died replays the draft into
//! one change; replaying a value the document already holds changes nothing.
//!
//! The rule that keeps replays from doubling text: a change leaves its tab (to the server,
//! another tab, a file) only once it is written and its draft removed. A replay then never makes
//! a second copy of a change someone else already has.

use crate::ids::{PeriodId, TargetId, TaskId};
use crate::model::{GeneralParts, Submission, TargetValue, TaskReport};
use crate::schema::{edit, DocError};
use crate::storage::{KeyError, StorageKey};
use automerge::AutoCommit;
use serde::{Deserialize, Serialize};

/// The first part of every draft's key (never a document id).
pub const DRAFT: &str = "draft";

/// The latest value of one part of a report, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DraftEdit {
    /// One task's report in one period.
    Task {
        /// The period.
        period: PeriodId,
        /// The task.
        task: TaskId,
        /// Its value.
        value: TaskReport,
    },
    /// One target's value in one period.
    Target {
        /// The period.
        period: PeriodId,
        /// The target.
        target: TargetId,
        /// Its value.
        value: TargetValue,
    },
    /// The general parts of one period.
    General {
        /// The period.
        period: PeriodId,
        /// Their value.
        value: GeneralParts,
    },
    /// A submission of one period's report. Kept like a typed value, so that a page gone
    /// before its engine wrote the submission does not lose it. Its heads are empty until the
    /// engine (or a replay) records them: the document as it stood when it was sent.
    Submit {
        /// The period.
        period: PeriodId,
        /// Who sent it, when, from which device.
        submission: Submission,
    },
}

impl DraftEdit {
    fn same_part(&self, other: &DraftEdit) -> bool {
        match (self, other) {
            (Self::Task { period: p, task: t, .. }, Self::Task { period: q, task: u, .. }) => p == q && t == u,
            (Self::Target { period: p, target: t, .. }, Self::Target { period: q, target: u, .. }) => p == q && t == u,
            (Self::General { period: p, .. }, Self::General { period: q, .. }) => p == q,
            (Self::Submit { period: p, submission: s }, Self::Submit { period: q, submission: u }) => {
                p == q && s.at_ms == u.at_ms && s.device == u.device
            }
            _ => false,
        }
    }
}

/// Why a stored draft cannot be read (it is then kept, never replayed or removed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unreadable draft: {0}")]
pub struct DraftError(pub String);

/// The parts a tab edited since it last closed a change, each with its latest value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// When it was last written (Unix milliseconds).
    pub saved_ms: i64,
    edits: Vec<DraftEdit>,
}

impl Draft {
    /// Notes the latest value of a part (replacing what was noted of it before). A value typed
    /// after a submission is noted after it, so that a replay sends what was sent, not more.
    pub fn note(&mut self, edit: DraftEdit) {
        let since_sent = self.edits.iter().rposition(|e| matches!(e, DraftEdit::Submit { .. })).map_or(0, |i| i + 1);
        match self.edits[since_sent..].iter_mut().find(|e| e.same_part(&edit)) {
            Some(e) => *e = edit,
            None => self.edits.push(edit),
        }
    }

    /// Whether nothing is noted.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// The parts noted.
    pub fn edits(&self) -> &[DraftEdit] {
        &self.edits
    }

    /// The stored form.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads a stored draft.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, DraftError> {
        serde_json::from_slice(bytes).map_err(|e| DraftError(e.to_string()))
    }

    /// Writes every noted value into `doc` (into its open change: the caller closes it). Parts
    /// that already hold the value are left untouched, and a submission the document holds is
    /// not added again. A submission not yet given its heads closes the change before it and
    /// takes the heads then.
    pub fn replay(&self, doc: &mut AutoCommit) -> Result<(), DocError> {
        for e in &self.edits {
            match e {
                DraftEdit::Task { period, task, value } => {
                    edit::edit_task(doc, period, task, |t| *t = value.clone())?;
                }
                DraftEdit::Target { period, target, value } => {
                    edit::edit_target(doc, period, target, |t| *t = value.clone())?;
                }
                DraftEdit::General { period, value } => {
                    edit::edit_general(doc, period, |g| *g = value.clone())?;
                }
                DraftEdit::Submit { period, submission } => record_submission(doc, period, submission.clone())?,
            }
        }
        Ok(())
    }
}

/// Records `submission` of `period` in `doc`, unless the document holds it already (the same
/// device at the same moment). Empty heads are filled with the document's heads, after closing
/// the change open before it.
pub fn record_submission(doc: &mut AutoCommit, period: &PeriodId, mut submission: Submission) -> Result<(), DocError> {
    let held = edit::read_period(doc, period)?
        .is_some_and(|p| p.submissions.iter().any(|s| s.at_ms == submission.at_ms && s.device == submission.device));
    if held {
        return Ok(());
    }
    if submission.heads.is_empty() {
        crate::changes::close_open(doc, submission.at_ms);
        submission.heads = doc.get_heads().iter().map(ToString::to_string).collect();
    }
    edit::edit_period(doc, period, |p| p.submissions.push(submission))?;
    Ok(())
}

/// The key of the draft tab `tab` keeps of document `doc`.
pub fn draft_key(doc: &str, tab: &str) -> Result<StorageKey, KeyError> {
    StorageKey::new([DRAFT, doc, tab])
}

/// The prefix of every tab's draft of document `doc`.
pub fn drafts_of(doc: &str) -> Result<StorageKey, KeyError> {
    StorageKey::new([DRAFT, doc])
}
