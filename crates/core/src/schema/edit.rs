//! Targeted edits of a reports document: one period is read and written, not the whole
//! document, so that a keystroke costs the same in January as in December.

use super::{codec, DocError, Document, ReportsDoc};
use crate::ids::{PeriodId, TargetId, TaskId};
use crate::model::{GeneralParts, PeriodReport, TargetValue, TaskReport};
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT};

fn object(doc: &AutoCommit, obj: &ObjId, prop: &str) -> Option<ObjId> {
    match doc.get(obj, prop).ok().flatten() {
        Some((Value::Object(ObjType::Map | ObjType::List), id)) => Some(id),
        _ => None,
    }
}

/// The index of the element of `list` whose `field` is the string `key`.
fn find_in(doc: &AutoCommit, list: &ObjId, field: &str, key: &str) -> Option<usize> {
    (0..doc.length(list)).find(|&i| {
        let Some((Value::Object(_), elem)) = doc.get(list, i).ok().flatten() else { return false };
        matches!(doc.get(&elem, field).ok().flatten(),
            Some((Value::Scalar(s), _)) if matches!(s.as_ref(), ScalarValue::Str(p) if p.as_str() == key))
    })
}

/// The list of periods and the index of `period` in it, if present.
pub fn locate_period(doc: &AutoCommit, period: &PeriodId) -> Option<(ObjId, usize)> {
    let reports = object(doc, &ROOT, "reports")?;
    let list = object(doc, &reports, "periods")?;
    let at = find_in(doc, &list, "period", period.as_str())?;
    Some((list, at))
}

/// The object of one period's report.
fn period_object(doc: &AutoCommit, period: &PeriodId) -> Option<ObjId> {
    let (list, at) = locate_period(doc, period)?;
    match doc.get(&list, at).ok().flatten() {
        Some((Value::Object(ObjType::Map), id)) => Some(id),
        _ => None,
    }
}

/// Applies `f` to one entry of a keyed list inside a period (`tasks` by `task`, `targets` by
/// `target`) and writes back only that entry. When the genesis lacks it, the whole period is
/// written, with the entry `entry` picks or starts.
fn edit_entry<T: autosurgeon::Hydrate + autosurgeon::Reconcile + Clone>(
    doc: &mut AutoCommit,
    period: &PeriodId,
    (list_name, key_field, key): (&str, &str, &str),
    f: impl FnOnce(&mut T),
    entry: impl Fn(&mut PeriodReport) -> &mut T,
) -> Result<T, DocError> {
    let found = period_object(doc, period)
        .and_then(|p| object(doc, &p, list_name))
        .and_then(|list| find_in(doc, &list, key_field, key).map(|at| (list, at)));
    if let Some((list, at)) = found {
        let mut value: T = autosurgeon::hydrate_prop(doc, &list, at as u32)?;
        f(&mut value);
        autosurgeon::reconcile_prop(doc, &list, at as u32, value.clone())?;
        return Ok(value);
    }
    let mut written = edit_period(doc, period, |p| f(entry(p)))?;
    Ok(entry(&mut written).clone())
}

/// Applies `f` to one task's report in one period; writes only that task's report.
pub fn edit_task(
    doc: &mut AutoCommit,
    period: &PeriodId,
    task: &TaskId,
    f: impl FnOnce(&mut TaskReport),
) -> Result<TaskReport, DocError> {
    edit_entry(doc, period, ("tasks", "task", task.as_str()), f, |p| p.task_mut(task))
}

/// Applies `f` to one target's value in one period; writes only that value.
pub fn edit_target(
    doc: &mut AutoCommit,
    period: &PeriodId,
    target: &TargetId,
    f: impl FnOnce(&mut TargetValue),
) -> Result<TargetValue, DocError> {
    edit_entry(doc, period, ("targets", "target", target.as_str()), f, |p| p.target_mut(target))
}

/// Applies `f` to the general parts of one period; writes only those.
pub fn edit_general(
    doc: &mut AutoCommit,
    period: &PeriodId,
    f: impl FnOnce(&mut GeneralParts),
) -> Result<GeneralParts, DocError> {
    if let Some(p) = period_object(doc, period) {
        let mut value: GeneralParts = autosurgeon::hydrate_prop(doc, &p, "general")?;
        f(&mut value);
        autosurgeon::reconcile_prop(doc, &p, "general", value.clone())?;
        return Ok(value);
    }
    edit_period(doc, period, |p| f(&mut p.general)).map(|p| p.general)
}

