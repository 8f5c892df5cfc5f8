//! Corrections the office makes in the import preview without editing the decision's text: a
//! task's agencies or deadline, what a target asks for, and which proposed agencies to add.
//! They are kept apart from the text and applied after every reading of it, so reading the
//! text again (after fixing a typo elsewhere) keeps them.

use super::{deadline, targets, ParsedPlan};
use crate::ids::{AgencyId, TargetId, TaskId};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One task's corrections; `None` leaves what the text says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskCorrection {
    /// The lead agencies instead of those read.
    pub lead: Option<Vec<AgencyId>>,
    /// The coordinating agencies instead of those read.
    pub coordinating: Option<Vec<AgencyId>>,
    /// The deadline as it should be written (`Quý III/2026`); empty clears it.
    pub deadline: Option<String>,
}

/// A correction that could not be applied to this reading of the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CorrectionError {
    /// The task is no longer in the text (renumbered or removed).
    #[error("task {0} is no longer in the text")]
    NoTask(TaskId),
    /// The target is no longer in the text.
    #[error("target {0} is no longer in the text")]
    NoTarget(TargetId),
    /// The words given for a target do not say what it asks for.
    #[error("{phrase:?} does not say what target {target} asks for")]
    TargetNotUnderstood {
        /// The target.
        target: TargetId,
        /// The words given.
        phrase: String,
    },
    /// The words given for a deadline are not one.
    #[error("{phrase:?} is not a deadline (task {task})")]
    DeadlineNotUnderstood {
        /// The task.
        task: TaskId,
        /// The words given.
        phrase: String,
    },
}

/// Everything corrected in one import preview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrections {
    /// By task.
    pub tasks: BTreeMap<TaskId, TaskCorrection>,
    /// What a target asks for, in words as a plan writes them (`từ 95% trở lên`, `15 - 16%`).
    pub targets: BTreeMap<TargetId, String>,
    /// Names of proposed agencies not to add: they are dropped from the tasks that named them.
    pub rejected_agencies: BTreeSet<String>,
}

impl Corrections {
    /// Whether nothing is corrected.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty() && self.targets.is_empty() && self.rejected_agencies.is_empty()
    }

    /// The plan as read, with the corrections made; and those that no longer apply (the
    /// reading is left as the text says there).
    pub fn apply(&self, parsed: &ParsedPlan) -> (ParsedPlan, Vec<CorrectionError>) {
        let mut out = parsed.clone();
        let mut errors = Vec::new();
        let rejected: BTreeSet<AgencyId> = out
            .proposed_agencies
            .iter()
            .filter(|a| self.rejected_agencies.contains(&a.name))
            .map(|a| a.id.clone())
            .collect();
        out.proposed_agencies.retain(|a| !rejected.contains(&a.id));
        let year = out.plan.decision.date.year();
        for task in out.plan.sections.iter_mut().flat_map(|s| s.tasks.iter_mut()) {
            task.lead.retain(|a| !rejected.contains(a));
            task.coordinating.retain(|a| !rejected.contains(a));
            let Some(c) = self.tasks.get(&task.id) else { continue };
            // Only agencies of the registry or still proposed: a rejected one stays out.
            let keep = |ids: &Vec<AgencyId>| ids.iter().filter(|a| !rejected.contains(*a)).cloned().collect();
            if let Some(lead) = &c.lead {
                task.lead = keep(lead);
            }
            if let Some(coordinating) = &c.coordinating {
                task.coordinating = keep(coordinating);
            }
            match c.deadline.as_deref().map(str::trim) {
                None => {}
                Some("") => task.deadline = None,
                Some(phrase) => match deadline::read_strict(phrase, year) {
                    Some(d) => task.deadline = Some(d),
                    None => errors.push(CorrectionError::DeadlineNotUnderstood {
                        task: task.id.clone(),
                        phrase: phrase.to_owned(),
                    }),
                },
            }
        }
        errors.extend(self.tasks.keys().filter(|id| out.plan.task(id).is_none()).cloned().map(CorrectionError::NoTask));
        let leads: BTreeMap<TaskId, Vec<AgencyId>> = out.plan.tasks().map(|t| (t.id.clone(), t.lead.clone())).collect();
        for target in &mut out.plan.targets {
            target.responsible.retain(|a| !rejected.contains(a));
            if self.tasks.get(&target.task).is_some_and(|c| c.lead.is_some()) {
                target.responsible = leads.get(&target.task).cloned().unwrap_or_default();
            }
            let Some(phrase) = self.targets.get(&target.id) else { continue };
            match targets::find_targets(&target.task, &[phrase.as_str()], &[]).into_iter().next() {
                Some(read) => {
                    target.kind = read.kind;
                    target.unit = read.unit;
                }
                None => errors
                    .push(CorrectionError::TargetNotUnderstood { target: target.id.clone(), phrase: phrase.clone() }),
            }
        }
        errors.extend(
            self.targets
                .keys()
                .filter(|id| !out.plan.targets.iter().any(|t| &t.id == *id))
                .cloned()
                .map(CorrectionError::NoTarget),
        );
        (out, errors)
    }
}
