//! Merge properties: concurrent edits on forks of a document merge to the same state in either
//! order, nothing typed is lost, and hydrate after reconcile gives back the value.

use automerge::AutoCommit;
use proptest::prelude::*;
use tiendo_core::ids::{AgencyId, PeriodId, TaskId};
use tiendo_core::model::{AgencyReports, GeneralParts, PeriodReport, TaskReport, TaskStatus};
use tiendo_core::schema::{self, ReportsDoc, SCHEMA_VERSION};
use tiendo_core::LongText;

fn base() -> ReportsDoc {
    let mut q1 = PeriodReport::new(PeriodId::new("2020-Q1").expect("id"));
    for t in ["1.1", "2.2", "8.6"] {
        q1.tasks.push(TaskReport::new(TaskId::new(t).expect("id")));
    }
    q1.general.results = "Kết quả quý I.".into();
    ReportsDoc {
        kind: "tiendo/reports".into(),
        schema_version: SCHEMA_VERSION,
        reports: AgencyReports {
            agency: AgencyId::new("h-cang-long").expect("id"),
            plan: "p".parse().expect("id"),
            periods: vec![q1],
        },
    }
}

/// One user edit, as the report editor makes them.
#[derive(Debug, Clone)]
enum Edit {
    Status(usize, Option<TaskStatus>),
    Percent(usize, Option<u8>),
    /// Insert text at a char position (clamped) into a task's results.
    Insert(usize, usize, String),
    /// Delete up to n chars at a position (clamped) of the general results.
    DeleteGeneral(usize, usize),
    AddPeriod(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let status = prop_oneof![
        Just(None),
        Just(Some(TaskStatus::DoneOnTime)),
        Just(Some(TaskStatus::DoneLate)),
        Just(Some(TaskStatus::InProgress)),
        Just(Some(TaskStatus::Overdue)),
    ];
    prop_oneof![
        (0..3usize, status).prop_map(|(i, s)| Edit::Status(i, s)),
        (0..3usize, proptest::option::of(0..=100u8)).prop_map(|(i, p)| Edit::Percent(i, p)),
        (0..3usize, 0..40usize, "[a-zđơư ]{1,6}").prop_map(|(i, at, s)| Edit::Insert(i, at, s)),
        (0..20usize, 1..5usize).prop_map(|(at, n)| Edit::DeleteGeneral(at, n)),
        (2..5u8).prop_map(Edit::AddPeriod),
    ]
}

fn splice(text: &LongText, at: usize, delete: usize, insert: &str) -> LongText {
    let chars: Vec<char> = text.as_str().chars().collect();
    let at = at.min(chars.len());
    let end = (at + delete).min(chars.len());
    let mut out: String = chars[..at].iter().collect();
    out.push_str(insert);
    out.extend(&chars[end..]);
    LongText(out)
}

fn apply(doc: &mut AutoCommit, e: &Edit) {
    let mut v: ReportsDoc = schema::read(doc).expect("hydrate");
    let q1 = &mut v.reports.periods[0];
    match e {
        Edit::Status(i, s) => q1.tasks[*i].status = *s,
        Edit::Percent(i, p) => q1.tasks[*i].percent = *p,
        Edit::Insert(i, at, s) => q1.tasks[*i].results = splice(&q1.tasks[*i].results, *at, 0, s),
        Edit::DeleteGeneral(at, n) => q1.general.results = splice(&q1.general.results, *at, *n, ""),
        Edit::AddPeriod(q) => {
            let id = PeriodId::new(format!("2020-Q{q}")).expect("id");
            if v.reports.period(&id).is_none() {
                v.reports.periods.push(PeriodReport::new(id));
            }
        }
    }
    schema::write(doc, &v).expect("reconcile");
    doc.commit();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn concurrent_edit_sequences_merge_to_the_same_state_in_either_order(
        a in proptest::collection::vec(edit(), 0..8),
        b in proptest::collection::vec(edit(), 0..8),
    ) {
        let mut origin = schema::create(&base()).expect("create");
        origin.commit();
        let mut left = origin.fork().with_actor(automerge::ActorId::random());
        let mut right = origin.fork().with_actor(automerge::ActorId::random());
        for e in &a { apply(&mut left, e); }
        for e in &b { apply(&mut right, e); }
        let mut l2 = left.fork();
        let mut r2 = right.fork();
        l2.merge(&mut right).expect("merge");
        r2.merge(&mut left).expect("merge");
        let lv: ReportsDoc = schema::read(&l2).expect("hydrate");
        let rv: ReportsDoc = schema::read(&r2).expect("hydrate");
        prop_assert_eq!(&lv, &rv);
        // Nothing typed is lost: a text only one side edited is exactly as that side left it.
        let la: ReportsDoc = schema::read(&left).expect("hydrate");
        let rb: ReportsDoc = schema::read(&right).expect("hydrate");
        let touches = |edits: &[Edit], task: usize| edits.iter().any(|e| matches!(e, Edit::Insert(i, _, _) if *i == task));
        for task in 0..3 {
            let merged = &lv.reports.periods[0].tasks[task].results;
            if touches(&a, task) && !touches(&b, task) {
                prop_assert_eq!(merged, &la.reports.periods[0].tasks[task].results);
            }
            if touches(&b, task) && !touches(&a, task) {
                prop_assert_eq!(merged, &rb.reports.periods[0].tasks[task].results);
            }
        }
    }

    #[test]
    fn hydrate_after_reconcile_gives_back_the_value(
        percent in proptest::option::of(0..=100u8),
        results in "\\PC{0,60}",
        shortcomings in "\\PC{0,60}",
        periods in 1..4u8,
    ) {
        let mut v = base();
        v.reports.periods[0].tasks[0].percent = percent;
        v.reports.periods[0].tasks[0].results = LongText(results);
        v.reports.periods[0].general = GeneralParts { shortcomings: LongText(shortcomings), ..GeneralParts::default() };
        for q in 2..=periods {
            v.reports.periods.push(PeriodReport::new(PeriodId::new(format!("2020-Q{q}")).expect("id")));
        }
        let doc = schema::create(&v).expect("create");
        let back: ReportsDoc = schema::read(&doc).expect("hydrate");
        prop_assert_eq!(back, v);
    }
}

#[test]
fn two_people_editing_different_parts_of_one_text_both_keep_their_words() {
    let mut origin = schema::create(&base()).expect("create");
    origin.commit();
    let mut a = origin.fork().with_actor(automerge::ActorId::random());
    let mut b = origin.fork().with_actor(automerge::ActorId::random());
    let mut va: ReportsDoc = schema::read(&a).expect("hydrate");
    va.reports.periods[0].general.results = "Kết quả quý I: tốt.".into();
    schema::write(&mut a, &va).expect("write");
    let mut vb: ReportsDoc = schema::read(&b).expect("hydrate");
    vb.reports.periods[0].general.results = "Tóm tắt. Kết quả quý I.".into();
    schema::write(&mut b, &vb).expect("write");
    a.merge(&mut b).expect("merge");
    let merged: ReportsDoc = schema::read(&a).expect("hydrate");
    assert_eq!(merged.reports.periods[0].general.results.as_str(), "Tóm tắt. Kết quả quý I: tốt.");
}
