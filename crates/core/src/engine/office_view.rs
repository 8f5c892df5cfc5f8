//! What the office's pages ask the engine for ([`OfficeAsk`], [`OfficeFile`]) and the views it
//! answers with ([`OfficeView`], [`NamedFile`]). They are computed where the documents are: a
//! page receives a board of a few kilobytes instead of every agency's reports, and holds no
//! board, league, compile or Office-writer code of its own.

use crate::day::Day;
use crate::history::Basis;
use crate::ids::{AgencyId, PeriodId, TaskId};
use crate::model::{PeriodReport, ProvinceReport, TaskReport};
use crate::office::overdue::OverdueTask;
use crate::office::sections::{section_rows, SectionRow};
use crate::office::{docx, Arrivals, Board, ExportError, LeagueTable, Letter, Snapshot, TargetRow};
use crate::rules::state::{report_state, ReportState};
use serde::{Deserialize, Serialize};

/// The day a view is read as of, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewDay {
    /// The end of this day.
    pub day: Day,
    /// By the device's clock or by when changes reached this laptop.
    pub basis: Basis,
    /// Today (in the demo, the demo's day): on or after it, the documents as they are.
    pub today: Day,
}

/// One view of the office's pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OfficeAsk {
    /// The timeliness board, the tasks past their deadline, and who sent last.
    Board,
    /// The targets, and the sections' task statuses of every period.
    Targets,
    /// The league tables of every span.
    Leagues,
    /// One agency's report of one period, as the office reviews it.
    Review {
        /// The agency.
        agency: AgencyId,
        /// The period.
        period: PeriodId,
    },
    /// What every agency reported on one task, period by period.
    TaskReports(TaskId),
    /// The province's report of a period: the office's edited one, else compiled afresh; or
    /// compiled afresh whatever was edited (`fresh`).
    Compile {
        /// The period.
        period: PeriodId,
        /// Compile again from the agencies' reports.
        fresh: bool,
    },
    /// The province's report as the office is editing it, laid out.
    ProvinceLetter(Box<ProvinceReport>),
}

/// The engine's answer to an [`OfficeAsk`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OfficeView {
    /// To [`OfficeAsk::Board`].
    Board(BoardView),
    /// To [`OfficeAsk::Targets`].
    Targets(TargetsView),
    /// To [`OfficeAsk::Leagues`].
    Leagues(Vec<LeagueTable>),
    /// To [`OfficeAsk::Review`].
    Review(ReviewView),
    /// To [`OfficeAsk::TaskReports`].
    TaskReports(Vec<TaskReportRow>),
    /// To [`OfficeAsk::Compile`].
    Compile(CompileView),
    /// To [`OfficeAsk::ProvinceLetter`].
    Letter(Letter),
}

/// Each kind of view is taken out of an [`OfficeView`] by `TryFrom` (the view back when it is
/// another kind), so that a page names the kind it wants and nothing else.
macro_rules! view_kinds {
    ($($variant:ident => $kind:ty),* $(,)?) => {$(
        impl TryFrom<OfficeView> for $kind {
            type Error = OfficeView;
            fn try_from(view: OfficeView) -> Result<Self, OfficeView> {
                match view {
                    OfficeView::$variant(v) => Ok(v),
                    other => Err(other),
                }
            }
        }
    )*};
}
view_kinds!(
    Board => BoardView,
    Targets => TargetsView,
    Leagues => Vec<LeagueTable>,
    Review => ReviewView,
    TaskReports => Vec<TaskReportRow>,
    Compile => CompileView,
    Letter => Letter,
);

/// The board page's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardView {
    /// Every agency × period (the page filters it).
    pub board: Board,
    /// The tasks past their own deadline, most overdue first.
    pub overdue: Vec<OverdueTask>,
    /// Agencies whose reports document does not read.
    pub unreadable: Vec<AgencyId>,
    /// Each agency's last submission: who sent it and on which day.
    pub last_sent: Vec<(AgencyId, String, Day)>,
}

/// The targets page's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetsView {
    /// Every target with its latest reading.
    pub rows: Vec<TargetRow>,
    /// The sections' task statuses, per period of the schedule.
    pub sections: Vec<(PeriodId, Vec<SectionRow>)>,
}

/// One agency's report as the office reviews it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewView {
    /// The report laid out as its official document.
    pub letter: Letter,
    /// The report, if the agency wrote one.
    pub report: Option<PeriodReport>,
    /// Draft, sent, accepted or returned.
    pub state: ReportState,
}

/// What one agency reported on one task in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskReportRow {
    /// The agency.
    pub agency: AgencyId,
    /// The period.
    pub period: PeriodId,
    /// What it reported.
    pub report: TaskReport,
}

/// The province's report of a period, to edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompileView {
    /// The report.
    pub report: ProvinceReport,
    /// Whether it is the office's edited one.
    pub edited: bool,
    /// Every agency's reports, summed up: changes when any agency's reports change (the page
    /// says newer reports arrived since it opened).
    pub reports_seen: u64,
}

