//! The CLI's commands, writing to any output so that tests read what a user would see.

use crate::error::CliError;
use crate::store::DataDir;
use std::io::Write;
use std::path::Path;
use tiendo_core::model::Plan;

fn line(out: &mut dyn Write, text: std::fmt::Arguments<'_>) -> Result<(), CliError> {
    writeln!(out, "{text}").map_err(CliError::io("stdout"))
}

/// `tiendo init`.
pub fn init(data: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    if dir.init_builtin()? {
        line(out, format_args!("Created workspace with the built-in Trà Vinh 2020 plan in {}", data.display()))
    } else {
        line(out, format_args!("{} already holds a workspace; nothing changed", data.display()))
    }
}

fn print_plan(plan: &Plan, out: &mut dyn Write) -> Result<(), CliError> {
    line(out, format_args!("{}", plan.title))?;
    line(out, format_args!("Quyết định {} ngày {}", plan.decision.number, plan.decision.date.to_vietnamese()))?;
    for s in &plan.sections {
        line(out, format_args!("{}. {}", s.id, s.title))?;
        for t in &s.tasks {
            let agencies = t.agencies_text.as_str();
            line(out, format_args!("  {} [{}]", t.id, agencies))?;
        }
    }
    line(out, format_args!("Chỉ tiêu: {}", plan.targets.len()))?;
    for p in &plan.schedule {
        line(out, format_args!("  {} {} hạn {}", p.id, p.label, p.due.to_vietnamese())).map(|_| ())?;
    }
    Ok(())
}

/// `tiendo plan show`.
pub fn plan_show(
    data: &Path,
    plan: Option<&tiendo_core::ids::PlanId>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let plan = crate::plans::plan(&DataDir::new(data), plan)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &plan)?;
        line(out, format_args!(""))
    } else {
        print_plan(&plan, out)
    }
}

/// `tiendo plan import-text FILE`.
pub fn import_text(
    file: &Path,
    data: &Path,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    let registry = match dir.workspace() {
        Ok(ws) => ws.agencies,
        Err(CliError::NotInitialised(_)) => tiendo_core::builtin::tra_vinh_registry()?,
        Err(e) => return Err(e),
    };
    let parsed = crate::plans::parse_file(file, &registry, err)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &parsed.plan)?;
        line(out, format_args!(""))
    } else {
        print_plan(&parsed.plan, out)
    }
}

/// Issues a new access code for an agency and prints it once.
pub fn agency_code(
    data: &Path,
    agency: &str,
    policy: crate::accounts::CodePolicy,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    let found = issuable(&dir.workspace()?, agency)?;
    let mut accounts = crate::accounts::Accounts::load(&dir)?;
    let code =
        accounts.issue(found.id.clone(), crate::accounts::random_bytes::<26>()?, crate::accounts::now_ms(), policy);
    accounts.save(&dir)?;
    tell_code(&found, &code, policy, out)
}

/// The agency `agency` names, if it may be given a code (it exists and has not ended).
pub fn issuable(ws: &tiendo_core::schema::WorkspaceDoc, agency: &str) -> Result<tiendo_core::model::Agency, CliError> {
    let found = tiendo_core::ids::AgencyId::new(agency)
        .ok()
        .and_then(|id| ws.agencies.get(&id).cloned())
        .ok_or_else(|| CliError::UnknownAgency(agency.to_owned()))?;
    if !found.is_active() {
        return Err(tiendo_core::model::RegistryError::Ended(found.id).into());
    }
    Ok(found)
}

/// Prints a new code, once.
pub fn tell_code(
    found: &tiendo_core::model::Agency,
    code: &str,
    policy: crate::accounts::CodePolicy,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    line(out, format_args!("Mã truy cập mới của {} ({}): {code}", found.name, found.id))?;
    line(
        out,
        format_args!(
            "Mã này chỉ hiện một lần; dùng được cho {} máy trong {} ngày. Mã cũ (nếu có) đã bị thu hồi.",
            policy.laptops, policy.days
        ),
    )
}

/// A day given on the command line (yyyy-mm-dd or dd/mm/yyyy); today in Vietnam if none.
pub fn day_arg(s: Option<&str>) -> Result<tiendo_core::Day, CliError> {
    match s.map(tiendo_core::Day::parse_typed) {
        Some(Ok(Some(day))) => Ok(day),
        Some(Ok(None)) | None => Ok(tiendo_core::Day::today_in_vietnam()),
        Some(Err(e)) => Err(CliError::BadDay(e.to_string())),
    }
}
