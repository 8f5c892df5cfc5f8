//! One agency's report edited many times (statuses, percentages and texts on three tasks of its
//! busiest period, ten minutes apart): what the history benches read, natively and in Chromium.

use crate::changes::commit_at;
use crate::history::{Field, Place, TaskPart};
use crate::ids::{AgencyId, DeviceId};
use crate::model::{Plan, Registry, TaskStatus};
use crate::schema::genesis::{empty_reports, genesis};
use crate::schema::{self, edit, DocError, ReportsDoc};
use crate::sync::Rights;
use crate::Day;
use automerge::AutoCommit;

/// `agency`'s reports with `changes` changes, and the field the first of them sets (a status).
/// `None` if the agency has no period with tasks.
pub fn busy_report(
    plan: &Plan,
    registry: &Registry,
    agency: &AgencyId,
    changes: usize,
) -> Result<Option<(AutoCommit, Field)>, DocError> {
    let mut doc = genesis(&empty_reports(plan, registry, agency))?;
    if let Ok(device) = DeviceId::new("ab".repeat(16)) {
        doc.set_actor(Rights::actor_for(&device, [0, 0, 0, 1]));
    }
    let read: ReportsDoc = schema::read(&doc)?;
    let Some(period) = read.reports.periods.iter().filter(|p| !p.tasks.is_empty()).max_by_key(|p| p.tasks.len()) else {
        return Ok(None);
    };
    let (p, tasks) = (period.period.clone(), period.tasks.iter().map(|t| t.task.clone()).take(3).collect::<Vec<_>>());
    let start = Day::from_ymd(plan_year(plan), 1, 5).map_or(0, |d| d.at_vietnam(8, 0));
    let statuses = [TaskStatus::InProgress, TaskStatus::DoneOnTime, TaskStatus::Overdue];
    for i in 0..changes {
        let task = &tasks[i % tasks.len()];
        edit::edit_task(&mut doc, &p, task, |t| match i % 4 {
            0 => t.status = Some(statuses[(i / 12) % 3]),
            1 => t.percent = Some((i % 101) as u8),
            _ => t.results = format!("Đã triển khai đợt {i} tại các xã.").into(),
        })?;
        commit_at(&mut doc, start + i as i64 * 600_000);
    }
    Ok(Some((doc, Field { period: p, place: Place::Task { task: tasks[0].clone(), part: TaskPart::Status } })))
}

/// The year of the plan's first due date (2026 if it has none).
fn plan_year(plan: &Plan) -> i32 {
    plan.schedule.iter().map(|p| p.due.year()).min().unwrap_or(2026)
}
