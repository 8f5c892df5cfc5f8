//! League tables per quarter, six months and year; a returned report counts as not done until
//! it is accepted; the board names agencies as the plan did and asks nothing of one that ended.

use tiendo_core::builtin::tra_vinh_2020;
use tiendo_core::day::Day;
use tiendo_core::ids::{AgencyId, DeviceId, PeriodId};
use tiendo_core::model::{
    AgencyReports, Plan, Registry, RegistryChange, ReviewMark, ReviewOutcome, Submission, TaskStatus,
};
use tiendo_core::office::{league, Arrivals, Board, LeagueRow, Span};
use tiendo_core::rules::assignment::tasks_for;
use tiendo_core::rules::state::mark_id;
use tiendo_core::schema::genesis::empty_reports;

fn day(s: &str) -> Day {
    s.parse().expect("day")
}

fn id(s: &str) -> AgencyId {
    s.parse().expect("id")
}

struct Year {
    plan: Plan,
    registry: Registry,
    reports: Vec<AgencyReports>,
    marks: Vec<ReviewMark>,
}

impl Year {
    fn new() -> Self {
        let (registry, parsed) = tra_vinh_2020().expect("plan");
        let reports = registry.agencies.iter().map(|a| empty_reports(&parsed.plan, &registry, &a.id).reports).collect();
        Self { plan: parsed.plan, registry, reports, marks: Vec::new() }
    }

    /// `agency` submits `period` on `on` at 9:00, every task given `status`.
    fn submit(&mut self, agency: &str, period: &str, on: &str, status: TaskStatus) -> i64 {
        let at_ms = day(on).at_vietnam(9, 0);
        let r = self.reports.iter_mut().find(|r| r.agency.as_str() == agency).expect("agency");
        let p = r.period_mut(&period.parse().expect("period"));
        for t in &mut p.tasks {
            t.status = Some(status);
        }
        p.submissions.push(Submission {
            device: DeviceId::new("0a0b").expect("id"),
            by: "B".into(),
            at_ms,
            heads: vec![],
        });
        at_ms
    }

    fn mark(&mut self, agency: &str, period: &str, submission_at_ms: i64, outcome: ReviewOutcome, at: &str) {
        let (agency, period): (AgencyId, PeriodId) = (id(agency), period.parse().expect("period"));
        self.marks.push(ReviewMark {
            id: mark_id(&agency, &period, submission_at_ms),
            agency,
            period,
            submission_at_ms,
            outcome,
            comment: "Bổ sung số liệu".into(),
            by: "VP".into(),
            at_ms: day(at).at_vietnam(9, 0),
        });
    }

    fn board(&self, as_of: &str) -> Board {
        Board::compute(&self.plan, &self.registry, &self.reports, &self.marks, &Arrivals::new(), day(as_of))
    }

    fn row(&self, as_of: &str, span: Span, agency: &str) -> LeagueRow {
        let table = league(&self.board(as_of), &self.plan, &self.registry, &self.reports, span);
        table.rows.into_iter().find(|r| r.agency.as_str() == agency).expect("row")
    }
}

#[test]
fn a_quarters_table_ranks_agencies_by_reports_not_done_then_late_then_tasks_done() {
    let mut y = Year::new();
    y.submit("so-y-te", "2020-Q1", "2020-03-01", TaskStatus::DoneOnTime);
    y.submit("so-tai-chinh", "2020-Q1", "2020-03-20", TaskStatus::DoneLate);
    let table = league(&y.board("2020-04-01"), &y.plan, &y.registry, &y.reports, Span::Quarter(1));
    assert_eq!(table.label, "Quý I/2020");
    let first = &table.rows[0];
    assert_eq!((first.agency.as_str(), first.rank, first.on_time), ("so-y-te", 1, 1));
    let tasks = tasks_for(&y.plan, &y.registry, &id("so-y-te")).len();
    assert_eq!((first.tasks_on_time, first.tasks_not_done), (tasks, 0));
    let tc = table.rows.iter().find(|r| r.agency.as_str() == "so-tai-chinh").expect("row");
    assert_eq!((tc.rank, tc.late, tc.tasks_late), (2, 1, tasks_for(&y.plan, &y.registry, &id("so-tai-chinh")).len()));
    // Everyone else sent nothing: they come after, ranked by tasks not done, ties sharing a place.
    let rest: Vec<&LeagueRow> = table.rows.iter().skip(2).collect();
    assert!(rest.iter().all(|r| r.missing > first.missing && r.rank >= 3), "{rest:?}");
    assert!(table.rows.windows(2).all(|w| w[0].rank <= w[1].rank));
    assert_eq!(rest[0].rank, rest[1].rank, "equal counts share a place");
}

#[test]
fn a_returned_report_counts_as_not_done_until_it_is_accepted() {
    let mut y = Year::new();
    let first = y.submit("so-y-te", "2020-Q1", "2020-03-01", TaskStatus::DoneOnTime);
    y.mark("so-y-te", "2020-Q1", first, ReviewOutcome::Returned, "2020-03-05");
    let returned = y.row("2020-04-01", Span::Quarter(1), "so-y-te");
    assert_eq!((returned.on_time, returned.returned, returned.tasks_on_time), (0, 1, 0));
    assert!(returned.tasks_not_done > 0);
    let again = y.submit("so-y-te", "2020-Q1", "2020-03-08", TaskStatus::DoneOnTime);
    y.mark("so-y-te", "2020-Q1", again, ReviewOutcome::Accepted, "2020-03-09");
    let accepted = y.row("2020-04-01", Span::Quarter(1), "so-y-te");
    assert_eq!((accepted.on_time, accepted.returned, accepted.tasks_not_done), (1, 0, 0));
}

