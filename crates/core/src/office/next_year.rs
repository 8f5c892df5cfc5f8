//! A new year's plan made from last year's: the same sections and tasks, the reporting schedule
//! a year later, and every task its lead agencies had not finished marked as carried over.
//!
//! A task that was finished and had a deadline last year is done with and left out; a standing
//! task (`Thường xuyên`, no deadline) comes again. Agencies merged or retired since are named as
//! they stand now: a merged one by the agency that answers for it, a retired one not at all.

use crate::day::Day;
use crate::ids::{AgencyId, PeriodId, PlanId, TaskId};
use crate::model::{AgencyReports, CarriedOver, Decision, Period, Plan, Registry, Task, TaskDeadline, TaskStatus};
use crate::rules::assignment::leads_of;
use crate::text::slug;

/// What the office says of the new plan: its decision's number and day, and optionally a title
/// and what it implements (last year's, with the year changed, otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextYear {
    /// The new decision's number, e.g. `05/QĐ-UBND`.
    pub number: String,
    /// The day it is signed; its year is the plan's.
    pub date: Day,
    /// The new title, if not last year's with the year changed.
    pub title: Option<String>,
}

/// The new plan and what happened to each of last year's tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct Copied {
    /// The plan, ready to add to the workspace.
    pub plan: Plan,
    /// Tasks carried over unfinished.
    pub carried: Vec<TaskId>,
    /// Tasks copied as standing tasks (no deadline, finished or not).
    pub standing: Vec<TaskId>,
    /// Tasks finished last year and left out.
    pub finished: Vec<TaskId>,
}

/// Why no plan was made. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NextYearError {
    /// The new decision is not of a later year than last year's plan.
    #[error("the new decision of {} is not of a year after the plan of {year}", .date.to_vietnamese())]
    NotLater {
        /// The new decision's day.
        date: Day,
        /// Last year's plan's year.
        year: i32,
    },
    /// The decision number gives no usable plan id.
    #[error("{0:?} is not a decision number (e.g. 05/QĐ-UBND)")]
    BadNumber(String),
}

/// Makes next year's plan from `last`, judging what was finished by `reports` (every agency's
/// reports on `last`).
pub fn next_year(
    last: &Plan,
    registry: &Registry,
    reports: &[AgencyReports],
    ask: &NextYear,
) -> Result<Copied, NextYearError> {
    let (from, to) = (last.decision.date.year(), ask.date.year());
    if to <= from {
        return Err(NextYearError::NotLater { date: ask.date, year: from });
    }
    let number = ask.number.split_whitespace().collect::<Vec<_>>().join(" ");
    let id_base = slug(&number);
    if id_base.is_empty() {
        return Err(NextYearError::BadNumber(ask.number.clone()));
    }
    let id = PlanId::new(format!("{id_base}-{to}")).map_err(|_| NextYearError::BadNumber(ask.number.clone()))?;
    let now = |a: &AgencyId| registry.successor(a).map(|s| s.id.clone());
    let (mut carried, mut standing, mut finished) = (Vec::new(), Vec::new(), Vec::new());
    let mut sections = Vec::new();
    for section in &last.sections {
        let mut tasks = Vec::new();
        for task in &section.tasks {
            let done = is_finished(task, last, registry, reports);
            let has_deadline = task.deadline.as_ref().is_some_and(|d| d.due.is_some());
            let carried_over = match (done, has_deadline) {
                (true, true) => {
                    finished.push(task.id.clone());
                    continue;
                }
                (_, false) => {
                    standing.push(task.id.clone());
                    None
                }
                (false, true) => {
                    carried.push(task.id.clone());
                    Some(CarriedOver { plan: last.id.clone(), task: task.id.clone(), year: from })
                }
            };
            tasks.push(Task {
                lead: named_now(&task.lead, now),
                coordinating: named_now(&task.coordinating, now),
                deadline: task.deadline.as_ref().map(|d| TaskDeadline {
                    written: replace_year(&d.written, from, to, true),
                    due: d.due.map(|day| day.plus_years(to - from)),
                }),
                carried_over,
                ..task.clone()
            });
        }
        if !tasks.is_empty() {
            sections.push(crate::model::Section { tasks, ..section.clone() });
        }
    }
    let kept = |t: &TaskId| sections.iter().any(|s| s.tasks.iter().any(|k| &k.id == t));
    let targets = last.targets.iter().filter(|t| kept(&t.task)).cloned().collect();
    let plan = Plan {
        id,
        title: ask.title.clone().unwrap_or_else(|| replace_year(&last.title, from, to, false)),
        decision: Decision { number, date: ask.date, ..last.decision.clone() },
        sections,
        targets,
        goals: last.goals.clone(),
        schedule: last.schedule.iter().map(|p| shift(p, from, to, now)).collect(),
    };
    Ok(Copied { plan, carried, standing, finished })
}

/// Whether every lead agency that answers for `task` said last that it is done. A task nobody
/// reported on is not finished.
fn is_finished(task: &Task, plan: &Plan, registry: &Registry, reports: &[AgencyReports]) -> bool {
    let leads: Vec<AgencyId> = leads_of(task, registry)
        .into_iter()
        .filter(|a| registry.is_active(a) || reports.iter().any(|r| &r.agency == a))
        .collect();
    !leads.is_empty()
        && leads.iter().all(|agency| {
            let Some(r) = reports.iter().find(|r| &r.agency == agency) else { return false };
            let last_said = plan
                .schedule
                .iter()
                .filter_map(|p| r.period(&p.id))
                .filter_map(|pr| pr.tasks.iter().find(|t| t.task == task.id).and_then(|t| t.status))
                .next_back();
            matches!(last_said, Some(TaskStatus::DoneOnTime | TaskStatus::DoneLate))
        })
}

fn named_now(ids: &[AgencyId], now: impl Fn(&AgencyId) -> Option<AgencyId>) -> Vec<AgencyId> {
    let mut out: Vec<AgencyId> = Vec::new();
    for id in ids.iter().filter_map(now) {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

fn shift(p: &Period, from: i32, to: i32, now: impl Fn(&AgencyId) -> Option<AgencyId>) -> Period {
    let years = to - from;
    Period {
        id: PeriodId::new(replace_year(p.id.as_str(), from, to, true)).unwrap_or_else(|_| p.id.clone()),
        label: replace_year(&p.label, from, to, true),
        due: p.due.plus_years(years),
        cutoff: p.cutoff.map(|c| crate::model::CutOff { from: c.from.plus_years(years), to: c.to.plus_years(years) }),
        reporters: named_now(&p.reporters, now),
        ..p.clone()
    }
}

/// `text` with the year `from` written as a year (not inside a longer number) replaced by `to`.
/// Outside dates (`in_dates` false) a year after `/` is left: in a title, `ngày 01/01/2020` is
/// the day of another document, which stays what it was.
pub fn replace_year(text: &str, from: i32, to: i32, in_dates: bool) -> String {
    let (from, to) = (from.to_string(), to.to_string());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&from) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + from.len()..].chars().next();
        let standalone = !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit());
        let in_a_date = matches!(before, Some('/' | '.'));
        out.push_str(&rest[..at]);
        out.push_str(if standalone && (in_dates || !in_a_date) { &to } else { &from });
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}
