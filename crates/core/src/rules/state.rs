//! The lifecycle of a period's report: draft → submitted → accepted or returned.

use crate::ids::AgencyId;
use crate::model::{PeriodReport, ReviewMark, ReviewOutcome};
use serde::{Deserialize, Serialize};

/// Where a period's report stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReportState {
    /// Not submitted yet.
    Draft,
    /// Submitted and waiting for the office.
    Submitted,
    /// Accepted by the office.
    Accepted,
    /// Returned by the office with a comment; the agency edits and submits again.
    Returned {
        /// The office's comment.
        comment: String,
    },
}

/// Derives the state of `agency`'s report from its submissions and the office's marks (of every
/// agency: only this agency's count). Only a mark on the latest submission counts, so a
/// resubmission after a return is `Submitted` again.
pub fn report_state(agency: &AgencyId, report: Option<&PeriodReport>, marks: &[ReviewMark]) -> ReportState {
    let Some((report, last)) = report.and_then(|r| r.last_submission().map(|s| (r, s))) else {
        return ReportState::Draft;
    };
    let mark = marks
        .iter()
        .filter(|m| &m.agency == agency && m.period == report.period && m.submission_at_ms == last.at_ms)
        .max_by_key(|m| m.at_ms);
    match mark {
        None => ReportState::Submitted,
        Some(m) if m.outcome == ReviewOutcome::Accepted => ReportState::Accepted,
        Some(m) => ReportState::Returned { comment: m.comment.clone() },
    }
}

/// The id of a review mark on one submission: `agency/period/submission-time`.
pub fn mark_id(agency: &AgencyId, period: &crate::ids::PeriodId, submission_at_ms: i64) -> String {
    format!("{agency}/{period}/{submission_at_ms}")
}