#[test]
fn the_boards_totals_count_a_returned_report_as_returned_not_as_sent_until_it_is_sent_again() {
    let mut y = Year::new();
    let first = y.submit("so-y-te", "2020-Q1", "2020-03-01", TaskStatus::DoneOnTime);
    y.submit("so-tai-chinh", "2020-Q1", "2020-03-02", TaskStatus::DoneOnTime);
    y.mark("so-y-te", "2020-Q1", first, ReviewOutcome::Returned, "2020-03-05");
    let totals = |y: &Year| {
        let board = y.board("2020-04-01");
        let row = board.rows.iter().find(|r| r.agency.as_str() == "so-y-te").expect("row").totals;
        let column = board.columns.iter().find(|c| c.period.as_str() == "2020-Q1").expect("Q1").totals;
        (row, column, board.totals())
    };
    let (row, column, all) = totals(&y);
    assert_eq!((row.on_time, row.returned), (0, 1));
    assert_eq!((column.on_time, column.returned), (1, 1), "Sở Tài chính's counts as sent, Sở Y tế's as returned");
    assert_eq!((all.submitted(), all.returned), (1, 1));
    // Sent again: it counts as sent (waiting for the office) once more.
    y.submit("so-y-te", "2020-Q1", "2020-03-08", TaskStatus::DoneOnTime);
    let (row, column, _) = totals(&y);
    assert_eq!((row.on_time, row.returned, column.on_time, column.returned), (1, 0, 2, 0));
}

#[test]
fn the_six_months_and_year_tables_count_every_period_due_in_them() {
    let mut y = Year::new();
    y.submit("so-y-te", "2020-Q1", "2020-03-01", TaskStatus::InProgress);
    y.submit("so-y-te", "2020-Q2", "2020-06-20", TaskStatus::DoneOnTime);
    let half = y.row("2020-12-31", Span::FirstHalf, "so-y-te");
    assert_eq!((half.on_time, half.late), (1, 1), "Q1 on time, Q2 late");
    let year = y.row("2020-12-31", Span::Year, "so-y-te");
    assert_eq!((year.on_time, year.late), (half.on_time, half.late));
    assert!(year.missing >= half.missing + 2, "Q3 and the year's report are missing too: {year:?} {half:?}");
    let q3 = y.row("2020-12-31", Span::Quarter(3), "so-y-te");
    assert_eq!((q3.missing, q3.tasks_not_done > 0), (1, true));
}

#[test]
fn the_board_names_an_agency_as_the_plan_did_and_asks_nothing_of_one_after_it_ended() {
    let mut y = Year::new();
    let rename =
        RegistryChange::Rename {
            id: id("so-nnptnt"), name: "Sở Nông nghiệp và Môi trường".into(), short_name: None
        };
    y.registry.change(&rename, day("2025-03-01")).expect("rename");
    y.registry.change(&RegistryChange::Retire { id: id("h-cau-ke") }, day("2020-07-01")).expect("retire");
    let board = y.board("2020-12-31");
    let name = |a: &str| board.rows.iter().find(|r| r.agency.as_str() == a).map(|r| r.name.clone());
    assert_eq!(name("so-nnptnt").as_deref(), Some("Sở Nông nghiệp và Phát triển nông thôn"));
    let row = board.rows.iter().find(|r| r.agency.as_str() == "h-cau-ke").expect("its history stays on the board");
    let owed: Vec<&str> =
        board.columns.iter().zip(&row.cells).filter(|(_, c)| c.is_some()).map(|(col, _)| col.period.as_str()).collect();
    assert!(owed.iter().all(|p| ["2020-IMPL", "2020-Q1", "2020-Q2"].contains(p)), "owes after retiring: {owed:?}");
    assert!(!owed.is_empty());
}

#[test]
fn the_workbook_has_a_league_sheet_with_every_span() {
    let mut y = Year::new();
    y.submit("so-y-te", "2020-Q1", "2020-03-01", TaskStatus::DoneOnTime);
    let snap = tiendo_core::office::Snapshot {
        workspace: tiendo_core::builtin::tra_vinh_workspace(),
        registry: y.registry.clone(),
        plan: y.plan.clone(),
        reports: y.reports.clone(),
        marks: Vec::new(),
        province_reports: Vec::new(),
        unreadable: Vec::new(),
    };
    let tables = snap.leagues(&Arrivals::new(), day("2020-12-31"));
    let labels: Vec<&str> = tables.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Quý I/2020", "Quý II/2020", "Quý III/2020", "Quý IV/2020", "6 tháng đầu năm 2020", "Năm 2020"]
    );
    let bytes = snap.xlsx(&Arrivals::new(), day("2020-12-31"), 0).expect("xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    use calamine::Reader;
    let sheet = book.worksheet_range("Xếp hạng").expect("league sheet");
    let cells: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.iter().any(|c| c == "Xếp hạng Quý I/2020"));
    assert!(cells.iter().any(|c| c == "Xếp hạng Năm 2020"));
    assert!(cells.iter().any(|c| c == "Sở Y tế"));
}
