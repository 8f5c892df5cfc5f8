//! `tiendo report history|conflicts|show`: who changed which field of an agency's report and how
//! it arrived, which fields hold several values, and what a report said at the end of a day,
//! read from the server's documents and its arrival records.

use crate::error::CliError;
use crate::store::DataDir;
use serde_json::json;
use std::io::Write;
use std::path::Path;
use tiendo_core::day::Day;
use tiendo_core::history::{
    self, AsOf, Authors, Basis, ConflictEntry, Field, GeneralPart, HistoryEntry, Of, Place, TargetPart, TaskPart,
};
use tiendo_core::ids::{AgencyId, PeriodId, TaskId};
use tiendo_core::model::{Plan, TaskStatus};
use tiendo_core::schema::genesis::{empty_reports, genesis, reports_doc_id};
use tiendo_core::schema::{edit, ReportsDoc, WorkspaceDoc};

/// Which report: an agency's, for a period.
#[derive(Debug, Clone, Copy)]
pub struct Which<'a> {
    /// The agency's id.
    pub agency: &'a str,
    /// The period's id.
    pub period: &'a str,
}

/// An agency's reports document on the plan that has the period, with its id and the workspace.
struct Opened {
    id: String,
    doc: automerge::AutoCommit,
    value: ReportsDoc,
    ws: WorkspaceDoc,
    plan: Plan,
    period: PeriodId,
}

fn open(dir: &DataDir, which: Which<'_>) -> Result<Opened, CliError> {
    dir.recover()?;
    let ws = dir.workspace()?;
    let agency = AgencyId::new(which.agency)
        .ok()
        .filter(|a| ws.agencies.get(a).is_some())
        .ok_or_else(|| CliError::UnknownAgency(which.agency.to_owned()))?;
    let period = PeriodId::new(which.period).map_err(|_| CliError::UnknownPeriod(which.period.to_owned()))?;
    let plan = crate::plans::plans(dir)?
        .into_iter()
        .rev()
        .find(|p| p.period(&period).is_some())
        .ok_or_else(|| CliError::UnknownPeriod(which.period.to_owned()))?;
    let id = reports_doc_id(&plan.id, &agency);
    let (doc, value) = if dir.doc_ids()?.contains(&id) {
        dir.load_doc::<ReportsDoc>(&id)?
    } else {
        // Nobody wrote it yet: the genesis every device starts from, with no history.
        let value = empty_reports(&plan, &ws.agencies, &agency);
        let doc = genesis(&value).map_err(|e| CliError::Export(e.to_string()))?;
        (doc, value)
    };
    Ok(Opened { id, doc, value, ws, plan, period })
}

/// `tiendo report history`: the changes to an agency's report for a period (one task's if
/// `task` is given), newest first.
pub fn history(
    data: &Path,
    which: Which<'_>,
    task: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    let mut o = open(&dir, which)?;
    let task = match task {
        Some(t) => Some(
            TaskId::new(t)
                .ok()
                .filter(|t| o.plan.tasks().any(|task| &task.id == t))
                .ok_or_else(|| CliError::UnknownTask(t.to_owned()))?,
        ),
        None => None,
    };
    let arrivals = crate::arrivals::read(&dir, &o.id)?;
    let authors = Authors::of(&o.ws, Some(&o.value.reports));
    let period = o.period.clone();
    let entries = match task {
        // A task's fields, and its targets': quick, whatever the length of the history.
        Some(task) => {
            let place = |p| Field { period: period.clone(), place: p };
            let mut fields: Vec<Field> =
                TaskPart::ALL.iter().map(|&part| place(Place::Task { task: task.clone(), part })).collect();
            for target in o.plan.targets_of(&task) {
                fields.extend(
                    TargetPart::ALL.iter().map(|&part| place(Place::Target { target: target.id.clone(), part })),
                );
            }
            history::history(&mut o.doc, &authors, &arrivals, Of::Fields(&fields))
        }
        None => history::history(&mut o.doc, &authors, &arrivals, Of::Period(&period)),
    };
    let text = if json { serde_json::to_string_pretty(&entries)? } else { history_text(&entries) };
    writeln!(out, "{text}").map_err(CliError::io("stdout"))
}

fn history_text(entries: &[HistoryEntry]) -> String {
    if entries.is_empty() {
        return "chưa có thay đổi nào".into();
    }
    let lines: Vec<String> = entries
        .iter()
        .map(|e| {
            let who =
                e.author.device_name.clone().or(e.author.device.as_ref().map(|d| d.to_string())).unwrap_or_default();
            format!(
                "{}  {}  {}: {} → {}",
                e.time.as_deref().map_or_else(|| "?".to_owned(), day_and_time),
                who,
                place(&e.field.place),
                shown(&e.before),
                shown(&e.after)
            )
        })
        .collect();
    lines.join("\n")
}

