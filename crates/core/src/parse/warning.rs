//! What the parser did not understand, with line numbers: never a silent drop.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One thing the parser noticed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based line in the pasted text.
    pub line: usize,
    /// What.
    pub kind: WarningKind,
}

/// Kinds of warnings. The app shows each in Vietnamese; `Display` is for the CLI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum WarningKind {
    /// A numbered line that does not continue the numbering, kept as text.
    OutOfSequence(String),
    /// A task number that skips one or two numbers; read as a task.
    NumberingGap(String),
    /// A bullet item outside any task, not kept.
    ItemOutsideTask(String),
    /// A task without `agencies:` at its start.
    NoAgencies(String),
    /// Agency words that match no registered agency; proposed as a new agency.
    UnknownAgency(String),
    /// An agency the office has retired: it takes no new tasks, so the task is left without it.
    RetiredAgency(String),
    /// A section without tasks.
    EmptySection(String),
    /// A deadline sentence that could not be read.
    UnreadDeadline(String),
    /// A monthly report with no day given; due on the month's last day.
    MonthlyDueDefaulted(String),
    /// The "Tổ chức thực hiện" part sets no deadline the parser could read.
    NoSchedule,
    /// Decision metadata not found.
    MissingMetadata(String),
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, detail) = match &self.kind {
            WarningKind::OutOfSequence(d) => ("numbered line out of sequence, kept as text", d),
            WarningKind::NumberingGap(d) => ("task numbering skips a number; read as a task", d),
            WarningKind::ItemOutsideTask(d) => ("bullet item outside any task, not kept", d),
            WarningKind::NoAgencies(d) => ("task names no agency", d),
            WarningKind::UnknownAgency(d) => ("unknown agency, proposed as new", d),
            WarningKind::RetiredAgency(d) => ("agency retired from the registry, not assigned", d),
            WarningKind::EmptySection(d) => ("section without tasks", d),
            WarningKind::UnreadDeadline(d) => ("deadline not understood", d),
            WarningKind::MonthlyDueDefaulted(d) => {
                ("monthly report without a day; due on the last day of each month", d)
            }
            WarningKind::MissingMetadata(d) => ("decision metadata not found", d),
            WarningKind::NoSchedule => {
                return write!(f, "line {}: no reporting deadline found; add the schedule by hand", self.line)
            }
        };
        let detail: String = detail.chars().take(80).collect();
        write!(f, "line {}: {what}: {detail}", self.line)
    }
}
