//! Which tasks and targets an agency must report on.

use crate::ids::AgencyId;
use crate::model::{Plan, Registry, Target, Task};
use serde::{Deserialize, Serialize};

/// An agency's part in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Named as lead (`chủ trì`), directly or through a group.
    Lead,
    /// Named as coordinating (`phối hợp`).
    Coordinating,
}

/// The agency's role in a task, if it has one.
pub fn role_in(task: &Task, agency: &AgencyId, registry: &Registry) -> Option<Role> {
    if task.lead.contains(agency) {
        return Some(Role::Lead);
    }
    // Through a group: its members as the office keeps them now.
    if let Some(a) = registry.get(agency) {
        if task.groups.iter().any(|g| registry.in_group(g, a)) {
            return Some(Role::Lead);
        }
    }
    task.coordinating.contains(agency).then_some(Role::Coordinating)
}

/// The tasks an agency reports on, with its role, in plan order.
pub fn tasks_for<'a>(plan: &'a Plan, registry: &Registry, agency: &AgencyId) -> Vec<(&'a Task, Role)> {
    plan.tasks().filter_map(|t| role_in(t, agency, registry).map(|r| (t, r))).collect()
}

/// The targets an agency reports actual values for.
pub fn targets_for<'a>(plan: &'a Plan, registry: &Registry, agency: &AgencyId) -> Vec<&'a Target> {
    plan.targets
        .iter()
        .filter(|target| {
            target.responsible.contains(agency)
                || (target.responsible.is_empty()
                    && plan.task(&target.task).and_then(|t| role_in(t, agency, registry)) == Some(Role::Lead))
        })
        .collect()
}

/// Every agency that leads a task (directly or through a group), resolved against the registry.
pub fn leads_of(task: &Task, registry: &Registry) -> Vec<AgencyId> {
    let mut out = task.lead.clone();
    for agency in &registry.agencies {
        if task.groups.iter().any(|g| registry.in_group(g, agency)) && !out.contains(&agency.id) {
            out.push(agency.id.clone());
        }
    }
    out
}
