//! `tiendo agency add|rename|merge|retire|list`: the office keeps its agency registry. Each
//! change is written to the workspace document by the server's own (office) device, so laptops
//! take it by sync or by file like any other change of the office.
//!
//! A change needs the data directory to itself, as `file invite` does: while `tiendo serve`
//! runs, it owns the documents, and a second writer would race it.

use crate::accounts::{now_ms, Accounts};
use crate::error::CliError;
use crate::identity::ServerDevice;
use crate::store::{DataDir, WORKSPACE_DOC};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use tiendo_core::ids::AgencyId;
use tiendo_core::model::{Agency, AgencyKind, FormerName, RegistryChange};
use tiendo_core::schema::edit::{self, RegistryEditError};
use tiendo_core::schema::WorkspaceDoc;
use tiendo_core::Day;

/// Applies `change` as of `on` (today if not given) and says what it did.
pub fn change(data: &Path, change: &RegistryChange, on: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let on = crate::commands::day_arg(on)?;
    let dir = DataDir::new(data);
    let Some(_lock) = dir.try_lock()? else { return Err(CliError::ServerRunning(data.to_owned())) };
    dir.recover()?;
    let server = ServerDevice::load_or_create(&dir)?;
    let (mut doc, _) = dir.load_doc::<tiendo_core::schema::WorkspaceDoc>(WORKSPACE_DOC)?;
    doc.set_actor(server.actor());
    let id = edit::change_registry(&mut doc, change, on).map_err(|e| match e {
        RegistryEditError::Refused(e) => CliError::Registry(e),
        RegistryEditError::Doc(source) => CliError::Doc { path: dir.doc_path(WORKSPACE_DOC), source },
    })?;
    tiendo_core::changes::commit_at(&mut doc, now_ms());
    dir.write_doc(WORKSPACE_DOC, &doc.save())?;
    let ws = dir.workspace()?;
    let revoked = match change {
        // Its laptops stop with the change: no code, no credential (the hub also refuses its
        // devices, should a credential come from elsewhere).
        RegistryChange::Merge { from, .. } | RegistryChange::Retire { id: from } => {
            let mut accounts = Accounts::load(&dir)?;
            let revoked = accounts.end_agency(from);
            accounts.save(&dir)?;
            revoked
        }
        RegistryChange::Add { .. } | RegistryChange::Rename { .. } => 0,
    };
    writeln!(out, "{}", said(change, &ws, &id, on, revoked)).map_err(CliError::io("stdout"))
}

/// What the office is told a registry change did.
pub fn said(change: &RegistryChange, ws: &WorkspaceDoc, id: &AgencyId, on: Day, revoked: usize) -> String {
    let name = ws.agencies.display_name(id);
    match change {
        RegistryChange::Add { .. } => format!("Đã thêm {name} ({id})."),
        RegistryChange::Rename { id: renamed, .. } => {
            format!("Đã đổi tên {renamed} thành {name}; tên cũ giữ làm tên gọi khác từ {}.", on.to_vietnamese())
        }
        RegistryChange::Merge { from, .. } | RegistryChange::Retire { id: from } => {
            let old = ws.agencies.display_name(from);
            let what = match change {
                RegistryChange::Merge { .. } => format!("Đã sáp nhập {old} ({from}) vào {name} ({id})"),
                _ => format!("Đã cho {old} ({from}) ngừng hoạt động"),
            };
            format!("{what} từ {}; thu hồi mã truy cập và {revoked} máy của đơn vị.", on.to_vietnamese())
        }
    }
}

/// One row of `agency list --json` (the shape in docs/json.md).
#[derive(Debug, Serialize)]
struct AgencyRow<'a> {
    id: &'a str,
    name: &'a str,
    short_name: &'a str,
    kind: AgencyKind,
    aliases: &'a [String],
    /// `active`, `retired` or `merged`.
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ended_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    merged_into: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    former_names: &'a [FormerName],
}

fn state(a: &Agency) -> &'static str {
    match &a.ended {
        None => "active",
        Some(e) if e.merged_into.is_some() => "merged",
        Some(_) => "retired",
    }
}

/// `tiendo agency list`.
pub fn list(data: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    print_list(&DataDir::new(data).workspace()?, json, out)
}

/// Prints the registry of `ws`, as a table or as JSON.
pub fn print_list(ws: &WorkspaceDoc, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json {
        let rows: Vec<AgencyRow<'_>> = ws
            .agencies
            .agencies
            .iter()
            .map(|a| AgencyRow {
                id: a.id.as_str(),
                name: &a.name,
                short_name: &a.short_name,
                kind: a.kind,
                aliases: &a.aliases,
                state: state(a),
                ended_on: a.ended.as_ref().map(|e| e.on.to_string()),
                merged_into: a.ended.as_ref().and_then(|e| e.merged_into.as_ref()).map(|m| m.as_str()),
                former_names: &a.former_names,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out).map_err(CliError::io("stdout"))
    } else {
        for a in &ws.agencies.agencies {
            let ended = match &a.ended {
                None => String::new(),
                Some(e) => match &e.merged_into {
                    Some(into) => format!("  (sáp nhập vào {into} từ {})", e.on.to_vietnamese()),
                    None => format!("  (ngừng hoạt động từ {})", e.on.to_vietnamese()),
                },
            };
            writeln!(out, "{:<16} {:<10} {:<17} {}{ended}", a.id.as_str(), a.short_name, a.kind.as_str(), a.name)
                .map_err(CliError::io("stdout"))?;
        }
        Ok(())
    }
}
