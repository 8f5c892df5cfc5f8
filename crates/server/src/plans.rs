//! Several plans in one workspace: `tiendo plan list|show|add` and `tiendo init --plan-text`.
//!
//! A plan is added as the office adds it in the app: the plan document first, then the
//! workspace's index entry and the agencies the parser proposed, in one change of the office
//! (the server's device). A workspace never names a document that is not stored.

use crate::error::CliError;
use crate::identity::ServerDevice;
use crate::store::{plan_doc_id, DataDir, WORKSPACE_DOC};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use tiendo_core::ids::{AgencyId, PlanId, WorkspaceId};
use tiendo_core::model::{Agency, AgencyKind, DocEntry, DocKind, Plan, Registry, RegistryChange, Workspace};
use tiendo_core::office::next_year::{next_year, NextYear};
use tiendo_core::parse::ParsedPlan;
use tiendo_core::schema::{genesis, PlanDoc, WorkspaceDoc};
use tiendo_core::text::slug;

/// Reads and parses a plan file (`.docx` or text) against `registry`; warnings go to `err`.
pub(crate) fn parse_file(file: &Path, registry: &Registry, err: &mut dyn Write) -> Result<ParsedPlan, CliError> {
    let bytes = std::fs::read(file).map_err(CliError::io(file))?;
    let text = tiendo_core::parse::docx::text_of_file(&bytes)
        .map_err(|source| CliError::PlanFile { path: file.to_owned(), source })?;
    let parsed = tiendo_core::parse::parse_plan(&text, registry)
        .map_err(|source| CliError::Parse { path: file.to_owned(), source })?;
    for w in &parsed.warnings {
        writeln!(err, "warning: {w}").map_err(CliError::io("stderr"))?;
    }
    Ok(parsed)
}

/// Every plan of the workspace, in the order the workspace lists them.
pub fn plans(dir: &DataDir) -> Result<Vec<Plan>, CliError> {
    let ws = dir.workspace()?;
    ws.documents
        .iter()
        .filter(|d| d.kind == DocKind::Plan)
        .map(|d| dir.read_doc::<PlanDoc>(&d.id).map(|p| p.plan))
        .collect()
}

/// The plan `id`, or the workspace's newest plan (the last added) when none is named.
pub fn plan(dir: &DataDir, id: Option<&PlanId>) -> Result<Plan, CliError> {
    let all = plans(dir)?;
    match id {
        Some(id) => all.into_iter().find(|p| &p.id == id).ok_or_else(|| CliError::UnknownPlan(id.to_string())),
        None => all.into_iter().last().ok_or_else(|| CliError::NotInitialised(dir.root().to_owned())),
    }
}

/// One row of `plan list --json` (docs/json.md).
#[derive(Debug, Serialize)]
struct PlanRow<'a> {
    id: &'a str,
    title: &'a str,
    decision: &'a str,
    date: String,
    year: i32,
    tasks: usize,
    periods: usize,
}

/// `tiendo plan list`.
pub fn list(data: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let all = plans(&DataDir::new(data))?;
    let rows: Vec<PlanRow<'_>> = all
        .iter()
        .map(|p| PlanRow {
            id: p.id.as_str(),
            title: &p.title,
            decision: &p.decision.number,
            date: p.decision.date.to_string(),
            year: p.decision.date.year(),
            tasks: p.tasks().count(),
            periods: p.schedule.len(),
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out).map_err(CliError::io("stdout"));
    }
    for r in &rows {
        writeln!(out, "{:<28} {} ngày {} — {} ({} nhiệm vụ)", r.id, r.decision, vi_date(&r.date), r.title, r.tasks)
            .map_err(CliError::io("stdout"))?;
    }
    Ok(())
}

fn vi_date(iso: &str) -> String {
    iso.parse::<tiendo_core::day::Day>().map_or_else(|_| iso.to_owned(), |d| d.to_vietnamese())
}

/// Adds the parser's proposed agencies to `registry`, as the office would accept them.
fn accept_proposed(registry: &mut Registry, proposed: &[Agency], on: tiendo_core::day::Day) -> Result<(), CliError> {
    for a in proposed {
        let add = RegistryChange::Add {
            id: Some(a.id.clone()),
            name: a.name.clone(),
            short_name: a.short_name.clone(),
            kind: a.kind,
            aliases: a.aliases.clone(),
        };
        registry.change(&add, on)?;
    }
    Ok(())
}

/// `tiendo plan add FILE`: parses the decision against the workspace's registry and adds the
/// plan, with the agencies it names that the registry lacks.
pub fn add(data: &Path, file: &Path, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    let Some(_lock) = dir.try_lock()? else { return Err(CliError::ServerRunning(data.to_owned())) };
    dir.recover()?;
    let (doc, mut ws) = dir.load_doc::<WorkspaceDoc>(WORKSPACE_DOC)?;
    let parsed = parse_file(file, &ws.agencies, err)?;
    if ws.documents.iter().any(|d| d.id == plan_doc_id(&parsed.plan.id)) {
        return Err(CliError::PlanExists(parsed.plan.id.to_string()));
    }
    accept_proposed(&mut ws.agencies, &parsed.proposed_agencies, parsed.plan.decision.date)?;
    store_plan(&dir, doc, ws, &parsed.plan)?;
    said(out, &parsed)
}

