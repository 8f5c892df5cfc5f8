//! Tasks past their own deadline, as the office's board lists them.

use tiendo_core::builtin::tra_vinh_2020;
use tiendo_core::ids::{AgencyId, DeviceId, PeriodId, TaskId};
use tiendo_core::model::{AgencyGroup, AgencyReports, Plan, Registry, Submission, TaskDeadline, TaskStatus};
use tiendo_core::office::overdue::overdue_tasks;
use tiendo_core::schema::genesis::empty_reports;
use tiendo_core::Day;

fn day(s: &str) -> Day {
    s.parse().expect("day")
}

/// Noon in Vietnam on a day, as Unix milliseconds.
fn noon(s: &str) -> i64 {
    let d: chrono::NaiveDate = s.parse().expect("date");
    d.and_hms_opt(5, 0, 0).expect("time").and_utc().timestamp_millis()
}

struct World {
    plan: Plan,
    registry: Registry,
    reports: Vec<AgencyReports>,
    task: TaskId,
}

impl World {
    /// The built-in plan with its first task given `Quý I/2020` (due 31/03/2020).
    fn new() -> World {
        let (registry, parsed) = tra_vinh_2020().expect("builtin");
        let mut plan = parsed.plan;
        let task = &mut plan.sections[0].tasks[0];
        task.deadline = Some(TaskDeadline { written: "Quý I/2020".into(), due: Some(day("2020-03-31")) });
        let task = task.id.clone();
        let reports = registry.agencies.iter().map(|a| empty_reports(&plan, &registry, &a.id).reports).collect();
        World { plan, registry, reports, task }
    }
    /// The task's lead agencies (the seed's first task has two).
    fn leads(&self) -> Vec<AgencyId> {
        self.plan.task(&self.task).expect("task").lead.clone()
    }
    fn report_all(&mut self, period: &str, status: TaskStatus, submitted: Option<&str>) {
        for lead in self.leads() {
            self.report(&lead, period, status, submitted);
        }
    }
    fn report(&mut self, agency: &AgencyId, period: &str, status: TaskStatus, submitted: Option<&str>) {
        let task = self.task.clone();
        let reports = self.reports.iter_mut().find(|r| &r.agency == agency).expect("agency");
        let p = reports.period_mut(&PeriodId::new(period).expect("period"));
        p.task_mut(&task).status = Some(status);
        if let Some(at) = submitted {
            p.submissions.push(Submission {
                device: DeviceId::new("0a0b").expect("id"),
                by: "Trần Thị B".into(),
                at_ms: noon(at),
                heads: vec![],
            });
        }
    }
    fn overdue(&self, as_of: &str) -> Vec<(TaskId, Vec<AgencyId>, i64)> {
        overdue_tasks(&self.plan, &self.registry, &self.reports, day(as_of))
            .into_iter()
            .map(|t| (t.task, t.pending, t.days_overdue))
            .collect()
    }
}

#[test]
fn a_task_is_overdue_only_after_its_own_deadline_and_until_its_lead_reports_it_done() {
    let mut w = World::new();
    let leads = w.leads();
    assert_eq!(leads.len(), 2);
    assert!(w.overdue("2020-03-31").is_empty(), "due on the day itself is not overdue");
    assert_eq!(w.overdue("2020-04-05"), vec![(w.task.clone(), leads.clone(), 5)]);
    w.report(&leads[0], "2020-Q1", TaskStatus::DoneLate, Some("2020-04-08"));
    assert_eq!(w.overdue("2020-04-09"), vec![(w.task.clone(), vec![leads[1].clone()], 9)], "one lead still owes it");
    w.report(&leads[1], "2020-Q1", TaskStatus::DoneLate, Some("2020-04-10"));
    assert_eq!(w.overdue("2020-04-09").len(), 1, "judged as of a day: the report came later");
    assert!(w.overdue("2020-04-10").is_empty(), "reported done on the 10th");
}

#[test]
fn a_draft_saying_done_does_not_clear_a_task_and_neither_does_a_report_still_in_progress() {
    let mut w = World::new();
    w.report_all("2020-Q1", TaskStatus::DoneOnTime, None);
    assert_eq!(w.overdue("2020-04-05").len(), 1, "an unsent draft is not what the office was told");
    let mut w = World::new();
    w.report_all("2020-Q1", TaskStatus::InProgress, Some("2020-03-20"));
    assert_eq!(w.overdue("2020-04-05").len(), 1);
}

#[test]
fn the_latest_submitted_report_decides_not_an_earlier_one() {
    let mut w = World::new();
    w.report_all("2020-Q1", TaskStatus::DoneOnTime, Some("2020-03-20"));
    assert!(w.overdue("2020-05-01").is_empty());
    w.report_all("2020-Q2", TaskStatus::Overdue, Some("2020-06-01"));
    assert_eq!(w.overdue("2020-06-02").len(), 1, "a later report says it is not done after all");
}

#[test]
fn a_task_led_by_every_district_lists_each_district_that_has_not_reported_it_done() {
    let mut w = World::new();
    let task = w.task.clone();
    let t = w.plan.sections[0].tasks.iter_mut().find(|t| t.id == task).expect("task");
    t.lead.clear();
    t.groups = vec![AgencyGroup::AllDistricts];
    let districts: Vec<AgencyId> = w
        .registry
        .agencies
        .iter()
        .filter(|a| a.kind == tiendo_core::model::AgencyKind::District)
        .map(|a| a.id.clone())
        .collect();
    assert!(districts.len() > 2);
    w.report(&districts[0], "2020-Q1", TaskStatus::DoneOnTime, Some("2020-03-30"));
    let listed = w.overdue("2020-04-02");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].1, districts[1..].to_vec());
}

#[test]
fn tasks_without_a_deadline_or_with_a_standing_one_are_never_overdue() {
    let mut w = World::new();
    let task = w.task.clone();
    let t = w.plan.sections[0].tasks.iter_mut().find(|t| t.id == task).expect("task");
    t.deadline = Some(TaskDeadline { written: "Thường xuyên".into(), due: None });
    assert!(w.overdue("2021-01-01").is_empty());
}
