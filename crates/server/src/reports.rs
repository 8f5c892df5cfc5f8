//! `tiendo report export`: the province's report or an agency's as `.docx`, the board and the
//! targets as `.xlsx`, from the server's data: the same files the office's browser makes.

use crate::error::CliError;
use crate::store::DataDir;
use std::io::Write;
use std::path::Path;
use tiendo_core::ids::{AgencyId, PeriodId};
use tiendo_core::office::{Arrivals, Snapshot};
use tiendo_core::schema::genesis::{reports_doc_id, reviews_doc_id};
use tiendo_core::schema::{ReportsDoc, ReviewsDoc};

/// The two formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Word, in the layout of Nghị định 30/2020.
    Docx,
    /// Excel: the timeliness board and the targets.
    Xlsx,
}

/// Reads what the office's views need of the plan that has `period` (the newest plan with it),
/// or of the newest plan when no period is given.
pub fn snapshot(dir: &DataDir, period: Option<&str>) -> Result<Snapshot, CliError> {
    dir.recover()?;
    let ws = dir.workspace()?;
    let plans = crate::plans::plans(dir)?;
    let plan = match period {
        Some(p) => plans
            .into_iter()
            .rev()
            .find(|plan| PeriodId::new(p).is_ok_and(|id| plan.period(&id).is_some()))
            .ok_or_else(|| CliError::UnknownPeriod(p.to_owned()))?,
        None => plans.into_iter().last().ok_or_else(|| CliError::NotInitialised(dir.root().to_owned()))?,
    };
    let held = dir.doc_ids()?;
    let (reports, unreadable) = plan_reports(dir, &ws.agencies, &plan.id, &held);
    let reviews_id = reviews_doc_id(&plan.id);
    let (marks, province_reports) = if held.contains(&reviews_id) {
        let r = dir.read_doc::<ReviewsDoc>(&reviews_id)?;
        (r.marks, r.province_reports)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Snapshot { workspace: ws.workspace, registry: ws.agencies, plan, reports, marks, province_reports, unreadable })
}

/// Every agency's reports on `plan` held in `dir` (`held`: its document ids). One damaged
/// document (taken before documents were checked whole) is named and left out; the rest are read.
pub(crate) fn plan_reports(
    dir: &DataDir,
    registry: &tiendo_core::model::Registry,
    plan: &tiendo_core::ids::PlanId,
    held: &[String],
) -> (Vec<tiendo_core::model::AgencyReports>, Vec<(tiendo_core::ids::AgencyId, String)>) {
    let mut reports = Vec::new();
    let mut unreadable = Vec::new();
    for agency in &registry.agencies {
        let id = reports_doc_id(plan, &agency.id);
        if held.contains(&id) {
            match dir.read_doc::<ReportsDoc>(&id) {
                Ok(doc) => reports.push(doc.reports),
                Err(e) => unreadable.push((agency.id.clone(), e.to_string())),
            }
        }
    }
    (reports, unreadable)
}

/// What `tiendo report export` was asked for.
#[derive(Debug)]
pub struct ExportArgs<'a> {
    /// The period, e.g. `2020-Q1`.
    pub period: &'a str,
    /// The format.
    pub format: Format,
    /// Where to write.
    pub out: &'a Path,
    /// One agency's report instead of the province's (`.docx` only).
    pub agency: Option<&'a str>,
    /// The day to judge the board and targets on (today if none).
    pub as_of: Option<&'a str>,
}

/// `tiendo report export --period P --format docx|xlsx --out FILE [--agency ID] [--as-of DAY]`.
pub fn export(data: &Path, args: &ExportArgs<'_>, out: &mut dyn Write) -> Result<(), CliError> {
    let snap = snapshot(&DataDir::new(data), Some(args.period))?;
    let period = PeriodId::new(args.period)
        .ok()
        .filter(|p| snap.plan.period(p).is_some())
        .ok_or_else(|| CliError::UnknownPeriod(args.period.to_owned()))?;
    let agency = match args.agency {
        Some(a) => Some(
            AgencyId::new(a)
                .ok()
                .filter(|id| snap.registry.get(id).is_some())
                .ok_or_else(|| CliError::UnknownAgency(a.to_owned()))?,
        ),
        None => None,
    };
    let as_of = crate::commands::day_arg(args.as_of)?;
    let bytes = match args.format {
        Format::Docx => snap.docx(&period, agency.as_ref(), as_of),
        Format::Xlsx => snap.xlsx(&Arrivals::new(), as_of, chrono::Utc::now().timestamp_millis()),
    }
    .map_err(|e| CliError::Export(e.to_string()))?;
    DataDir::new(data).write_file(args.out, &bytes)?;
    for (agency, why) in &snap.unreadable {
        let name = snap.registry.display_name(agency);
        writeln!(
            out,
            "Không đọc được báo cáo của {name} ({agency}); tệp được lập từ các báo cáo còn lại. Lý do: {why}"
        )
        .map_err(CliError::io("stdout"))?;
    }
    writeln!(out, "{}: {} byte", args.out.display(), bytes.len()).map_err(CliError::io("stdout"))
}
