//! The provincial office's review marks, kept apart from the agencies' own text.

use crate::ids::{AgencyId, PeriodId};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// The office's decision on a submitted report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// Accepted (`đã tiếp nhận`).
    Accepted,
    /// Returned for correction (`trả lại`).
    Returned,
}

/// One review mark on one submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct ReviewMark {
    /// `agency/period/submission-time`, unique per submission.
    #[key]
    pub id: String,
    /// The agency whose report it is.
    pub agency: AgencyId,
    /// The period.
    pub period: PeriodId,
    /// The `at_ms` of the submission reviewed.
    pub submission_at_ms: i64,
    /// Accepted or returned.
    pub outcome: ReviewOutcome,
    /// The office's comment (required when returning).
    pub comment: String,
    /// Who reviewed.
    pub by: String,
    /// When, as Unix milliseconds.
    pub at_ms: i64,
}