/// A file for the office to download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OfficeFile {
    /// The board's workbook (the board, the targets, the league tables).
    Xlsx,
    /// One agency's report of a period as `.docx`.
    AgencyDocx {
        /// The agency.
        agency: AgencyId,
        /// The period.
        period: PeriodId,
    },
    /// The province's report as the office edited it, as `.docx`.
    ProvinceDocx(Box<ProvinceReport>),
}

/// A file made by the engine: its name and bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedFile {
    /// `TienDo_2026-07-15.xlsx`, `BC_2020-Q1_SYT.docx`.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl Snapshot {
    /// Answers one of the office's views as of `day` (`arrivals`: when each submission reached
    /// this laptop; `today`: the date a fresh compilation carries).
    pub fn view(&self, ask: &OfficeAsk, arrivals: &Arrivals, day: Day, today: Day) -> Result<OfficeView, ExportError> {
        Ok(match ask {
            OfficeAsk::Board => OfficeView::Board(BoardView {
                board: self.board(arrivals, day),
                overdue: self.overdue(day),
                unreadable: self.unreadable.iter().map(|(a, _)| a.clone()).collect(),
                last_sent: self.last_sent(),
            }),
            OfficeAsk::Targets => OfficeView::Targets(TargetsView {
                rows: self.targets(day),
                sections: (self.plan.schedule.iter())
                    .map(|p| (p.id.clone(), section_rows(&self.plan, &self.registry, &self.reports, &p.id)))
                    .collect(),
            }),
            OfficeAsk::Leagues => OfficeView::Leagues(self.leagues(arrivals, day)),
            OfficeAsk::Review { agency, period } => {
                let report = self.reports.iter().find(|r| &r.agency == agency).and_then(|r| r.period(period)).cloned();
                OfficeView::Review(ReviewView {
                    letter: self.agency_letter(agency, period, today)?,
                    state: report_state(agency, report.as_ref(), &self.marks),
                    report,
                })
            }
            OfficeAsk::TaskReports(task) => OfficeView::TaskReports(self.task_reports(task)),
            OfficeAsk::Compile { period, fresh } => {
                let edited = !fresh && self.province_reports.iter().any(|r| &r.period == period);
                let report = match fresh {
                    false => self.province_report(period, today)?,
                    true => {
                        let p =
                            self.plan.period(period).ok_or_else(|| ExportError::UnknownPeriod(period.to_string()))?;
                        crate::office::compile::compile(&self.plan, &self.registry, &self.reports, p, today)
                    }
                };
                OfficeView::Compile(CompileView { report, edited, reports_seen: self.reports_seen() })
            }
            OfficeAsk::ProvinceLetter(report) => OfficeView::Letter(self.letter_of(report)),
        })
    }

    /// Makes one of the office's files as of `day`.
    pub fn file(
        &self,
        file: &OfficeFile,
        arrivals: &Arrivals,
        day: Day,
        today: Day,
        now_ms: i64,
    ) -> Result<NamedFile, ExportError> {
        Ok(match file {
            OfficeFile::Xlsx => {
                NamedFile { name: format!("TienDo_{day}.xlsx"), bytes: self.xlsx(arrivals, day, now_ms)? }
            }
            OfficeFile::AgencyDocx { agency, period } => NamedFile {
                name: self.file_name(period, Some(agency), "docx"),
                bytes: self.docx(period, Some(agency), today)?,
            },
            OfficeFile::ProvinceDocx(report) => NamedFile {
                name: self.file_name(&report.period, None, "docx"),
                bytes: docx::render(&self.letter_of(report))?,
            },
        })
    }

    /// The province's report `report` laid out, with the targets as of its date.
    fn letter_of(&self, report: &ProvinceReport) -> Letter {
        Letter::province(&self.plan, &self.workspace, report, &self.targets(report.date))
    }

    /// Each agency's last submission: who and on which day.
    fn last_sent(&self) -> Vec<(AgencyId, String, Day)> {
        (self.reports.iter())
            .filter_map(|r| {
                let last = r.periods.iter().flat_map(|p| p.submissions.iter()).max_by_key(|s| s.at_ms)?;
                Some((r.agency.clone(), last.by.clone(), Day::in_vietnam(last.at_ms)?))
            })
            .collect()
    }

    /// What every agency reported on `task`, with something written.
    fn task_reports(&self, task: &TaskId) -> Vec<TaskReportRow> {
        let mut rows = Vec::new();
        let written = |t: &&TaskReport| t.status.is_some() || !t.results.is_blank();
        for reports in &self.reports {
            for period in &self.plan.schedule {
                if let Some(t) = reports.period(&period.id).and_then(|p| p.task(task)).filter(written) {
                    rows.push(TaskReportRow {
                        agency: reports.agency.clone(),
                        period: period.id.clone(),
                        report: t.clone(),
                    });
                }
            }
        }
        rows
    }

    /// A sum over every agency's reports that changes when any of them changes.
    fn reports_seen(&self) -> u64 {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_vec(&self.reports).unwrap_or_default().hash(&mut hasher);
        hasher.finish()
    }
}
