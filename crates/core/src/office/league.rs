//! League tables of agencies for a quarter, the first six months or the year, as the office
//! ranks them for year-end emulation: reports on time, late and missing, and the tasks done on
//! time, done late and not done, as the Government's task tracking counts them.
//!
//! A report the office returned counts as not done until it is accepted: its period is counted
//! as `returned`, and its tasks as not done, whatever the report said of them.

use super::board::{Board, CellState};
use crate::day::Day;
use crate::ids::AgencyId;
use crate::model::{AgencyReports, Plan, Registry, TaskStatus};
use crate::rules::assignment::tasks_for;
use crate::rules::state::ReportState;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The span a table covers, by the due days of its periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    /// A quarter, 1 to 4.
    Quarter(u8),
    /// January to June.
    FirstHalf,
    /// The whole year.
    Year,
}

impl Span {
    /// Every span of a year, in the order the office prints them.
    pub const ALL: [Span; 6] =
        [Span::Quarter(1), Span::Quarter(2), Span::Quarter(3), Span::Quarter(4), Span::FirstHalf, Span::Year];

    /// Its Vietnamese label: `Quý I/2026`, `6 tháng đầu năm 2026`, `Năm 2026`.
    pub fn label(self, year: i32) -> String {
        match self {
            Span::Quarter(q) => format!("Quý {}/{year}", ["I", "II", "III", "IV"][usize::from(q.clamp(1, 4) - 1)]),
            Span::FirstHalf => format!("6 tháng đầu năm {year}"),
            Span::Year => format!("Năm {year}"),
        }
    }

    /// Whether a period due on `due` belongs to it.
    fn holds(self, due: Day) -> bool {
        let m = due.month();
        match self {
            Span::Quarter(q) => (m - 1) / 3 + 1 == u32::from(q),
            Span::FirstHalf => m <= 6,
            Span::Year => true,
        }
    }
}

/// One agency's line in a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeagueRow {
    /// Its place, from 1 (agencies with the same counts share it).
    pub rank: usize,
    /// The agency.
    pub agency: AgencyId,
    /// Its name on the board.
    pub name: String,
    /// Reports submitted by their due day (and not returned).
    pub on_time: usize,
    /// Reports submitted after it (and not returned).
    pub late: usize,
    /// Reports not submitted, their due day passed.
    pub missing: usize,
    /// Reports returned by the office and not yet accepted: not done.
    pub returned: usize,
    /// Tasks its latest report in the span gives as done on time.
    pub tasks_on_time: usize,
    /// Tasks done late.
    pub tasks_late: usize,
    /// Tasks not done (in progress, overdue, not reported, or in a returned report).
    pub tasks_not_done: usize,
}

impl LeagueRow {
    /// What ranks it: fewest reports not done, then fewest late, then most tasks done on time.
    fn key(&self) -> (usize, usize, std::cmp::Reverse<usize>, usize) {
        (self.missing + self.returned, self.late, std::cmp::Reverse(self.tasks_on_time), self.tasks_not_done)
    }
}

/// A table for one span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeagueTable {
    /// The span.
    pub span: Span,
    /// `Quý I/2026`, …
    pub label: String,
    /// The agencies, best first.
    pub rows: Vec<LeagueRow>,
}

/// The table for `span`, from the board (judged as of its day) and the reports.
pub fn league(board: &Board, plan: &Plan, registry: &Registry, reports: &[AgencyReports], span: Span) -> LeagueTable {
    let by_agency: HashMap<&AgencyId, &AgencyReports> = reports.iter().map(|r| (&r.agency, r)).collect();
    let in_span: Vec<usize> = (0..board.columns.len()).filter(|&i| span.holds(board.columns[i].due)).collect();
    let mut rows: Vec<LeagueRow> = board
        .rows
        .iter()
        .filter(|r| in_span.iter().any(|&i| r.cells[i].is_some()))
        .map(|r| {
            let mut row = LeagueRow {
                rank: 0,
                agency: r.agency.clone(),
                name: r.name.clone(),
                on_time: 0,
                late: 0,
                missing: 0,
                returned: 0,
                tasks_on_time: 0,
                tasks_late: 0,
                tasks_not_done: 0,
            };
            let mut latest = None;
            for cell in in_span.iter().filter_map(|&i| r.cells[i].as_ref()) {
                let returned = matches!(cell.review, ReportState::Returned { .. });
                match cell.state {
                    CellState::OnTime { .. } | CellState::Late { .. } if returned => row.returned += 1,
                    CellState::OnTime { .. } => row.on_time += 1,
                    CellState::Late { .. } => row.late += 1,
                    CellState::Missing { .. } => row.missing += 1,
                    CellState::Draft { .. } | CellState::NotYetDue { .. } => {}
                }
                if matches!(cell.state, CellState::OnTime { .. } | CellState::Late { .. }) {
                    latest = Some((&cell.period, returned));
                }
            }
            let tasks = tasks_for(plan, registry, &r.agency);
            let report = latest
                .and_then(|(p, returned)| by_agency.get(&r.agency).and_then(|a| a.period(p)).filter(|_| !returned));
            for (task, _) in &tasks {
                match report.and_then(|p| p.task(&task.id)).and_then(|t| t.status) {
                    Some(TaskStatus::DoneOnTime) => row.tasks_on_time += 1,
                    Some(TaskStatus::DoneLate) => row.tasks_late += 1,
                    _ => row.tasks_not_done += 1,
                }
            }
            row
        })
        .collect();
    rows.sort_by(|a, b| a.key().cmp(&b.key()).then_with(|| a.name.cmp(&b.name)));
    let mut rank = 0;
    for i in 0..rows.len() {
        if i == 0 || rows[i].key() != rows[i - 1].key() {
            rank = i + 1;
        }
        rows[i].rank = rank;
    }
    LeagueTable { span, label: span.label(plan.decision.date.year()), rows }
}