/// `2026-03-09T14:05:00+07:00` as `09/03/2026 14:05` (the time stays Vietnam's).
fn day_and_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_owned())
}

/// A field in the office's words (the JSON keeps the parts' English keys).
fn place(p: &Place) -> String {
    match p {
        Place::Task { task, part } => {
            let part = match part {
                TaskPart::Status => "tình trạng",
                TaskPart::Percent => "tỷ lệ hoàn thành",
                TaskPart::Results => "kết quả",
                TaskPart::Difficulties => "khó khăn, vướng mắc",
                TaskPart::Proposals => "kiến nghị",
            };
            format!("nhiệm vụ {task}, {part}")
        }
        Place::Target { target, part } => {
            let part = match part {
                TargetPart::Value | TargetPart::Typed => "số liệu",
                TargetPart::Achieved => "đạt hay chưa",
                TargetPart::AsOf => "tính đến ngày",
                TargetPart::Note => "ghi chú",
            };
            format!("chỉ tiêu {target}, {part}")
        }
        Place::General { part } => {
            let part = match part {
                GeneralPart::Results => "kết quả đạt được",
                GeneralPart::Shortcomings => "tồn tại, hạn chế",
                GeneralPart::NextTasks => "nhiệm vụ kỳ tới",
                GeneralPart::Proposals => "kiến nghị, đề xuất",
            };
            format!("phần chung, {part}")
        }
        Place::Submission => "gửi báo cáo".into(),
    }
}

/// A value in the office's words: a status as the Government's reports name it, nothing as
/// "(trống)", a text quoted.
fn shown(v: &history::FieldValue) -> String {
    let status = serde_json::from_value::<TaskStatus>(serde_json::to_value(v).unwrap_or_default()).ok();
    match (v, status) {
        (_, Some(s)) => tiendo_core::office::format::status(s).to_owned(),
        (v, None) if v.is_empty() => "(trống)".into(),
        (v, None) => serde_json::to_string(v).unwrap_or_default(),
    }
}

/// `tiendo report conflicts`: the fields that hold several values, of one agency's reports or
/// of every agency's, on every plan.
pub fn conflicts(data: &Path, agency: Option<&str>, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    dir.recover()?;
    let ws = dir.workspace()?;
    let agencies: Vec<AgencyId> = match agency {
        Some(a) => vec![AgencyId::new(a)
            .ok()
            .filter(|a| ws.agencies.get(a).is_some())
            .ok_or_else(|| CliError::UnknownAgency(a.to_owned()))?],
        None => ws.agencies.agencies.iter().map(|a| a.id.clone()).collect(),
    };
    let held = dir.doc_ids()?;
    let mut found: Vec<ConflictEntry> = Vec::new();
    for plan in crate::plans::plans(&dir)? {
        for agency in &agencies {
            let id = reports_doc_id(&plan.id, agency);
            if !held.contains(&id) {
                continue;
            }
            let (mut doc, value) = dir.load_doc::<ReportsDoc>(&id)?;
            found.extend(history::conflicts(&id, &mut doc, &Authors::of(&ws, Some(&value.reports))));
        }
    }
    let text = if json {
        serde_json::to_string_pretty(&found)?
    } else if found.is_empty() {
        "không có xung đột".into()
    } else {
        found
            .iter()
            .map(|c| {
                let values: Vec<String> = c.values.iter().map(|v| shown(&v.value)).collect();
                format!("{} {} {}: {}", c.doc, c.field.period, place(&c.field.place), values.join(" | "))
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    writeln!(out, "{text}").map_err(CliError::io("stdout"))
}

/// `tiendo report show --as-of DAY`: an agency's report for a period as it stood at the end of
/// `day` in Vietnam, judged by the devices' clocks or by the server's arrival records.
pub fn show(data: &Path, which: Which<'_>, day: Day, basis: Basis, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    let mut o = open(&dir, which)?;
    let arrivals = crate::arrivals::read(&dir, &o.id)?;
    let as_of = AsOf::of(&mut o.doc, day, basis, &arrivals);
    let then = as_of.fork(&mut o.doc).map_err(|e| CliError::Export(e.to_string()))?;
    let report = edit::read_period(&then, &o.period).map_err(|e| CliError::Export(e.to_string()))?;
    let value = json!({
        "agency": which.agency,
        "period": o.period,
        "as_of": day,
        "basis": as_of.basis,
        "changes_counted": as_of.counted,
        "changes_later": as_of.later,
        "judged_by_device_time": as_of.without_arrival,
        "report": report,
    });
    writeln!(out, "{}", serde_json::to_string_pretty(&value)?).map_err(CliError::io("stdout"))
}
