//! A report edited after it was sent says so until it is sent again; the office, holding the
//! same document, reaches the same answer.

use automerge::AutoCommit;
use tiendo_core::builtin::tra_vinh_2020;
use tiendo_core::ids::{AgencyId, DeviceId, PeriodId, TaskId};
use tiendo_core::model::{Submission, TaskStatus};
use tiendo_core::rules::edited::edited_since_sent;
use tiendo_core::schema::genesis::{empty_reports, genesis};
use tiendo_core::schema::{self, edit, ReportsDoc};

struct Report {
    doc: AutoCommit,
    period: PeriodId,
    task: TaskId,
}

fn report() -> Report {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let doc =
        genesis(&empty_reports(&parsed.plan, &registry, &AgencyId::new("so-y-te").expect("id"))).expect("genesis");
    let value: ReportsDoc = schema::read(&doc).expect("read");
    let p = value.reports.periods.iter().find(|p| !p.tasks.is_empty()).expect("a period with tasks");
    Report { period: p.period.clone(), task: p.tasks[0].task.clone(), doc }
}

fn write(r: &mut Report, doc_of: impl FnOnce(&mut Report) -> &mut AutoCommit, results: &str) {
    let (period, task) = (r.period.clone(), r.task.clone());
    let doc = doc_of(r);
    edit::edit_task(doc, &period, &task, |t| {
        t.status = Some(TaskStatus::InProgress);
        t.results = results.into();
    })
    .expect("edit");
    doc.commit();
}

fn send(doc: &mut AutoCommit, period: &PeriodId, at_ms: i64) {
    doc.commit();
    let heads = doc.get_heads().iter().map(ToString::to_string).collect();
    let device = DeviceId::new("ab".repeat(16)).expect("device");
    edit::edit_period(doc, period, |p| {
        p.submissions.push(Submission { device, by: "Lê Thị Hoa".into(), at_ms, heads })
    })
    .expect("submit");
    doc.commit();
}

#[test]
fn a_report_edited_after_it_was_sent_says_so_until_it_is_sent_again() {
    let mut r = report();
    let period = r.period.clone();
    assert!(!edited_since_sent(&mut r.doc, &period).expect("read"), "a draft never sent is not 'edited after'");
    write(&mut r, |r| &mut r.doc, "Đã triển khai tại 5 huyện.");
    send(&mut r.doc, &period, 1_000);
    assert!(!edited_since_sent(&mut r.doc, &period).expect("read"), "just sent");
    write(&mut r, |r| &mut r.doc, "Đã triển khai tại 8 huyện.");
    assert!(edited_since_sent(&mut r.doc, &period).expect("read"), "edited after sending");
    send(&mut r.doc, &period, 2_000);
    assert!(!edited_since_sent(&mut r.doc, &period).expect("read"), "sent again");
    // Typing a text back to what was sent is not an edit of what the office holds.
    write(&mut r, |r| &mut r.doc, "tạm");
    write(&mut r, |r| &mut r.doc, "Đã triển khai tại 8 huyện.");
    assert!(!edited_since_sent(&mut r.doc, &period).expect("read"));
}

#[test]
fn an_edit_on_a_second_laptop_that_the_sending_laptop_had_not_seen_counts_as_edited_after_merging() {
    let mut r = report();
    let period = r.period.clone();
    let mut home = r.doc.fork();
    write(&mut r, |r| &mut r.doc, "Văn phòng viết.");
    send(&mut r.doc, &period, 1_000);
    // Meanwhile, offline, the deputy at home changed the same report.
    edit::edit_general(&mut home, &period, |g| g.results = "Ở nhà viết thêm.".into()).expect("edit");
    home.commit();
    r.doc.merge(&mut home).expect("merge");
    assert!(edited_since_sent(&mut r.doc, &period).expect("read"), "what was sent lacks the deputy's part");
    // The office, holding the merged document, sees the same.
    let mut office = AutoCommit::load(&r.doc.save()).expect("load");
    assert!(edited_since_sent(&mut office, &period).expect("read"));
}
