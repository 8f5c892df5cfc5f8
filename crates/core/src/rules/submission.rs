//! What must be filled before a report can be submitted.

use crate::ids::{AgencyId, TaskId};
use crate::model::{PeriodReport, Plan, Registry};
use crate::rules::assignment::{tasks_for, Role};
use serde::{Deserialize, Serialize};

/// Something missing from a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "missing", rename_all = "snake_case")]
pub enum Missing {
    /// A task the agency leads has no status.
    Status {
        /// The task.
        task: TaskId,
    },
    /// A task the agency leads has no results written.
    Results {
        /// The task.
        task: TaskId,
    },
    /// The general results part is empty.
    GeneralResults,
    /// The name of the person submitting is empty.
    SubmitterName,
}

/// Every part that must be filled before `agency` can submit: status and results of each task
/// it leads, the general results, the submitter's name. Tasks it only coordinates are optional.
pub fn required_parts(plan: &Plan, registry: &Registry, agency: &AgencyId) -> Vec<Missing> {
    let mut out = Vec::new();
    for (task, role) in tasks_for(plan, registry, agency) {
        if role == Role::Lead {
            out.push(Missing::Status { task: task.id.clone() });
            out.push(Missing::Results { task: task.id.clone() });
        }
    }
    out.push(Missing::GeneralResults);
    out.push(Missing::SubmitterName);
    out
}

/// Whether `part` is still empty in `report` (submitted under the name `by`).
pub fn is_missing(part: &Missing, report: &PeriodReport, by: &str) -> bool {
    match part {
        Missing::Status { task } => report.task(task).and_then(|r| r.status).is_none(),
        Missing::Results { task } => report.task(task).is_none_or(|r| r.results.is_blank()),
        Missing::GeneralResults => report.general.results.is_blank(),
        Missing::SubmitterName => by.trim().is_empty(),
    }
}

/// Everything missing before `report` can be submitted by `agency` under the name `by`, in the
/// order of [`required_parts`].
pub fn missing_parts(
    plan: &Plan,
    registry: &Registry,
    agency: &AgencyId,
    report: &PeriodReport,
    by: &str,
) -> Vec<Missing> {
    required_parts(plan, registry, agency).into_iter().filter(|p| is_missing(p, report, by)).collect()
}
