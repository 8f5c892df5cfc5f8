//! Fields that hold several values at once: two devices set a status, a percentage or a figure
//! without seeing each other's change. Automerge keeps every such value (`get_all`) and reads
//! one of them by actor order; here each is named with the device and time that wrote it.

use super::change_index::ChangeIndex;
use super::field::{Field, FieldValue, Place, TargetPart, TaskPart};
use super::tree::{child, items, read_str};
use crate::ids::{PeriodId, TargetId, TaskId};
use automerge::{ActorId, AutoCommit, ChangeHash, ObjId, ObjType, ReadDoc, Value, ROOT};

/// One of the values a field holds at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Contender {
    /// The value.
    pub value: FieldValue,
    /// Who wrote it.
    pub actor: ActorId,
    /// The change that wrote it, if found.
    pub change: Option<ChangeHash>,
    /// The device's clock when it was written, Unix seconds (0: unknown).
    pub time_s: i64,
}

/// A field with several values at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The field.
    pub field: Field,
    /// Its values, in the order Automerge keeps them (the one shown by default last).
    pub values: Vec<Contender>,
}

/// Every field of a reports document that holds several values now: a task's status and
/// percentage, a target's figure (as typed), milestone, day and note.
pub fn scalar_conflicts(doc: &mut AutoCommit) -> Vec<Conflict> {
    let changes = ChangeIndex::of(doc);
    let mut out = Vec::new();
    let Some(periods) = child(doc, &ROOT, "reports").and_then(|r| child(doc, &r, "periods")) else { return out };
    for p in 0..doc.length(&periods) {
        let Some((Value::Object(ObjType::Map), period_obj)) = doc.get(&periods, p).ok().flatten() else { continue };
        let Some(period) = read_str(doc, &period_obj, "period").and_then(|s| PeriodId::new(s).ok()) else { continue };
        for (item, id) in items(doc, &period_obj, "tasks", "task") {
            let Ok(task) = TaskId::new(id) else { continue };
            for part in TaskPart::ALL.iter().copied().filter(|p| p.is_scalar()) {
                let place = Place::Task { task: task.clone(), part };
                push(doc, &changes, &item, part.key(), Field { period: period.clone(), place }, &mut out);
            }
        }
        for (item, id) in items(doc, &period_obj, "targets", "target") {
            let Ok(target) = TargetId::new(id) else { continue };
            // The figure follows what was typed: one conflict, on what the user sees.
            let typed_conflicts = doc.get_all(&item, TargetPart::Typed.key()).map(|v| v.len() > 1).unwrap_or(false);
            for part in TargetPart::ALL.iter().copied() {
                if part == TargetPart::Value && typed_conflicts {
                    continue;
                }
                let place = Place::Target { target: target.clone(), part };
                push(doc, &changes, &item, part.key(), Field { period: period.clone(), place }, &mut out);
            }
        }
    }
    out
}

fn push(doc: &AutoCommit, changes: &ChangeIndex, obj: &ObjId, key: &str, field: Field, out: &mut Vec<Conflict>) {
    let Ok(all) = doc.get_all(obj, key) else { return };
    if all.len() < 2 {
        return;
    }
    let values = all
        .into_iter()
        .filter_map(|(value, id)| {
            let value = match value {
                Value::Scalar(s) => FieldValue::of_scalar(&s),
                Value::Object(_) => return None,
            };
            let automerge::ObjId::Id(counter, actor, _) = id else { return None };
            let (change, time_s) = changes.find(&actor, counter).unwrap_or((None, 0));
            Some(Contender { value, actor, change, time_s })
        })
        .collect::<Vec<_>>();
    if values.len() > 1 {
        out.push(Conflict { field, values });
    }
}
