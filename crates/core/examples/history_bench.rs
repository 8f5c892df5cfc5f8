//! The history bench: a field's history in a report with 2,000 changes, the conflict scan of a
//! province-year, and a province-year as of a day (each report forked at that day's heads and
//! read). Prints the median of 5 runs of each step. `AGENCIES=150` runs the 2026 province.
//!   AGENCIES=150 cargo run --release -p tiendo-core --example history_bench
#![allow(clippy::expect_used)]

use automerge::AutoCommit;
use tiendo_core::changes::commit_at;
use tiendo_core::history::{
    concurrent_texts, field_changes, report_changes, scalar_conflicts, ArrivalLog, AsOf, Basis, Field,
};
use tiendo_core::schema::{self, edit, ReportsDoc};
use tiendo_core::sync::Rights;
use tiendo_core::Day;

#[path = "common/timing.rs"]
mod timing;

/// A step's median time, its label padded to 60.
fn time<T>(label: &str, f: impl FnMut() -> T) -> T {
    timing::time(label, 60, f)
}

/// One agency's report edited 2,000 times: statuses, percentages and texts on a few tasks.
fn busy_report(year: &tiendo_core::synthetic::ProvinceYear) -> (AutoCommit, Field) {
    let agency = year.registry.agencies.iter().find(|a| year.plan.tasks().any(|t| t.lead.contains(&a.id)));
    let agency = &agency.expect("an agency with tasks").id;
    tiendo_core::synthetic_busy::busy_report(&year.plan, &year.registry, agency, 2000)
        .expect("written")
        .expect("a period with tasks")
}

fn main() {
    let size = tiendo_core::synthetic_2026::ProvinceSize::from_env();
    let year = tiendo_core::synthetic::province_year_of(size, 25).expect("synthetic");
    println!("province-year, {}: {} report documents", size.label(), year.reports.len());
    let (mut busy, field) = busy_report(&year);
    let n = busy.get_changes_meta(&[]).len();
    let found = time(&format!("one field's history, a report of {n} changes"), || {
        field_changes(&mut busy, std::slice::from_ref(&field)).len()
    });
    println!("  ({found} changes to that field)");
    let task_fields: Vec<Field> = tiendo_core::history::TaskPart::ALL
        .iter()
        .map(|part| Field {
            period: field.period.clone(),
            place: tiendo_core::history::Place::Task {
                task: field.place.task().expect("a task's field").clone(),
                part: *part,
            },
        })
        .collect();
    time("one task's history (its five fields), the same report", || field_changes(&mut busy, &task_fields).len());
    let period = field.period.clone();
    time("every field's history of the period, the same report", || {
        report_changes(&mut busy, |f| f.period == period).len()
    });

    let mut docs: Vec<AutoCommit> = year.reports.iter().map(|d| AutoCommit::load(&d.bytes).expect("load")).collect();
    let conflicts = time("conflict scan of the province-year: values and texts", || {
        docs.iter_mut().map(|d| scalar_conflicts(d).len() + concurrent_texts(d).len()).sum::<usize>()
    });
    println!("  ({conflicts} conflicts)");
    // The worst case: every agency's report also written on a second laptop (concurrently).
    let home = Rights::actor_for(&tiendo_core::ids::DeviceId::new("cd".repeat(16)).expect("id"), [0, 0, 0, 2]);
    for d in docs.iter_mut() {
        let Some(first) = schema::read::<ReportsDoc, _>(d).expect("read").reports.periods.first().cloned() else {
            continue;
        };
        let period = first.period;
        let mut other = d.fork().with_actor(home.clone());
        edit::edit_general(&mut other, &period, |g| g.results = "Viết trên máy ở nhà.".into()).expect("edit");
        commit_at(&mut other, Day::from_ymd(2026, 3, 9).expect("day").at_vietnam(9, 0));
        d.merge(&mut other).expect("merge");
    }
    time("the same scan, every report also written on a second laptop", || {
        docs.iter_mut().map(|d| scalar_conflicts(d).len() + concurrent_texts(d).len()).sum::<usize>()
    });
    let day = Day::from_ymd(year.workspace.year, 6, 30).expect("day");
    let none = ArrivalLog::default();
    time(&format!("the province-year as of {} (fork and read)", day.to_vietnamese()), || {
        docs.iter_mut()
            .map(|d| {
                let as_of = AsOf::of(d, day, Basis::DeviceTime, &none);
                let then = as_of.fork(d).expect("fork");
                schema::read::<ReportsDoc, _>(&then).expect("read").reports.periods.len()
            })
            .sum::<usize>()
    });
}
