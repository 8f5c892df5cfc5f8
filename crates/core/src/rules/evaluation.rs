//! Whether a target is met.

use crate::model::{TargetKind, TargetValue};
use serde::{Deserialize, Serialize};

/// The state of a target given its latest actual value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evaluation {
    /// The actual value satisfies the target.
    Met,
    /// The actual value does not.
    NotMet,
    /// No actual value reported.
    NoData,
}

/// Evaluates a target against an actual value.
pub fn evaluate(kind: &TargetKind, actual: Option<&TargetValue>) -> Evaluation {
    let Some(actual) = actual else { return Evaluation::NoData };
    let met = match (kind, actual.value, actual.achieved) {
        (TargetKind::Milestone, _, Some(achieved)) => achieved,
        (TargetKind::Milestone, _, None) => return Evaluation::NoData,
        (_, None, _) => return Evaluation::NoData,
        (TargetKind::Range { min, max }, Some(v), _) => *min <= v && v <= *max,
        (TargetKind::Minimum { value }, Some(v), _) => v >= *value,
        (TargetKind::Maximum { value, strict: true }, Some(v), _) => v < *value,
        (TargetKind::Maximum { value, strict: false }, Some(v), _) => v <= *value,
        (TargetKind::CountOfTotal { count, .. }, Some(v), _) => v >= *count,
        (TargetKind::Exact { value }, Some(v), _) => v >= *value,
    };
    if met {
        Evaluation::Met
    } else {
        Evaluation::NotMet
    }
}
