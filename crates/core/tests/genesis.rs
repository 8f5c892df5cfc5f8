//! Genesis documents: every device makes the same first change, so two laptops that start the
//! same agency's reports offline still merge into one document with both laptops' text.

use automerge::AutoCommit;
use tiendo_core::builtin::{tra_vinh_2020, tra_vinh_workspace};
use tiendo_core::ids::{AgencyId, PeriodId, TaskId};
use tiendo_core::model::TaskStatus;
use tiendo_core::schema::genesis::{empty_reports, genesis, plan_doc, workspace_doc};
use tiendo_core::schema::{self, ReportsDoc};

fn id(s: &str) -> AgencyId {
    AgencyId::new(s).expect("id")
}

fn laptop(doc: &AutoCommit, actor: &[u8]) -> AutoCommit {
    doc.clone().with_actor(automerge::ActorId::from(actor))
}

fn edit(doc: &mut AutoCommit, f: impl FnOnce(&mut ReportsDoc)) {
    let mut value: ReportsDoc = schema::read(doc).expect("read");
    f(&mut value);
    schema::write(doc, &value).expect("write");
    doc.commit();
}

#[test]
fn genesis_documents_are_byte_for_byte_the_same_each_time() {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let ws = workspace_doc(tra_vinh_workspace(), registry.clone(), &[&parsed.plan]);
    let a = genesis(&ws).expect("ws").save();
    let b = genesis(&ws).expect("ws").save();
    assert_eq!(a, b);
    let p = plan_doc(parsed.plan.clone());
    assert_eq!(genesis(&p).expect("plan").save(), genesis(&p).expect("plan").save());
    let r = empty_reports(&parsed.plan, &registry, &id("so-y-te"));
    assert_eq!(genesis(&r).expect("r").get_heads(), genesis(&r).expect("r").get_heads());
}

#[test]
fn empty_reports_hold_every_period_task_and_target_of_the_agency() {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let plan = &parsed.plan;
    let khdt = empty_reports(plan, &registry, &id("so-khdt")).reports;
    // Sở KH&ĐT reports monthly as well: 6 plan-wide periods and 12 months.
    assert_eq!(khdt.periods.len(), 18, "{:?}", khdt.periods.iter().map(|p| p.period.to_string()).collect::<Vec<_>>());
    let yte = empty_reports(plan, &registry, &id("so-y-te")).reports;
    assert_eq!(yte.periods.len(), 6);
    let q1 = yte.period(&PeriodId::new("2020-Q1").expect("id")).expect("Q1");
    assert_eq!(q1.tasks.len(), 6, "task 6.3 and five given to all departments");
    assert!(q1.task(&TaskId::new("6.3").expect("id")).is_some());
}

#[test]
fn two_laptops_starting_the_same_reports_offline_merge_both_edits() {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let start = genesis(&empty_reports(&parsed.plan, &registry, &id("so-y-te"))).expect("genesis");
    // Each laptop makes the genesis itself, then edits.
    let mut a = laptop(&genesis(&empty_reports(&parsed.plan, &registry, &id("so-y-te"))).expect("g"), b"laptop-a");
    let mut b = laptop(&start, b"laptop-b");
    let q1 = PeriodId::new("2020-Q1").expect("id");
    let t63 = TaskId::new("6.3").expect("id");
    edit(&mut a, |r| {
        let p = r.reports.periods.iter_mut().find(|p| p.period == q1).expect("q1");
        let t = p.tasks.iter_mut().find(|t| t.task == t63).expect("6.3");
        t.results = "Tiêm chủng đạt 95%.".into();
        t.status = Some(TaskStatus::InProgress);
    });
    edit(&mut b, |r| {
        let p = r.reports.periods.iter_mut().find(|p| p.period == q1).expect("q1");
        p.general.results = "Quý I hoàn thành kế hoạch.".into();
        let t = p.tasks.iter_mut().find(|t| t.task == t63).expect("6.3");
        t.difficulties = "Thiếu nhân lực.".into();
    });
    a.merge(&mut b).expect("merge");
    let merged: ReportsDoc = schema::read(&a).expect("read");
    let p = merged.reports.period(&q1).expect("q1");
    let t = p.task(&t63).expect("6.3");
    assert_eq!(t.results.as_str(), "Tiêm chủng đạt 95%.");
    assert_eq!(t.difficulties.as_str(), "Thiếu nhân lực.");
    assert_eq!(t.status, Some(TaskStatus::InProgress));
    assert_eq!(p.general.results.as_str(), "Quý I hoàn thành kế hoạch.");
    assert_eq!(merged.reports.periods.len(), 6, "no duplicated periods");
}

#[test]
fn a_synthetic_agency_year_reads_back_with_every_task_filled() {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let doc = tiendo_core::synthetic::fill(&parsed.plan, &registry, &id("so-y-te"), 150).expect("fill");
    let r: ReportsDoc = schema::read(&doc).expect("read");
    assert_eq!(r.reports.periods.len(), 6);
    assert!(r.reports.periods.iter().all(|p| p.tasks.iter().all(|t| t.results.as_str().chars().count() > 300)));
}
