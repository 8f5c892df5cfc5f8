//! A new year's plan copied from last year's: unfinished tasks carried over, finished ones with a
//! deadline left out, standing ones copied, the schedule a year later, merged agencies named as
//! they stand now.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use tiendo_core::day::Day;
use tiendo_core::ids::AgencyId;
use tiendo_core::model::{AgencyReports, Plan, Registry, RegistryChange, Task, TaskReport, TaskStatus};
use tiendo_core::office::next_year::{next_year, replace_year, NextYear, NextYearError};
use tiendo_core::rules::assignment::leads_of;

fn day(s: &str) -> Day {
    Day::parse_typed(s).unwrap().unwrap()
}

fn ask() -> NextYear {
    NextYear { number: "05/QĐ-UBND".into(), date: day("06/01/2021"), title: None }
}

/// The 2026 province (its tasks have deadlines; the built-in 2020 plan's have none) and the ask
/// for its 2027 plan.
fn province() -> (Registry, Plan, NextYear) {
    let (_, registry, parsed) = tiendo_core::synthetic_2026::province_2026().unwrap();
    (registry, parsed.plan, NextYear { number: "03/QĐ-UBND".into(), date: day("05/01/2027"), title: None })
}

/// Tasks of the built-in plan with a deadline and one lead agency, and tasks without a deadline.
fn tasks(plan: &Plan, registry: &Registry) -> (Vec<Task>, Vec<Task>) {
    let one_lead = |t: &&Task| leads_of(t, registry).len() == 1;
    let with = plan.tasks().filter(|t| t.deadline.as_ref().is_some_and(|d| d.due.is_some())).filter(one_lead);
    let without = plan.tasks().filter(|t| t.deadline.is_none()).filter(one_lead);
    (with.cloned().collect(), without.cloned().collect())
}

/// Reports in which each task's lead said `status` in the plan's first and `last` in its
/// second period.
fn said(plan: &Plan, registry: &Registry, task: &Task, first: TaskStatus, last: TaskStatus) -> AgencyReports {
    let agency = leads_of(task, registry).remove(0);
    let mut r = AgencyReports { agency, plan: plan.id.clone(), periods: Vec::new() };
    for (period, status) in plan.schedule.iter().zip([first, last]) {
        let mut report = TaskReport::new(task.id.clone());
        report.status = Some(status);
        r.period_mut(&period.id).tasks.push(report);
    }
    r
}

#[test]
fn an_unfinished_task_is_carried_over_a_finished_one_is_left_out_and_a_standing_one_comes_again() {
    let (registry, plan, ask) = province();
    let (with, without) = tasks(&plan, &registry);
    assert!(with.len() >= 2 && !without.is_empty(), "the built-in plan has tasks of both kinds");
    let (done, open) = (&with[0], &with[1]);
    let reports = vec![
        said(&plan, &registry, done, TaskStatus::InProgress, TaskStatus::DoneLate),
        // Said done first, then not: what it said last counts.
        said(&plan, &registry, open, TaskStatus::DoneOnTime, TaskStatus::Overdue),
        said(&plan, &registry, &without[0], TaskStatus::DoneOnTime, TaskStatus::DoneOnTime),
    ];
    let copied = next_year(&plan, &registry, &reports, &ask).unwrap();
    let new = &copied.plan;
    assert_eq!(new.id.as_str(), "03-qd-ubnd-2027");
    assert_eq!(new.decision.number, "03/QĐ-UBND");
    assert_eq!(new.decision.issuer, plan.decision.issuer);
    assert!(new.task(&done.id).is_none(), "finished with a deadline: left out");
    assert!(copied.finished.contains(&done.id));
    let carried = new.task(&open.id).expect("unfinished: carried over");
    let from = carried.carried_over.as_ref().expect("marked");
    assert_eq!((from.plan.clone(), from.task.clone(), from.year), (plan.id.clone(), open.id.clone(), 2026));
    let due = open.deadline.as_ref().and_then(|d| d.due).unwrap();
    assert_eq!(carried.deadline.as_ref().and_then(|d| d.due), Some(due.plus_years(1)));
    // A task nobody reported on is not finished either.
    for t in with.iter().skip(2) {
        assert!(new.task(&t.id).is_some_and(|n| n.carried_over.is_some()), "task {} carried over", t.id);
    }
    let standing = new.task(&without[0].id).expect("standing task copied");
    assert!(standing.carried_over.is_none(), "a standing task is this year's own, not carried over");
    assert_eq!(copied.carried.len() + copied.standing.len(), new.tasks().count());
    // Targets follow their tasks.
    assert!(new.targets.iter().all(|t| new.task(&t.task).is_some()));
    assert!(plan.targets.iter().filter(|t| t.task != done.id).all(|t| new.targets.iter().any(|n| n.id == t.id)));
}

#[test]
fn the_schedule_is_a_year_later_and_the_title_keeps_other_documents_dates() {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().unwrap();
    let plan = parsed.plan;
    let copied = next_year(&plan, &registry, &[], &ask()).unwrap().plan;
    assert_eq!(copied.schedule.len(), plan.schedule.len());
    for (old, new) in plan.schedule.iter().zip(&copied.schedule) {
        assert_eq!(new.due, old.due.plus_years(1));
        assert_eq!(new.id.as_str(), old.id.as_str().replace("2020", "2021"));
        assert!(!new.label.contains("2020"), "{}", new.label);
    }
    // `… Nghị quyết số 01/NQ-CP ngày 01/01/2020 của Chính phủ`: that day is the resolution's.
    assert_eq!(copied.title, replace_year(&plan.title, 2020, 2021, false));
    if plan.title.contains("/2020") {
        assert!(copied.title.contains("/2020"));
    }
    assert_eq!(replace_year("năm 2020, ngày 01/01/2020, 20201", 2020, 2021, false), "năm 2021, ngày 01/01/2020, 20201");
    assert_eq!(replace_year("Quý II/2020", 2020, 2021, true), "Quý II/2021");
    assert_eq!(day("29/02/2020").plus_years(1), day("28/02/2021"));
}

#[test]
fn a_merged_agency_is_named_by_its_successor_and_a_retired_one_not_at_all() {
    let (mut registry, plan, ask) = province();
    let task = plan.tasks().find(|t| t.lead.len() >= 2).expect("a task with two named leads").clone();
    let (merged, retired) = (task.lead[0].clone(), task.lead[1].clone());
    let into = registry
        .active()
        .find(|a| a.kind == registry.get(&merged).unwrap().kind && !task.lead.contains(&a.id))
        .unwrap()
        .id
        .clone();
    let on = day("01/07/2026");
    registry.change(&RegistryChange::Merge { from: merged.clone(), into: into.clone() }, on).unwrap();
    registry.change(&RegistryChange::Retire { id: retired.clone() }, on).unwrap();
    let copied = next_year(&plan, &registry, &[], &ask).unwrap().plan;
    let lead: &[AgencyId] = &copied.task(&task.id).unwrap().lead;
    assert!(lead.contains(&into) && !lead.contains(&merged) && !lead.contains(&retired), "{lead:?}");
}

#[test]
fn a_decision_of_the_same_year_or_without_a_number_is_refused() {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().unwrap();
    let same = NextYear { date: day("31/12/2020"), ..ask() };
    assert!(matches!(next_year(&parsed.plan, &registry, &[], &same), Err(NextYearError::NotLater { year: 2020, .. })));
    let blank = NextYear { number: " / ".into(), ..ask() };
    assert!(matches!(next_year(&parsed.plan, &registry, &[], &blank), Err(NextYearError::BadNumber(_))));
}
