//! Where each target stands: planned value, latest actual value, met or not, over the periods.

use crate::day::Day;
use crate::ids::{AgencyId, PeriodId};
use crate::model::{AgencyReports, Period, Plan, Registry, Target, TargetValue};
use crate::office::format;
use crate::rules::assignment::{leads_of, targets_for};
use crate::rules::evaluation::{evaluate, Evaluation};
use serde::{Deserialize, Serialize};

/// An actual value as a submitted report gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// The agency that reported it.
    pub agency: AgencyId,
    /// The period of the report.
    pub period: PeriodId,
    /// The value as reported.
    pub value: TargetValue,
    /// The day the figure refers to: its own `as_of`, else the day the report was submitted.
    pub day: Day,
}

/// One point of a target's chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The period.
    pub period: PeriodId,
    /// Its label.
    pub label: String,
    /// The reading of that period, if any.
    pub reading: Option<Reading>,
}

/// One target on the office's table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRow {
    /// The target.
    pub target: Target,
    /// What it asks for, in figures: `13 – 14%`.
    pub planned: String,
    /// Agencies that report it.
    pub responsible: Vec<AgencyId>,
    /// The latest reading up to the day asked.
    pub latest: Option<Reading>,
    /// Met, not met, or no data, by the latest reading.
    pub evaluation: Evaluation,
    /// One point per period, in order of due day.
    pub series: Vec<Point>,
}

/// The agencies that report a target: those named, else the leads of its task.
pub fn responsible(plan: &Plan, registry: &Registry, target: &Target) -> Vec<AgencyId> {
    if !target.responsible.is_empty() {
        return target.responsible.clone();
    }
    let leads = plan.task(&target.task).map(|t| leads_of(t, registry)).unwrap_or_default();
    leads.into_iter().filter(|a| targets_for(plan, registry, a).iter().any(|t| t.id == target.id)).collect()
}

fn reading(
    period: &Period,
    agencies: &[AgencyId],
    reports: &[AgencyReports],
    target: &Target,
    as_of: Day,
) -> Option<Reading> {
    agencies.iter().find_map(|agency| {
        let report = reports.iter().find(|r| &r.agency == agency)?.period(&period.id)?;
        let submitted = Day::in_vietnam(report.submissions.first()?.at_ms)?;
        if submitted > as_of {
            return None;
        }
        let value = report.target(&target.id)?;
        if value.value.is_none() && value.achieved.is_none() {
            return None;
        }
        Some(Reading {
            agency: agency.clone(),
            period: period.id.clone(),
            value: value.clone(),
            day: value.as_of.unwrap_or(submitted),
        })
    })
}

/// Every target of the plan, judged by the readings of submitted reports up to `as_of`.
pub fn target_rows(plan: &Plan, registry: &Registry, reports: &[AgencyReports], as_of: Day) -> Vec<TargetRow> {
    let mut periods: Vec<&Period> = plan.schedule.iter().collect();
    periods.sort_by_key(|p| p.due);
    plan.targets
        .iter()
        .map(|target| {
            let agencies = responsible(plan, registry, target);
            let series: Vec<Point> = periods
                .iter()
                .map(|p| Point {
                    period: p.id.clone(),
                    label: p.label.clone(),
                    reading: reading(p, &agencies, reports, target, as_of),
                })
                .collect();
            let latest = series.iter().rev().find_map(|p| p.reading.clone());
            let evaluation = evaluate(&target.kind, latest.as_ref().map(|r| &r.value));
            TargetRow {
                target: target.clone(),
                planned: format::planned(&target.kind, &target.unit),
                responsible: agencies,
                latest,
                evaluation,
                series,
            }
        })
        .collect()
}

impl Reading {
    /// The value in words: `13,5%`, `Đạt`, `Chưa đạt`.
    pub fn display(&self, unit: &str) -> String {
        match (self.value.value, self.value.achieved) {
            (Some(v), _) => format::with_unit(v, unit),
            (None, Some(true)) => String::from("Đạt"),
            (None, Some(false)) => String::from("Chưa đạt"),
            (None, None) => String::new(),
        }
    }
}