/// Reads one period's report.
pub fn read_period(doc: &AutoCommit, period: &PeriodId) -> Result<Option<PeriodReport>, DocError> {
    match locate_period(doc, period) {
        Some((list, at)) => Ok(Some(autosurgeon::hydrate_prop(doc, &list, at as u32)?)),
        None => Ok(None),
    }
}

/// Applies `f` to one period's report and writes back only that period (adding the period, by
/// a whole-document write, if an amendment created it after the genesis). Returns the new value.
pub fn edit_period(
    doc: &mut AutoCommit,
    period: &PeriodId,
    f: impl FnOnce(&mut PeriodReport),
) -> Result<PeriodReport, DocError> {
    if let Some((list, at)) = locate_period(doc, period) {
        let mut value: PeriodReport = autosurgeon::hydrate_prop(doc, &list, at as u32)?;
        f(&mut value);
        autosurgeon::reconcile_prop(doc, &list, at as u32, value.clone())?;
        return Ok(value);
    }
    let mut whole: ReportsDoc = codec::read(doc)?;
    let value = {
        let p = whole.reports.period_mut(period);
        f(p);
        p.clone()
    };
    codec::write(doc, &whole)?;
    Ok(value)
}

/// Appends a device to the workspace document's device list, writing only the new entry.
pub fn add_device(doc: &mut AutoCommit, device: crate::model::Device) -> Result<(), DocError> {
    let Some(list) = object(doc, &ROOT, "devices") else {
        return Err(DocError::NoKind { expected: super::WorkspaceDoc::KIND });
    };
    let at = doc.length(&list);
    autosurgeon::reconcile_insert(doc, list, at, device)?;
    Ok(())
}

/// Names `server` as the workspace's sync server (`Workspace::server`).
pub fn set_server(doc: &mut AutoCommit, server: &crate::ids::DeviceId) -> Result<(), DocError> {
    let Some(workspace) = object(doc, &ROOT, "workspace") else {
        return Err(DocError::NoKind { expected: super::WorkspaceDoc::KIND });
    };
    autosurgeon::reconcile_prop(doc, workspace, "server", server)?;
    Ok(())
}

/// Why a change to the workspace's registry was not written. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum RegistryEditError {
    /// The registry refuses the change.
    #[error(transparent)]
    Refused(#[from] crate::model::RegistryError),
    /// The document is not a readable workspace (boxed: it is large and rare).
    #[error(transparent)]
    Doc(Box<DocError>),
}

impl From<DocError> for RegistryEditError {
    fn from(e: DocError) -> Self {
        Self::Doc(Box::new(e))
    }
}

/// Applies a change to the office's groups to the workspace document, writing only the registry
/// (groups keyed by id, so two office laptops that make groups offline keep both).
pub fn change_groups(
    doc: &mut AutoCommit,
    change: &crate::model::GroupChange,
) -> Result<crate::ids::GroupId, RegistryEditError> {
    if object(doc, &ROOT, "agencies").is_none() {
        return Err(DocError::NoKind { expected: super::WorkspaceDoc::KIND }.into());
    }
    let mut registry: crate::model::Registry =
        autosurgeon::hydrate_prop(doc, &ROOT, "agencies").map_err(DocError::from)?;
    let id = registry.change_group(change)?;
    autosurgeon::reconcile_prop(doc, ROOT, "agencies", &registry).map_err(DocError::from)?;
    Ok(id)
}

/// Applies a registry change to the workspace document, as of `on`, writing only the registry
/// (keyed by agency id, so two office laptops that add agencies offline keep both).
pub fn change_registry(
    doc: &mut AutoCommit,
    change: &crate::model::RegistryChange,
    on: crate::day::Day,
) -> Result<crate::ids::AgencyId, RegistryEditError> {
    if object(doc, &ROOT, "agencies").is_none() {
        return Err(DocError::NoKind { expected: super::WorkspaceDoc::KIND }.into());
    }
    let mut registry: crate::model::Registry =
        autosurgeon::hydrate_prop(doc, &ROOT, "agencies").map_err(DocError::from)?;
    let id = registry.change(change, on)?;
    autosurgeon::reconcile_prop(doc, ROOT, "agencies", &registry).map_err(DocError::from)?;
    Ok(id)
}
