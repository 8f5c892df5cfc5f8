//! The office bench: a province-year (every agency of the built-in plan, every period filled,
//! most submitted, some late, some drafts) loaded from saved documents, then the timeliness
//! board, the targets, the province's report compiled and written as .docx, and the .xlsx.
//! Prints the median of 5 runs of each step. `AGENCIES=150` runs the 2026 province (14
//! departments, 10 other bodies, 126 communes) instead of Trà Vinh's 36 agencies.
//!   AGENCIES=150 cargo run --release -p tiendo-core --example office_bench
#![allow(clippy::expect_used)]

use tiendo_core::model::AgencyReports;
use tiendo_core::office::{Arrivals, Snapshot};
use tiendo_core::schema::{self, ReportsDoc};
use tiendo_core::Day;

#[path = "common/timing.rs"]
mod timing;

/// A step's median time, its label padded to 52.
fn time<T>(label: &str, f: impl FnMut() -> T) -> T {
    timing::time(label, 52, f)
}

fn main() {
    let size = tiendo_core::synthetic_2026::ProvinceSize::from_env();
    let year = tiendo_core::synthetic::province_year_of(size, 25).expect("synthetic");
    let docs = &year.reports;
    let bytes: usize = docs.iter().map(|d| d.bytes.len()).sum();
    let periods: usize = year.plan.schedule.len();
    println!(
        "province-year, {}: {} report documents x {periods} periods, {} KB of saved reports",
        size.label(),
        docs.len(),
        bytes / 1024
    );
    let reports: Vec<AgencyReports> = time("load and read every agency's reports", || {
        docs.iter().map(|d| schema::load::<ReportsDoc>(&d.bytes).expect("load").1.reports).collect()
    });
    let year_n = year.workspace.year;
    let snap = Snapshot {
        workspace: year.workspace,
        registry: year.registry,
        plan: year.plan,
        reports,
        marks: Vec::new(),
        province_reports: Vec::new(),
        unreadable: Vec::new(),
    };
    let as_of: Day = format!("{year_n}-12-31").parse().expect("day");
    let board =
        time(&format!("timeliness board (as of {})", as_of.to_vietnamese()), || snap.board(&Arrivals::new(), as_of));
    let t = board.totals();
    println!("  cells: {} on time, {} late, {} missing", t.on_time, t.late, t.missing);
    time("targets with readings", || snap.targets(as_of));
    let period: tiendo_core::ids::PeriodId = format!("{year_n}-Q1").parse().expect("period");
    time(&format!("compile the province's report ({period})"), || {
        snap.province_report(&period, as_of).expect("compile")
    });
    let docx = time("compile and write the province's .docx", || snap.docx(&period, None, as_of).expect("docx"));
    println!("  .docx: {} KB", docx.len() / 1024);
    let xlsx = time("board and targets .xlsx", || snap.xlsx(&Arrivals::new(), as_of, 0).expect("xlsx"));
    println!("  .xlsx: {} KB", xlsx.len() / 1024);
}
