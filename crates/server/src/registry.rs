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
use tiendo_core::ids::{AgencyId, GroupId};
use tiendo_core::model::{Agency, AgencyGroup, AgencyKind, FormerName, GroupChange, Registry, RegistryChange};
use tiendo_core::schema::edit::{self, RegistryEditError};
use tiendo_core::schema::WorkspaceDoc;
use tiendo_core::Day;

/// A change the office makes to its registry from the CLI: to an agency, or to a group.
#[derive(Debug, Clone)]
pub enum Edit {
    /// Add, rename, merge or retire an agency.
    Agency(RegistryChange),
    /// Name a group, or put an agency in one or take it out.
    Group(GroupChange),
}

/// What an edit concerned.
#[derive(Debug, Clone)]
pub enum Edited {
    /// This agency.
    Agency(AgencyId),
    /// This group.
    Group(GroupId),
}

impl Edit {
    /// Applies the edit to the workspace document as of `on`; a refusal writes nothing.
    pub fn apply(&self, doc: &mut automerge::AutoCommit, on: Day) -> Result<Edited, RegistryEditError> {
        match self {
            Edit::Agency(c) => edit::change_registry(doc, c, on).map(Edited::Agency),
            Edit::Group(c) => edit::change_groups(doc, c).map(Edited::Group),
        }
    }
    /// The agency whose access the edit ends (merged or retired).
    pub fn ends(&self) -> Option<&AgencyId> {
        match self {
            Edit::Agency(RegistryChange::Merge { from, .. } | RegistryChange::Retire { id: from }) => Some(from),
            _ => None,
        }
    }
}

/// Applies `change` as of `on` (today if not given) and says what it did.
pub fn change(data: &Path, change: &Edit, on: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let on = crate::commands::day_arg(on)?;
    let dir = DataDir::new(data);
    let Some(_lock) = dir.try_lock()? else { return Err(CliError::ServerRunning(data.to_owned())) };
    dir.recover()?;
    let server = ServerDevice::load_or_create(&dir)?;
    let (mut doc, _) = dir.load_doc::<tiendo_core::schema::WorkspaceDoc>(WORKSPACE_DOC)?;
    doc.set_actor(server.actor());
    let edited = change.apply(&mut doc, on).map_err(|e| match e {
        RegistryEditError::Refused(e) => CliError::Registry(e),
        RegistryEditError::Doc(source) => CliError::Doc { path: dir.doc_path(WORKSPACE_DOC), source },
    })?;
    tiendo_core::changes::commit_at(&mut doc, now_ms());
    dir.write_doc(WORKSPACE_DOC, &doc.save())?;
    let ws = dir.workspace()?;
    // Its laptops stop with the change: no code, no credential (the hub also refuses its
    // devices, should a credential come from elsewhere).
    let revoked = match change.ends() {
        Some(from) => {
            let mut accounts = Accounts::load(&dir)?;
            let revoked = accounts.end_agency(from);
            accounts.save(&dir)?;
            revoked
        }
        None => 0,
    };
    writeln!(out, "{}", said(change, &ws, &edited, on, revoked)).map_err(CliError::io("stdout"))
}

/// What the office is told a registry change did.
pub fn said(change: &Edit, ws: &WorkspaceDoc, edited: &Edited, on: Day, revoked: usize) -> String {
    let (change, id) = match (change, edited) {
        (Edit::Agency(c), Edited::Agency(id)) => (c, id),
        (_, Edited::Group(id)) => {
            let group = AgencyGroup::from_id(id);
            let n = ws.agencies.members_of(&group).len();
            return format!("Đã cập nhật nhóm {} ({id}): {n} cơ quan.", group_name(&ws.agencies, &group));
        }
        (Edit::Group(_), Edited::Agency(id)) => return format!("Đã cập nhật {id}."),
    };
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

/// A group's name as the CLI prints it (the standing groups' in Vietnamese).
pub fn group_name(r: &Registry, g: &AgencyGroup) -> String {
    match g {
        AgencyGroup::AllDepartments => "Các sở, ban, ngành tỉnh".into(),
        AgencyGroup::AllDistricts => "UBND các huyện, thị xã, thành phố".into(),
        AgencyGroup::AllCommunes => "UBND các xã, phường, đặc khu".into(),
        AgencyGroup::Named(_) => r.group_name(g).unwrap_or_else(|| g.id().to_string()),
    }
}

/// One row of `agency group list --json` (the shape in docs/json.md).
#[derive(Debug, Serialize)]
struct GroupRow {
    id: String,
    name: String,
    standing: bool,
    members: Vec<AgencyId>,
    put_in: Vec<AgencyId>,
    left_out: Vec<AgencyId>,
}

/// `tiendo agency group list`.
pub fn print_groups(ws: &WorkspaceDoc, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let r = &ws.agencies;
    let rows: Vec<GroupRow> = r
        .all_groups()
        .into_iter()
        .map(|g| {
            let kept = r.group(&g);
            GroupRow {
                id: g.id().to_string(),
                name: group_name(r, &g),
                standing: !matches!(g, AgencyGroup::Named(_)),
                members: r.members_of(&g),
                put_in: kept.map(|k| k.members.clone()).unwrap_or_default(),
                left_out: kept.map(|k| k.excluded.clone()).unwrap_or_default(),
            }
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out).map_err(CliError::io("stdout"));
    }
    for g in &rows {
        writeln!(out, "{:<24} {:>4} cơ quan  {}", g.id, g.members.len(), g.name).map_err(CliError::io("stdout"))?;
    }
    Ok(())
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
