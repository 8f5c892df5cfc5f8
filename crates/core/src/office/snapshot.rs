//! Everything the office's views read, in one value: the app and the CLI fill it from their own
//! storage and ask it the same questions, so they make the same files.

use crate::day::Day;
use crate::ids::{AgencyId, PeriodId};
use crate::model::{AgencyReports, Plan, ProvinceReport, Registry, ReviewMark, Workspace};
use crate::office::board::{Arrivals, Board};
use crate::office::compile::compile;
use crate::office::error::ExportError;
use crate::office::letter::Letter;
use crate::office::targets::{target_rows, TargetRow};
use crate::office::{docx, xlsx};

/// The plan, its agencies, every agency's reports and the office's marks and edited reports.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Snapshot {
    /// The workspace.
    pub workspace: Workspace,
    /// The agencies.
    pub registry: Registry,
    /// The plan.
    pub plan: Plan,
    /// Every agency's reports held.
    pub reports: Vec<AgencyReports>,
    /// The office's review marks.
    pub marks: Vec<ReviewMark>,
    /// The province's reports as the office edited them.
    pub province_reports: Vec<ProvinceReport>,
    /// Agencies whose reports document is held but does not read (damaged before documents
    /// were checked whole), with why: the views name them and go on with the rest.
    pub unreadable: Vec<(AgencyId, String)>,
}

impl Snapshot {
    /// The board as of a day.
    pub fn board(&self, arrivals: &Arrivals, as_of: Day) -> Board {
        Board::compute(&self.plan, &self.registry, &self.reports, &self.marks, arrivals, as_of)
    }

    /// The tasks past their own deadline as of a day.
    pub fn overdue(&self, as_of: Day) -> Vec<super::overdue::OverdueTask> {
        super::overdue::overdue_tasks(&self.plan, &self.registry, &self.reports, as_of)
    }

    /// The targets as of a day.
    pub fn targets(&self, as_of: Day) -> Vec<TargetRow> {
        target_rows(&self.plan, &self.registry, &self.reports, as_of)
    }

    /// The province's report for a period: the office's edited one, else compiled afresh dated `today`.
    pub fn province_report(&self, period: &PeriodId, today: Day) -> Result<ProvinceReport, ExportError> {
        if let Some(r) = self.province_reports.iter().find(|r| &r.period == period) {
            return Ok(r.clone());
        }
        let p = self.plan.period(period).ok_or_else(|| ExportError::UnknownPeriod(period.to_string()))?;
        Ok(compile(&self.plan, &self.registry, &self.reports, p, today))
    }

    /// The province's report laid out, with the targets as of its date.
    pub fn province_letter(&self, period: &PeriodId, today: Day) -> Result<Letter, ExportError> {
        let report = self.province_report(period, today)?;
        let targets = self.targets(report.date);
        Ok(Letter::province(&self.plan, &self.workspace, &report, &targets))
    }

    /// An agency's own report for a period, laid out.
    pub fn agency_letter(&self, agency: &AgencyId, period: &PeriodId, today: Day) -> Result<Letter, ExportError> {
        if self.registry.get(agency).is_none() {
            return Err(ExportError::UnknownAgency(agency.to_string()));
        }
        let p = self.plan.period(period).ok_or_else(|| ExportError::UnknownPeriod(period.to_string()))?;
        let empty = crate::model::PeriodReport::new(period.clone());
        let report = self.reports.iter().find(|r| &r.agency == agency).and_then(|r| r.period(period)).unwrap_or(&empty);
        Ok(Letter::agency(&self.plan, &self.registry, &self.workspace, agency, p, report, today))
    }

    /// The `.docx` of the province's report, or of one agency's.
    pub fn docx(&self, period: &PeriodId, agency: Option<&AgencyId>, today: Day) -> Result<Vec<u8>, ExportError> {
        let letter = match agency {
            Some(a) => self.agency_letter(a, period, today)?,
            None => self.province_letter(period, today)?,
        };
        docx::render(&letter)
    }

    /// The `.xlsx` of the board and the targets as of a day.
    pub fn xlsx(&self, arrivals: &Arrivals, as_of: Day, created_ms: i64) -> Result<Vec<u8>, ExportError> {
        let board = self.board(arrivals, as_of);
        xlsx::render(&board, &self.targets(as_of), &self.leagues_of(&board), created_ms)
    }

    /// The league tables of every quarter, the first six months and the year, as of a day.
    pub fn leagues(&self, arrivals: &Arrivals, as_of: Day) -> Vec<super::LeagueTable> {
        self.leagues_of(&self.board(arrivals, as_of))
    }

    fn leagues_of(&self, board: &Board) -> Vec<super::LeagueTable> {
        super::league::Span::ALL
            .iter()
            .map(|s| super::league(board, &self.plan, &self.registry, &self.reports, *s))
            .collect()
    }

    /// A file name for an export: `BC_2020-Q1_TINH.docx`, `BC_2020-Q1_SYT.docx`.
    pub fn file_name(&self, period: &PeriodId, agency: Option<&AgencyId>, ext: &str) -> String {
        let who = agency
            .and_then(|a| self.registry.get(a))
            .map_or_else(|| String::from("TINH"), |a| crate::text::file_safe(&a.short_name));
        format!("BC_{period}_{who}.{ext}")
    }
}
