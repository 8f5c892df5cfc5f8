//! What of the board the office looks at: which kinds of agency, which states, a name, and
//! whether the monthly periods are shown (a year has twelve, which made the board 3,900 px
//! wide; folded, they are one column that counts their states).

use super::board::{Board, Cell, Totals};
use crate::model::{AgencyKind, PeriodKind, Plan, Registry};
use crate::words::WordQuery;

/// Agencies by kind, as the office groups them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum KindFilter {
    /// Every agency.
    #[default]
    All,
    /// Departments and other provincial bodies (`các sở, ban, ngành`).
    Provincial,
    /// Communes, wards and special zones (`các xã, phường, đặc khu`), and districts before 2025.
    Local,
}

impl KindFilter {
    fn admits(self, kind: AgencyKind) -> bool {
        match self {
            KindFilter::All => true,
            KindFilter::Provincial => {
                matches!(kind, AgencyKind::Department | AgencyKind::Other | AgencyKind::ProvincialOffice)
            }
            KindFilter::Local => matches!(kind, AgencyKind::Commune | AgencyKind::SpecialZone | AgencyKind::District),
        }
    }
}

/// Agencies by how they stand in the periods shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StateFilter {
    /// Every agency.
    #[default]
    All,
    /// With a report past its due day and not sent.
    Missing,
    /// With a report sent late.
    Late,
    /// With every report due so far sent on time.
    AllOnTime,
}

/// The office's choice of what the board shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardFilter {
    /// Kinds of agency.
    pub kind: KindFilter,
    /// States.
    pub state: StateFilter,
    /// Words of the agency's name or short name (whole words, diacritics ignored).
    pub name: String,
    /// Show each monthly period as its own column.
    pub monthly: bool,
}

/// The monthly periods folded into one column: their totals, and per agency its worst cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Folded {
    /// How many monthly periods there are.
    pub periods: usize,
    /// Totals over them.
    pub totals: Totals,
    /// Per shown row: how many monthly reports are missing, late and on time.
    pub rows: Vec<Totals>,
}

fn is_monthly(plan: &Plan, period: &crate::ids::PeriodId) -> bool {
    plan.period(period).is_some_and(|p| p.kind == PeriodKind::Monthly)
}

fn count<'a>(cells: impl Iterator<Item = &'a Cell>) -> Totals {
    let mut t = Totals::default();
    for c in cells {
        t.add(c);
    }
    t
}

impl BoardFilter {
    /// The board as this filter shows it, and the monthly periods folded (when hidden and
    /// there are any).
    pub fn apply(&self, board: &Board, plan: &Plan, registry: &Registry) -> (Board, Option<Folded>) {
        let query = WordQuery::new(&self.name);
        let keep: Vec<bool> = board.columns.iter().map(|c| self.monthly || !is_monthly(plan, &c.period)).collect();
        let monthly: Vec<bool> = board.columns.iter().map(|c| is_monthly(plan, &c.period)).collect();
        let mut shown = Board { as_of: board.as_of, columns: Vec::new(), rows: Vec::new() };
        shown.columns = board.columns.iter().zip(&keep).filter(|(_, k)| **k).map(|(c, _)| c.clone()).collect();
        let mut folded_rows = Vec::new();
        for row in &board.rows {
            let kind = registry.get(&row.agency).map_or(AgencyKind::Other, |a| a.kind);
            if !self.kind.admits(kind) {
                continue;
            }
            if !query.is_empty() && !query.matches(&row.name) && !query.matches(&row.short_name) {
                continue;
            }
            let totals = count(row.cells.iter().flatten());
            let admitted = match self.state {
                StateFilter::All => true,
                StateFilter::Missing => totals.missing + totals.returned > 0,
                StateFilter::Late => totals.late > 0,
                StateFilter::AllOnTime => totals.missing == 0 && totals.late == 0 && totals.returned == 0,
            };
            if !admitted {
                continue;
            }
            let mut r = row.clone();
            r.cells = row.cells.iter().zip(&keep).filter(|(_, k)| **k).map(|(c, _)| c.clone()).collect();
            folded_rows.push(count(row.cells.iter().zip(&monthly).filter(|(_, m)| **m).flat_map(|(c, _)| c)));
            shown.rows.push(r);
        }
        // The footer counts what is shown.
        for (i, column) in shown.columns.iter_mut().enumerate() {
            column.totals = count(shown.rows.iter().filter_map(|r| r.cells.get(i).and_then(|c| c.as_ref())));
        }
        let periods = monthly.iter().filter(|m| **m).count();
        let folded = (!self.monthly && periods > 0).then(|| {
            let totals = folded_rows.iter().fold(Totals::default(), |a, t| a.plus(*t));
            Folded { periods, totals, rows: folded_rows }
        });
        (shown, folded)
    }
}