/// Adds `plan` to the workspace `ws` (read with `doc`) as the server's office device: the plan's
/// genesis document first, then the workspace with its entry, so that a workspace never names a
/// document that is not stored.
fn store_plan(
    dir: &DataDir,
    mut doc: automerge::AutoCommit,
    mut ws: WorkspaceDoc,
    plan: &Plan,
) -> Result<(), CliError> {
    let id = plan_doc_id(&plan.id);
    if ws.documents.iter().any(|d| d.id == id) {
        return Err(CliError::PlanExists(plan.id.to_string()));
    }
    ws.documents.push(DocEntry { id: id.clone(), kind: DocKind::Plan, plan: Some(plan.id.clone()), agency: None });
    let server = ServerDevice::load_or_create(dir)?;
    let plan_bytes = genesis::genesis(&genesis::plan_doc(plan.clone()))
        .map_err(|source| CliError::Doc { path: dir.doc_path(&id), source: Box::new(source) })?
        .save();
    dir.write_doc(&id, &plan_bytes)?;
    doc.set_actor(server.actor());
    dir.store_doc(WORKSPACE_DOC, &mut doc, &ws)
}

/// `tiendo plan copy --number N --date D [--from PLAN] [--title T]`: next year's plan made from
/// last year's (`--from`, or the newest), with the tasks its lead agencies had not finished
/// marked as carried over, added to the workspace as `plan add` adds one.
pub fn copy(data: &Path, ask: &CopyArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    let Some(_lock) = dir.try_lock()? else { return Err(CliError::ServerRunning(data.to_owned())) };
    dir.recover()?;
    let last = plan(&dir, ask.from.as_ref())?;
    let date = match tiendo_core::day::Day::parse_typed(&ask.date) {
        Ok(Some(d)) => d,
        Ok(None) => return Err(CliError::BadDay(format!("{:?} is not a date (dd/mm/yyyy)", ask.date))),
        Err(e) => return Err(CliError::BadDay(e.to_string())),
    };
    let (doc, ws) = dir.load_doc::<WorkspaceDoc>(WORKSPACE_DOC)?;
    let (reports, unreadable) = crate::reports::plan_reports(&dir, &ws.agencies, &last.id, &dir.doc_ids()?);
    if let Some((agency, why)) = unreadable.into_iter().next() {
        // What a damaged document said cannot be judged: refuse rather than carry over wrongly.
        return Err(CliError::UnreadableReports { agency, why });
    }
    let next = NextYear { number: ask.number.clone(), date, title: ask.title.clone() };
    let copied = next_year(&last, &ws.agencies, &reports, &next)?;
    store_plan(&dir, doc, ws, &copied.plan)?;
    let p = &copied.plan;
    let line = format!(
        "Đã thêm kế hoạch {} từ kế hoạch {}: {} nhiệm vụ chuyển tiếp, {} nhiệm vụ thường xuyên, {} nhiệm vụ đã hoàn thành không chép ({} kỳ báo cáo).",
        p.id,
        last.id,
        copied.carried.len(),
        copied.standing.len(),
        copied.finished.len(),
        p.schedule.len()
    );
    writeln!(out, "{line}").map_err(CliError::io("stdout"))
}

/// What `tiendo plan copy` was asked for.
#[derive(Debug, Clone)]
pub struct CopyArgs {
    /// Last year's plan (the newest if none).
    pub from: Option<PlanId>,
    /// The new decision's number.
    pub number: String,
    /// The new decision's day, as typed.
    pub date: String,
    /// The new title, if not last year's with the year changed.
    pub title: Option<String>,
}

fn said(out: &mut dyn Write, parsed: &ParsedPlan) -> Result<(), CliError> {
    let p = &parsed.plan;
    writeln!(out, "Đã thêm kế hoạch {} ({} nhiệm vụ, {} kỳ báo cáo).", p.id, p.tasks().count(), p.schedule.len())
        .map_err(CliError::io("stdout"))?;
    for a in &parsed.proposed_agencies {
        writeln!(out, "  thêm đơn vị: {} ({})", a.name, a.id).map_err(CliError::io("stdout"))?;
    }
    Ok(())
}

/// `tiendo init --plan-text FILE`: a new workspace from a decision's text, with the provincial
/// office and the agencies the parser proposes.
pub fn init_from_text(data: &Path, file: &Path, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    if dir.is_initialised() {
        return Err(CliError::AlreadyInitialised(data.to_owned()));
    }
    let office_id = AgencyId::new("vp-ubnd").unwrap_or_else(|_| unreachable!("constant id is valid"));
    let mut registry = Registry::default();
    registry.agencies.push(Agency::new(office_id, "Văn phòng UBND tỉnh", "VPUBND", AgencyKind::ProvincialOffice));
    let parsed = parse_file(file, &registry, err)?;
    accept_proposed(&mut registry, &parsed.proposed_agencies, parsed.plan.decision.date)?;
    let province = parsed.plan.decision.issuer.trim_start_matches("Ủy ban nhân dân tỉnh").trim().to_owned();
    let year = parsed.plan.decision.date.year();
    let name = if province.is_empty() { format!("Kế hoạch năm {year}") } else { format!("{province} {year}") };
    let workspace = Workspace {
        id: WorkspaceId::new(slug(&name))
            .or_else(|_| WorkspaceId::new(format!("workspace-{year}")))
            .unwrap_or_else(|_| unreachable!("letters, digits and dashes make a valid id")),
        name: parsed.plan.title.clone(),
        province,
        year,
        server: None,
    };
    let ws = genesis::workspace_doc(workspace, registry, &[&parsed.plan]);
    dir.create(&ws, parsed.plan.clone())?;
    said(out, &parsed)
}
