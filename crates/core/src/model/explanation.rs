//! The office's requests for an explanation (`yêu cầu giải trình`) of an overdue report or task,
//! and the agency's answers. A request is the office's (in its reviews document); the answer is
//! the agency's own, written on its report of the period the request names, so that each is
//! changed only by whoever wrote it.

use crate::ids::{AgencyId, PeriodId, TaskId};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// The office asks an agency why a report or a task is overdue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct ExplanationRequest {
    /// `agency/period/task-or-report/asked-at`, unique.
    #[key]
    pub id: String,
    /// The agency asked.
    pub agency: AgencyId,
    /// The period whose report is overdue, and on whose report the agency answers.
    pub period: PeriodId,
    /// The overdue task, if the request is about one (else about the report).
    pub task: Option<TaskId>,
    /// What the office asks.
    pub question: String,
    /// Who asked (the office's name).
    pub by: String,
    /// When, Unix milliseconds.
    pub at_ms: i64,
}

impl ExplanationRequest {
    /// A request's id: unique per agency, period, subject and moment.
    pub fn id_for(agency: &AgencyId, period: &PeriodId, task: Option<&TaskId>, at_ms: i64) -> String {
        let subject = task.map_or_else(|| "report".to_owned(), |t| format!("task-{t}"));
        format!("{agency}/{period}/{subject}/{at_ms}")
    }
}

/// The agency's answer to a request, on its report of the request's period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct ExplanationAnswer {
    /// The request answered ([`ExplanationRequest::id`]).
    #[key]
    pub request: String,
    /// The explanation.
    pub text: String,
    /// When it was last written, Unix milliseconds.
    pub at_ms: i64,
}

/// The answer to `request` among an agency's answers of its period, if written.
pub fn answer_to<'a>(answers: &'a [ExplanationAnswer], request: &ExplanationRequest) -> Option<&'a ExplanationAnswer> {
    answers.iter().find(|a| a.request == request.id && !a.text.trim().is_empty())
}
