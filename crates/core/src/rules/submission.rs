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

/// Everything missing before `report` can be submitted by `agency` under the name `by`. Tasks
/// the agency only coordinates are optional.
pub fn missing_parts(
    plan: &Plan,
    registry: &Registry,
    agency: &AgencyId,
    report: &PeriodReport,
    by: &str,
) -> Vec<Missing> {
    let mut out = Vec::new();
    for (task, role) in tasks_for(plan, registry, agency) {
        if role != Role::Lead {
            continue;
        }
        let r = report.task(&task.id);
        if r.and_then(|r| r.status).is_none() {
            out.push(Missing::Status { task: task.id.clone() });
        }
        if r.is_none_or(|r| r.results.is_blank()) {
            out.push(Missing::Results { task: task.id.clone() });
        }
    }
    if report.general.results.is_blank() {
        out.push(Missing::GeneralResults);
    }
    if by.trim().is_empty() {
        out.push(Missing::SubmitterName);
    }
    out
}
