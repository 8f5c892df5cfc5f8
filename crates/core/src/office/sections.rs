//! Task statuses per section of the plan, for one period.

use crate::ids::{PeriodId, SectionId};
use crate::model::{AgencyReports, Plan, Registry, TaskStatus};
use crate::rules::assignment::leads_of;
use serde::{Deserialize, Serialize};

/// The statuses reported on a section's tasks by their lead agencies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionRow {
    /// The section.
    pub section: SectionId,
    /// Its heading.
    pub title: String,
    /// Tasks in it.
    pub tasks: usize,
    /// Reports (task × lead agency) per status, in the order of [`STATUSES`].
    pub counts: [usize; 4],
    /// Task × lead agency pairs with no status reported.
    pub unreported: usize,
    /// Mean % done over the reports that give one.
    pub percent: Option<f64>,
}

/// The four statuses in the order the Government's reports count them.
pub const STATUSES: [TaskStatus; 4] =
    [TaskStatus::DoneOnTime, TaskStatus::DoneLate, TaskStatus::InProgress, TaskStatus::Overdue];

/// Per section, what the lead agencies reported for `period` (submitted or not: the office sees
/// work in progress too).
pub fn section_rows(plan: &Plan, registry: &Registry, reports: &[AgencyReports], period: &PeriodId) -> Vec<SectionRow> {
    plan.sections
        .iter()
        .map(|section| {
            let mut counts = [0; 4];
            let mut unreported = 0;
            let mut percents = Vec::new();
            for task in &section.tasks {
                for agency in leads_of(task, registry) {
                    let tr = reports
                        .iter()
                        .find(|r| r.agency == agency)
                        .and_then(|r| r.period(period))
                        .and_then(|p| p.task(&task.id));
                    match tr.and_then(|t| t.status) {
                        Some(s) => {
                            if let Some(i) = STATUSES.iter().position(|x| *x == s) {
                                counts[i] += 1;
                            }
                        }
                        None => unreported += 1,
                    }
                    if let Some(p) = tr.and_then(|t| t.percent) {
                        percents.push(f64::from(p));
                    }
                }
            }
            let percent = (!percents.is_empty()).then(|| percents.iter().sum::<f64>() / percents.len() as f64);
            SectionRow {
                section: section.id.clone(),
                title: section.title.clone(),
                tasks: section.tasks.len(),
                counts,
                unreported,
                percent,
            }
        })
        .collect()
}
