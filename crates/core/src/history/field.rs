//! Which field of a report a change touched, and the value it held.

use crate::ids::{PeriodId, TargetId, TaskId};
use automerge::ScalarValue;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A part of a task's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskPart {
    /// The status.
    Status,
    /// Completion, %.
    Percent,
    /// Results achieved.
    Results,
    /// Difficulties.
    Difficulties,
    /// Proposals.
    Proposals,
}

/// A part of a target's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetPart {
    /// The figure.
    Value,
    /// Whether a milestone was reached.
    Achieved,
    /// The day the figure refers to.
    AsOf,
    /// The note.
    Note,
    /// The figure as typed.
    Typed,
}

/// A general part of a period's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeneralPart {
    /// Kết quả đạt được.
    Results,
    /// Tồn tại, hạn chế.
    Shortcomings,
    /// Nhiệm vụ kỳ tới.
    NextTasks,
    /// Kiến nghị.
    Proposals,
}

macro_rules! stored_names {
    ($ty:ident { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// Every part, in the order the report shows them.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];
            /// The key autosurgeon stores the part under.
            pub fn key(self) -> &'static str {
                match self { $($ty::$variant => $name),* }
            }
            /// The part stored under `key`, if any.
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($name => Some($ty::$variant),)* _ => None }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

stored_names!(TaskPart { Status => "status", Percent => "percent", Results => "results",
    Difficulties => "difficulties", Proposals => "proposals" });
stored_names!(TargetPart { Value => "value", Achieved => "achieved", AsOf => "as_of", Note => "note",
    Typed => "typed" });
stored_names!(GeneralPart { Results => "results", Shortcomings => "shortcomings", NextTasks => "next_tasks",
    Proposals => "proposals" });

impl TaskPart {
    /// Whether the part is a single value (not a text merged by character).
    pub fn is_scalar(self) -> bool {
        matches!(self, TaskPart::Status | TaskPart::Percent)
    }
}

/// Where in a period's report a field is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "of", rename_all = "snake_case")]
pub enum Place {
    /// A task's report.
    Task {
        /// The task.
        task: TaskId,
        /// The part.
        part: TaskPart,
    },
    /// A target's value.
    Target {
        /// The target.
        target: TargetId,
        /// The part.
        part: TargetPart,
    },
    /// A general part.
    General {
        /// The part.
        part: GeneralPart,
    },
    /// A submission, by the person named.
    Submission,
}

impl Place {
    /// The task the field belongs to, if it is a task's.
    pub fn task(&self) -> Option<&TaskId> {
        match self {
            Place::Task { task, .. } => Some(task),
            _ => None,
        }
    }
}

/// One field of an agency's reports: a period and a place in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Field {
    /// The period.
    pub period: PeriodId,
    /// Where in the period's report.
    #[serde(flatten)]
    pub place: Place,
}

/// What a field held: a text, a number, a yes/no, a status or date as stored, or nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    /// Nothing (not yet written, or cleared).
    Empty,
    /// A yes/no.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A text, or a status or a date as stored.
    Text(String),
}

impl FieldValue {
    /// The value of a stored scalar. A status is stored under its Rust name (`DoneOnTime`) by
    /// autosurgeon and is given here in the JSON's snake case (`done_on_time`).
    pub fn of_scalar(s: &ScalarValue) -> Self {
        match s {
            ScalarValue::Null => FieldValue::Empty,
            ScalarValue::Boolean(b) => FieldValue::Bool(*b),
            ScalarValue::Int(i) => FieldValue::Number(*i as f64),
            ScalarValue::Uint(u) => FieldValue::Number(*u as f64),
            ScalarValue::F64(f) => FieldValue::Number(*f),
            ScalarValue::Str(t) => FieldValue::Text(snake_status(t).unwrap_or(t.as_str()).to_owned()),
            other => FieldValue::Text(other.to_string()),
        }
    }

    /// Whether it holds nothing (an empty text counts as nothing).
    pub fn is_empty(&self) -> bool {
        match self {
            FieldValue::Empty => true,
            FieldValue::Text(t) => t.is_empty(),
            _ => false,
        }
    }

    /// Whether two values say the same (nothing and an empty text are the same).
    pub fn same_as(&self, other: &FieldValue) -> bool {
        (self.is_empty() && other.is_empty()) || self == other
    }
}

/// The JSON name of a status stored under its Rust name.
fn snake_status(stored: &str) -> Option<&'static str> {
    Some(match stored {
        "DoneOnTime" => "done_on_time",
        "DoneLate" => "done_late",
        "InProgress" => "in_progress",
        "Overdue" => "overdue",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_is_found_again_from_its_stored_key() {
        for p in TaskPart::ALL {
            assert_eq!(TaskPart::from_key(p.key()), Some(*p));
        }
        for p in TargetPart::ALL {
            assert_eq!(TargetPart::from_key(p.key()), Some(*p));
        }
        for p in GeneralPart::ALL {
            assert_eq!(GeneralPart::from_key(p.key()), Some(*p));
        }
        assert_eq!(TaskPart::from_key("task"), None);
    }

    #[test]
    fn a_stored_status_reads_as_its_json_name_and_nothing_equals_an_empty_text() {
        assert_eq!(FieldValue::of_scalar(&ScalarValue::Str("DoneLate".into())), FieldValue::Text("done_late".into()));
        assert!(FieldValue::Empty.same_as(&FieldValue::Text(String::new())));
        assert!(!FieldValue::Empty.same_as(&FieldValue::Number(0.0)));
    }
}
