//! The period's history read from the changes' ops against the same read by a diff of every
//! change, on reports written the ways laptops write them.
#![allow(clippy::expect_used)]

use super::{walk_report, Read};
use crate::builtin::tra_vinh_2020;
use crate::changes::commit_at;
use crate::ids::{AgencyId, DeviceId, PeriodId};
use crate::model::{Submission, TaskStatus};
use crate::schema::genesis::{empty_reports, genesis};
use crate::schema::{self, edit, ReportsDoc};
use crate::sync::Rights;
use automerge::transaction::Transactable;
use automerge::{AutoCommit, ReadDoc};

fn laptop(doc: &AutoCommit, n: u8) -> AutoCommit {
    let device = DeviceId::new(crate::hex::encode(&[n; 16])).expect("device");
    doc.clone().with_actor(Rights::actor_for(&device, [0, 0, 0, n]))
}

fn both_ways(doc: &mut AutoCommit) -> usize {
    let quick = walk_report(doc, |_| true, Read::Ops);
    let by_diffs = walk_report(doc, |_| true, Read::Diffs);
    assert_eq!(quick, by_diffs);
    quick.len()
}

#[test]
fn a_busy_reports_history_read_from_the_ops_is_the_one_the_diffs_give() {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let agency = registry.agencies.iter().find(|a| parsed.plan.tasks().any(|t| t.lead.contains(&a.id))).expect("lead");
    let (mut doc, _) =
        crate::synthetic_busy::busy_report(&parsed.plan, &registry, &agency.id, 120).expect("written").expect("period");
    assert!(both_ways(&mut doc) >= 120, "every change wrote a field");
}

#[test]
fn concurrent_texts_a_removed_task_and_a_submission_read_from_the_ops_match_the_diffs() {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let yte = AgencyId::new("so-y-te").expect("id");
    let base = genesis(&empty_reports(&parsed.plan, &registry, &yte)).expect("genesis");
    let value: ReportsDoc = schema::read(&base).expect("read");
    let p = value.reports.periods.iter().find(|p| p.tasks.len() >= 2).expect("a period with two tasks");
    let (period, first, second): (PeriodId, _, _) =
        (p.period.clone(), p.tasks[0].task.clone(), p.tasks[1].task.clone());
    let mut office = laptop(&base, 1);
    let mut home = laptop(&base, 2);
    edit::edit_task(&mut office, &period, &first, |t| t.results = "Đã kiểm tra 3 xã.".into()).expect("edit");
    commit_at(&mut office, 1_000);
    edit::edit_task(&mut home, &period, &first, |t| t.results = "Đã họp giao ban.".into()).expect("edit");
    edit::edit_task(&mut home, &period, &second, |t| t.status = Some(TaskStatus::InProgress)).expect("edit");
    commit_at(&mut home, 2_000);
    edit::edit_general(&mut home, &period, |g| g.proposals = "Bổ sung kinh phí.".into()).expect("edit");
    commit_at(&mut home, 3_000);
    office.merge(&mut home).expect("merge");
    // The office settles the text, then the second task leaves the period (the plan dropped it):
    // its earlier changes wrote an object the document no longer holds.
    edit::edit_task(&mut office, &period, &first, |t| t.results = "Đã kiểm tra 3 xã, họp giao ban.".into())
        .expect("edit");
    commit_at(&mut office, 4_000);
    edit::edit_period(&mut office, &period, |p| {
        p.tasks.retain(|t| t.task != second);
        p.submissions.push(Submission {
            device: DeviceId::new("ab".repeat(16)).expect("id"),
            by: "Nguyễn Văn A".into(),
            at_ms: 5_000,
            heads: vec!["00".repeat(32)],
        });
    })
    .expect("edit");
    commit_at(&mut office, 5_000);
    // A text made afresh at a field's key, written on in a later change, then made afresh again
    // (as a whole-period write does): the first text is gone from the document.
    let general = crate::history::tree::child(&office, &automerge::ROOT, "reports")
        .and_then(|r| crate::history::tree::child(&office, &r, "periods"))
        .and_then(|ps| edit::locate_period(&office, &period).map(|(_, at)| (ps, at)))
        .and_then(|(ps, at)| match office.get(&ps, at).ok()?? {
            (automerge::Value::Object(_), p) => crate::history::tree::child(&office, &p, "general"),
            _ => None,
        })
        .expect("the period's general parts");
    for (n, words) in [(6, "Tồn tại: thiếu người."), (8, "Tồn tại: thiếu kinh phí.")] {
        let text = office.put_object(&general, "shortcomings", automerge::ObjType::Text).expect("text");
        office.splice_text(&text, 0, 0, words).expect("splice");
        commit_at(&mut office, n * 1_000);
        office.splice_text(&text, 0, 0, "Nay: ").expect("splice");
        commit_at(&mut office, n * 1_000 + 500);
    }
    assert!(both_ways(&mut office) >= 9, "texts, a status, a general part, a submission, the texts made afresh");
}
