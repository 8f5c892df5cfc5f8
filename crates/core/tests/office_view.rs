//! The office's views and files as the engine answers them: made from the same snapshot the
//! office's pages read before, so the pages show the same board, reports and documents.

use tiendo_core::builtin::{tra_vinh_2020, tra_vinh_workspace};
use tiendo_core::engine::{BoardView, OfficeAsk, OfficeFile, OfficeView, TargetsView};
use tiendo_core::ids::{AgencyId, DeviceId, PeriodId, TaskId};
use tiendo_core::model::{Submission, TaskStatus};
use tiendo_core::office::{Arrivals, ExportError, Snapshot};
use tiendo_core::schema::genesis::empty_reports;
use tiendo_core::Day;

fn day(s: &str) -> Day {
    s.parse().expect("day")
}
fn q1() -> PeriodId {
    "2020-Q1".parse().expect("id")
}

/// 09/03/2020, 10:00 in Vietnam.
const MARCH_9: i64 = 1_583_722_800_000;

fn snapshot() -> Snapshot {
    let (registry, parsed) = tra_vinh_2020().expect("builtin");
    let plan = parsed.plan;
    let reports = registry.agencies.iter().map(|a| empty_reports(&plan, &registry, &a.id).reports).collect();
    Snapshot {
        workspace: tra_vinh_workspace(),
        registry,
        plan,
        reports,
        marks: Vec::new(),
        province_reports: Vec::new(),
        unreadable: Vec::new(),
    }
}

/// Sở Y tế reports task 6.3 in Q1 and sends it at `at_ms`.
fn health_reports(snap: &mut Snapshot, at_ms: i64) {
    let agency: AgencyId = "so-y-te".parse().expect("id");
    let reports = snap.reports.iter_mut().find(|r| r.agency == agency).expect("agency");
    let p = reports.period_mut(&q1());
    let task: TaskId = "6.3".parse().expect("task");
    let t = p.task_mut(&task);
    t.status = Some(TaskStatus::InProgress);
    t.results = "Đã kiểm soát dịch.".into();
    p.submissions.push(Submission {
        device: DeviceId::new("0a0b").expect("id"),
        by: "Trần Thị B".into(),
        at_ms,
        heads: vec![],
    });
}

#[test]
fn the_board_view_is_the_snapshots_board_with_who_sent_last() {
    let mut snap = snapshot();
    health_reports(&mut snap, MARCH_9);
    let arrivals = Arrivals::new();
    let Ok(OfficeView::Board(view)) = snap.view(&OfficeAsk::Board, &arrivals, day("2020-08-05"), day("2020-08-05"))
    else {
        panic!("not a board")
    };
    assert_eq!(view.board, snap.board(&arrivals, day("2020-08-05")));
    assert_eq!(view.overdue, snap.overdue(day("2020-08-05")));
    // A page takes its own kind of view; another kind gives the view back.
    let asked = snap.view(&OfficeAsk::Board, &arrivals, day("2020-08-05"), day("2020-08-05")).expect("board");
    assert_eq!(BoardView::try_from(asked.clone()).as_ref(), Ok(&view));
    assert_eq!(TargetsView::try_from(asked.clone()), Err(asked));
    assert_eq!(view.last_sent, vec![("so-y-te".parse().expect("id"), "Trần Thị B".to_owned(), day("2020-03-09"))]);
}

#[test]
fn the_reports_on_a_task_are_those_written_on_it() {
    let mut snap = snapshot();
    health_reports(&mut snap, MARCH_9);
    let task: TaskId = "6.3".parse().expect("task");
    let Ok(OfficeView::TaskReports(rows)) =
        snap.view(&OfficeAsk::TaskReports(task), &Arrivals::new(), day("2020-08-05"), day("2020-08-05"))
    else {
        panic!("not task reports")
    };
    assert_eq!(rows.len(), 1, "only the agency that wrote on the task: {rows:?}");
    assert_eq!((rows[0].agency.as_str(), rows[0].period.as_str()), ("so-y-te", "2020-Q1"));
    assert_eq!(rows[0].report.results.as_str(), "Đã kiểm soát dịch.");
}

#[test]
fn the_compiled_report_is_the_offices_edit_unless_compiled_afresh_and_says_when_reports_changed() {
    let mut snap = snapshot();
    let today = day("2020-08-05");
    let ask = |fresh| OfficeAsk::Compile { period: q1(), fresh };
    let Ok(OfficeView::Compile(first)) = snap.view(&ask(false), &Arrivals::new(), today, today) else { panic!() };
    assert!(!first.edited);
    let mut edited = first.report.clone();
    edited.summary = "Bản văn phòng đã sửa.".into();
    snap.province_reports.push(edited);
    let Ok(OfficeView::Compile(again)) = snap.view(&ask(false), &Arrivals::new(), today, today) else { panic!() };
    assert!(again.edited && again.report.summary == "Bản văn phòng đã sửa.");
    assert_eq!(again.reports_seen, first.reports_seen, "the office's own edit is no news");
    health_reports(&mut snap, MARCH_9);
    let Ok(OfficeView::Compile(fresh)) = snap.view(&ask(true), &Arrivals::new(), today, today) else { panic!() };
    assert!(!fresh.edited && fresh.report.summary != "Bản văn phòng đã sửa.");
    assert_ne!(fresh.reports_seen, first.reports_seen, "an agency's new report is");
}

#[test]
fn the_offices_files_are_named_and_an_unknown_period_is_an_error_not_a_panic() {
    let snap = snapshot();
    let today = day("2020-08-05");
    let xlsx = snap.file(&OfficeFile::Xlsx, &Arrivals::new(), today, today, 0).expect("workbook");
    assert_eq!(xlsx.name, "TienDo_2020-08-05.xlsx");
    assert_eq!(&xlsx.bytes[..2], b"PK", "a zip");
    let agency = "so-y-te".parse().expect("id");
    let docx =
        snap.file(&OfficeFile::AgencyDocx { agency, period: q1() }, &Arrivals::new(), today, today, 0).expect("docx");
    assert!(docx.name.starts_with("BC_2020-Q1_") && docx.name.ends_with(".docx"), "{}", docx.name);
    let nowhere = OfficeAsk::Compile { period: "2020-Q9".parse().expect("id"), fresh: true };
    assert!(matches!(snap.view(&nowhere, &Arrivals::new(), today, today), Err(ExportError::UnknownPeriod(_))));
}
