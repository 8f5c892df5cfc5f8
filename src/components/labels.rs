//! Translation keys for the domain's enumerations.

use tiendo_core::model::TaskStatus;
use tiendo_core::rules::state::ReportState;
use tiendo_core::rules::timeliness::Timeliness;

/// The four task statuses, in the order the form offers them.
pub const STATUSES: [TaskStatus; 4] =
    [TaskStatus::DoneOnTime, TaskStatus::DoneLate, TaskStatus::InProgress, TaskStatus::Overdue];

/// The key of a task status.
pub fn status_key(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::DoneOnTime => "status.done_on_time",
        TaskStatus::DoneLate => "status.done_late",
        TaskStatus::InProgress => "status.in_progress",
        TaskStatus::Overdue => "status.overdue",
    }
}

/// A status as a form value.
pub fn status_value(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::DoneOnTime => "done_on_time",
        TaskStatus::DoneLate => "done_late",
        TaskStatus::InProgress => "in_progress",
        TaskStatus::Overdue => "overdue",
    }
}

/// The status of a form value.
pub fn status_of(value: &str) -> Option<TaskStatus> {
    STATUSES.into_iter().find(|s| status_value(*s) == value)
}

/// The key of a report's state, and a CSS class.
pub fn state_key(s: &ReportState, started: bool) -> (&'static str, &'static str) {
    match s {
        // Nobody has written anything yet: not "being written".
        ReportState::Draft if !started => ("state.not_started", "not-started"),
        ReportState::Draft => ("state.draft", "draft"),
        ReportState::Submitted => ("state.submitted", "submitted"),
        ReportState::Accepted => ("state.accepted", "accepted"),
        ReportState::Returned { .. } => ("state.returned", "returned"),
    }
}

/// The key of a timeliness and the number it carries.
pub fn timeliness_key(t: Timeliness) -> (&'static str, i64) {
    match t {
        Timeliness::OnTime => ("time.on_time", 0),
        Timeliness::Late { days } => ("time.late", days),
        Timeliness::Missing { days_overdue } => ("time.missing", days_overdue),
        Timeliness::NotYetDue { days_left: 0 } => ("time.due_today", 0),
        Timeliness::NotYetDue { days_left } => ("time.days_left", days_left),
    }
}

pub use tiendo_start::i18n::kind_key;
