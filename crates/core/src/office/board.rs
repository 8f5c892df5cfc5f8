//! The timeliness board: agencies × reporting periods, as of a day.

use crate::day::Day;
use crate::ids::{AgencyId, PeriodId};
use crate::model::{AgencyKind, AgencyReports, Period, Plan, Registry, ReviewMark};
use crate::rules::assignment::tasks_for;
use crate::rules::state::{mark_id, report_state, ReportState};
use crate::rules::timeliness::{timeliness, Timeliness};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// When the office first held each submission, by [`mark_id`]: Unix milliseconds.
pub type Arrivals = HashMap<String, i64>;

/// One cell of the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CellState {
    /// Submitted on or before the due day. `arrived` is the day the office got it, when that was
    /// after the due day (submitted offline on time, carried in late).
    OnTime {
        /// The day it reached the office, only if after the due day.
        arrived: Option<Day>,
    },
    /// Submitted after the due day.
    Late {
        /// Days after the due day.
        days: i64,
    },
    /// Not submitted and the due day has passed. `started` when a draft exists.
    Missing {
        /// Days since the due day.
        days_overdue: i64,
        /// Whether the agency has written something.
        started: bool,
    },
    /// Not submitted, written in part, due today or later.
    Draft {
        /// Days until the due day.
        days_left: i64,
    },
    /// Nothing written, due today or later.
    NotYetDue {
        /// Days until the due day.
        days_left: i64,
    },
}

/// One agency's report for one period on the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The period.
    pub period: PeriodId,
    /// Where it stands on time.
    pub state: CellState,
    /// The day of the first submission, if submitted by the board's day.
    pub submitted: Option<Day>,
    /// Draft, submitted, accepted or returned.
    pub review: ReportState,
}

/// Counts of cells by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// On time.
    pub on_time: usize,
    /// Late.
    pub late: usize,
    /// Missing (past due, not submitted).
    pub missing: usize,
    /// Drafts not yet due.
    pub draft: usize,
    /// Not yet due, nothing written.
    pub not_yet_due: usize,
    /// Sent (on time or late) but returned by the office and not sent again: not done until
    /// accepted, so counted here and not as on time or late.
    #[serde(default)]
    pub returned: usize,
}

impl Totals {
    /// Counts one cell: by its time, except a report the office returned.
    pub fn add(&mut self, cell: &Cell) {
        match cell.state {
            CellState::OnTime { .. } | CellState::Late { .. }
                if matches!(cell.review, ReportState::Returned { .. }) =>
            {
                self.returned += 1;
            }
            CellState::OnTime { .. } => self.on_time += 1,
            CellState::Late { .. } => self.late += 1,
            CellState::Missing { .. } => self.missing += 1,
            CellState::Draft { .. } => self.draft += 1,
            CellState::NotYetDue { .. } => self.not_yet_due += 1,
        }
    }

    /// The sum of two counts.
    pub fn plus(self, o: Totals) -> Totals {
        Totals {
            on_time: self.on_time + o.on_time,
            late: self.late + o.late,
            missing: self.missing + o.missing,
            draft: self.draft + o.draft,
            not_yet_due: self.not_yet_due + o.not_yet_due,
            returned: self.returned + o.returned,
        }
    }
    /// Reports submitted (on time or late).
    pub fn submitted(&self) -> usize {
        self.on_time + self.late
    }
}

/// One agency's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The agency.
    pub agency: AgencyId,
    /// Its name.
    pub name: String,
    /// Its short name.
    pub short_name: String,
    /// One entry per column; `None` where the agency does not report in that period.
    pub cells: Vec<Option<Cell>>,
    /// Its totals.
    pub totals: Totals,
}

/// A reporting period as a column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// The period.
    pub period: PeriodId,
    /// Its label, e.g. `Quý I/2020`.
    pub label: String,
    /// Its due day.
    pub due: Day,
    /// Totals of the column.
    pub totals: Totals,
}

/// The whole board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    /// The day the board is judged on.
    pub as_of: Day,
    /// Columns in order of due day.
    pub columns: Vec<Column>,
    /// Rows in registry order (departments, then districts), without the office itself.
    pub rows: Vec<Row>,
}

impl Board {
    /// Judges every agency's report for every period as of `as_of`.
    pub fn compute(
        plan: &Plan,
        registry: &Registry,
        reports: &[AgencyReports],
        marks: &[ReviewMark],
        arrivals: &Arrivals,
        as_of: Day,
    ) -> Board {
        let mut periods: Vec<&Period> = plan.schedule.iter().collect();
        periods.sort_by_key(|p| p.due);
        let mut columns: Vec<Column> = periods
            .iter()
            .map(|p| Column { period: p.id.clone(), label: p.label.clone(), due: p.due, totals: Totals::default() })
            .collect();
        let by_agency: HashMap<&AgencyId, &AgencyReports> = reports.iter().map(|r| (&r.agency, r)).collect();
        let mut rows = Vec::new();
        for agency in registry.agencies.iter().filter(|a| a.kind != AgencyKind::ProvincialOffice) {
            let has_tasks = !tasks_for(plan, registry, &agency.id).is_empty();
            let mut totals = Totals::default();
            let cells: Vec<Option<Cell>> = periods
                .iter()
                .zip(columns.iter_mut())
                .map(|(period, column)| {
                    // An agency that ended (retired, merged) owes no report due after that day.
                    let ended_before = agency.ended.as_ref().is_some_and(|e| period.due >= e.on);
                    if !period.applies_to(&agency.id, has_tasks) || ended_before {
                        return None;
                    }
                    let report = by_agency.get(&agency.id).and_then(|r| r.period(&period.id));
                    let state = match timeliness(period, report, as_of) {
                        Timeliness::OnTime => {
                            let first = report.and_then(|r| r.submissions.first());
                            let arrived = first
                                .and_then(|s| arrivals.get(&mark_id(&agency.id, &period.id, s.at_ms)))
                                .and_then(|ms| Day::in_vietnam(*ms))
                                .filter(|day| *day > period.due);
                            CellState::OnTime { arrived }
                        }
                        Timeliness::Late { days } => CellState::Late { days },
                        Timeliness::Missing { days_overdue } => {
                            CellState::Missing { days_overdue, started: report.is_some_and(|r| r.has_content()) }
                        }
                        Timeliness::NotYetDue { days_left } if report.is_some_and(|r| r.has_content()) => {
                            CellState::Draft { days_left }
                        }
                        Timeliness::NotYetDue { days_left } => CellState::NotYetDue { days_left },
                    };
                    let submitted = report
                        .and_then(|r| r.submissions.first())
                        .and_then(|s| Day::in_vietnam(s.at_ms))
                        .filter(|d| *d <= as_of);
                    let cell = Cell {
                        period: period.id.clone(),
                        state,
                        submitted,
                        review: report_state(&agency.id, report, marks),
                    };
                    totals.add(&cell);
                    column.totals.add(&cell);
                    Some(cell)
                })
                .collect();
            if cells.iter().any(Option::is_some) {
                rows.push(Row {
                    agency: agency.id.clone(),
                    // As the plan named it: a plan issued before a rename shows the old name.
                    name: agency.name_on(plan.decision.date).to_owned(),
                    short_name: agency.short_name.clone(),
                    cells,
                    totals,
                });
            }
        }
        Board { as_of, columns, rows }
    }

    /// The totals of the whole board.
    pub fn totals(&self) -> Totals {
        self.columns.iter().fold(Totals::default(), |t, c| t.plus(c.totals))
    }
}
