//! The lifecycle of a period's report: draft → submitted → accepted or returned.

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

/// Derives the state from the report's submissions and the office's marks. Only a mark on the
/// latest submission counts, so a resubmission after a return is `Submitted` again.
pub fn report_state(report: Option<&PeriodReport>, marks: &[ReviewMark]) -> ReportState {
    let Some((report, last)) = report.and_then(|r| r.last_submission().map(|s| (r, s))) else {
        return ReportState::Draft;
    };
    let mark =
        marks.iter().filter(|m| m.period == report.period && m.submission_at_ms == last.at_ms).max_by_key(|m| m.at_ms);
    match mark {
        None => ReportState::Submitted,
        Some(m) if m.outcome == ReviewOutcome::Accepted => ReportState::Accepted,
        Some(m) => ReportState::Returned { comment: m.comment.clone() },
    }
}
