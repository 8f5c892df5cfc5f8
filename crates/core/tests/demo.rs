//! The demo shows the product at work: the other agencies' reports as of a "today" inside the
//! plan's year, the visitor's own report empty.

use tiendo_core::builtin::tra_vinh_2020;
use tiendo_core::demo::{demo_reports, demo_today};
use tiendo_core::ids::AgencyId;
use tiendo_core::model::AgencyReports;
use tiendo_core::office::board::{Arrivals, Board, CellState};
use tiendo_core::schema::{self, ReportsDoc};

#[test]
fn the_demo_board_as_of_its_today_has_reports_on_time_late_missing_and_being_written() {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let plan = parsed.plan;
    let today = demo_today(&plan);
    assert_eq!(today.to_vietnamese(), "05/08/2020", "inside the plan's year, about half the periods due");
    let me = AgencyId::new("so-y-te").expect("id");
    let docs = demo_reports(&plan, &registry, &me, today).expect("demo");
    assert_eq!(docs.len(), registry.agencies.len() - 2, "everyone but me and the office");
    assert!(docs.iter().all(|(id, _)| !id.ends_with("so-y-te")));
    let reports: Vec<AgencyReports> =
        docs.iter().map(|(_, d)| schema::read::<ReportsDoc, _>(d).expect("read").reports).collect();
    // Nothing was sent after the demo's today.
    let last = reports.iter().flat_map(|r| r.periods.iter().flat_map(|p| p.submissions.iter())).map(|s| s.at_ms).max();
    assert!(last.expect("some sent") < today.plus_days(1).at_vietnam(0, 0));
    let board = Board::compute(&plan, &registry, &reports, &[], &Arrivals::new(), today);
    let states: Vec<CellState> = board.rows.iter().flat_map(|r| r.cells.iter().flatten().map(|c| c.state)).collect();
    let count = |f: fn(&CellState) -> bool| states.iter().filter(|s| f(s)).count();
    assert!(count(|s| matches!(s, CellState::OnTime { .. })) > 20, "on time");
    assert!(count(|s| matches!(s, CellState::Late { .. })) > 5, "late");
    assert!(count(|s| matches!(s, CellState::Missing { .. })) > 5, "missing");
    assert!(count(|s| matches!(s, CellState::NotYetDue { .. } | CellState::Draft { .. })) > 20, "not yet due");
    // My own row is all to do: nothing written.
    let mine = board.rows.iter().find(|r| r.agency == me).expect("my row");
    assert!(mine.cells.iter().flatten().all(|c| !matches!(c.state, CellState::OnTime { .. } | CellState::Late { .. })));
}
