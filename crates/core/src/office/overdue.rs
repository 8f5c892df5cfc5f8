//! Tasks past their own deadline: the plan gives a task `Quý II/2026` or `30/6/2026`, the day
//! has passed, and a lead agency has not reported it done.

use crate::day::Day;
use crate::ids::{AgencyId, TaskId};
use crate::model::{AgencyReports, Plan, Registry, TaskStatus};
use crate::rules::assignment::leads_of;
use serde::{Deserialize, Serialize};

/// One task past its own deadline on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueTask {
    /// The task.
    pub task: TaskId,
    /// Its text (first line), for the list.
    pub text: String,
    /// Its deadline as the plan writes it.
    pub written: String,
    /// The last day the deadline allows.
    pub due: Day,
    /// Days past that day.
    pub days_overdue: i64,
    /// Lead agencies that have not reported the task done, in registry order.
    pub pending: Vec<AgencyId>,
}

/// Whether `agency` had reported `task` done by the end of `as_of`: in its latest period report
/// submitted by then that speaks of the task, the status is done or the completion is 100%.
/// Drafts do not count: the office judges what it was sent.
fn reported_done(reports: Option<&AgencyReports>, task: &TaskId, as_of: Day) -> bool {
    let Some(reports) = reports else { return false };
    reports
        .periods
        .iter()
        .filter_map(|p| {
            let first = p.submissions.first()?;
            let day = Day::in_vietnam(first.at_ms)?;
            (day <= as_of).then_some((day, p.task(task)?))
        })
        .max_by_key(|(day, _)| *day)
        .is_some_and(|(_, r)| {
            matches!(r.status, Some(TaskStatus::DoneOnTime | TaskStatus::DoneLate)) || r.percent == Some(100)
        })
}

/// The tasks whose own deadline ended before `as_of` and that a lead agency has not reported
/// done, most overdue first.
pub fn overdue_tasks(plan: &Plan, registry: &Registry, reports: &[AgencyReports], as_of: Day) -> Vec<OverdueTask> {
    let mut out: Vec<OverdueTask> = plan
        .tasks()
        .filter_map(|task| {
            let deadline = task.deadline.as_ref()?;
            let due = deadline.due?;
            if due >= as_of {
                return None;
            }
            let pending: Vec<AgencyId> = leads_of(task, registry)
                .into_iter()
                .filter(|a| !reported_done(reports.iter().find(|r| &r.agency == a), &task.id, as_of))
                .collect();
            (!pending.is_empty()).then(|| OverdueTask {
                task: task.id.clone(),
                text: task.text.to_string().lines().next().unwrap_or_default().to_owned(),
                written: deadline.written.clone(),
                due,
                days_overdue: due.days_until(as_of),
                pending,
            })
        })
        .collect();
    out.sort_by_key(|t| std::cmp::Reverse(t.days_overdue));
    out
}
