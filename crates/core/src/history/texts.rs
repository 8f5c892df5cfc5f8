//! Texts written on two devices without seeing each other. Automerge merges them character by
//! character, so both sentences end up glued together and nobody is told; here such a text is
//! found, with each side's version next to the merged one, until someone edits it again having
//! seen both (or the app's reader marks it as read).
//!
//! A text's latest writers are the changes whose characters are still visible, less those that a
//! later such change already saw. Two or more of them from different devices: the text was
//! edited concurrently.

use super::change_index::ChangeIndex;
use super::field::{Field, GeneralPart, Place, TaskPart};
use super::tree::{child, items, read_str};
use crate::ids::{PeriodId, TaskId};
use crate::sync::Rights;
use automerge::{ActorId, AutoCommit, ChangeHash, ObjId, ObjType, ReadDoc, Value, ROOT};
use std::collections::{BTreeSet, HashSet};

/// One side of a concurrently edited text: the text as that change left it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextSide {
    /// The change.
    pub change: ChangeHash,
    /// Its actor.
    pub actor: ActorId,
    /// The device's clock, Unix seconds.
    pub time_s: i64,
    /// The text as that change left it, on its device.
    pub text: String,
}

/// A text edited on several devices without seeing each other.
#[derive(Debug, Clone, PartialEq)]
pub struct ConcurrentText {
    /// The field.
    pub field: Field,
    /// Each device's version, oldest first.
    pub sides: Vec<TextSide>,
    /// The merged text, as it reads now.
    pub merged: String,
}

/// Every text of a reports document (tasks' results, difficulties and proposals, the general
/// parts) whose latest writers are on different devices.
pub fn concurrent_texts(doc: &mut AutoCommit) -> Vec<ConcurrentText> {
    let index = ChangeIndex::of(doc);
    // One device's document (the usual case) cannot hold a concurrent edit of two devices:
    // no need to read every character of every text.
    if index.devices() < 2 {
        return Vec::new();
    }
    text_objects(doc).into_iter().filter_map(|(field, text)| concurrent(doc, &index, field, &text)).collect()
}

fn concurrent(doc: &AutoCommit, index: &ChangeIndex, field: Field, text: &ObjId) -> Option<ConcurrentText> {
    let mut writers: BTreeSet<ChangeHash> = BTreeSet::new();
    let mut actors: Vec<(ChangeHash, ActorId, i64)> = Vec::new();
    for item in doc.list_range(text, ..) {
        let ObjId::Id(counter, actor, _) = item.id() else { continue };
        if let Some((Some(change), time_s)) = index.find(&actor, counter) {
            if writers.insert(change) {
                actors.push((change, actor, time_s));
            }
        }
    }
    let devices: HashSet<_> = actors.iter().map(|(_, a, _)| Rights::device_of(a)).collect();
    if devices.len() < 2 {
        return None;
    }
    let seen: HashSet<ChangeHash> = writers.iter().flat_map(|w| index.ancestors(w)).collect();
    let latest: Vec<&(ChangeHash, ActorId, i64)> = actors.iter().filter(|(c, ..)| !seen.contains(c)).collect();
    let latest_devices: HashSet<_> = latest.iter().map(|(_, a, _)| Rights::device_of(a)).collect();
    if latest_devices.len() < 2 {
        return None;
    }
    let mut sides: Vec<TextSide> = latest
        .into_iter()
        .map(|(change, actor, time_s)| TextSide {
            change: *change,
            actor: actor.clone(),
            time_s: *time_s,
            text: doc.text_at(text, &[*change]).unwrap_or_default(),
        })
        .collect();
    sides.sort_by_key(|s| s.time_s);
    Some(ConcurrentText { field, sides, merged: doc.text(text).unwrap_or_default() })
}

/// Every text object of the document, with its field.
fn text_objects(doc: &AutoCommit) -> Vec<(Field, ObjId)> {
    let mut out = Vec::new();
    let Some(periods) = child(doc, &ROOT, "reports").and_then(|r| child(doc, &r, "periods")) else { return out };
    let text = |obj: &ObjId, key: &str| match doc.get(obj, key).ok()?? {
        (Value::Object(ObjType::Text), id) => Some(id),
        _ => None,
    };
    for p in 0..doc.length(&periods) {
        let Some((Value::Object(ObjType::Map), period_obj)) = doc.get(&periods, p).ok().flatten() else { continue };
        let Some(period) = read_str(doc, &period_obj, "period").and_then(|s| PeriodId::new(s).ok()) else { continue };
        for (item, id) in items(doc, &period_obj, "tasks", "task") {
            let Ok(task) = TaskId::new(id) else { continue };
            for part in TaskPart::ALL.iter().copied().filter(|p| !p.is_scalar()) {
                if let Some(obj) = text(&item, part.key()) {
                    let place = Place::Task { task: task.clone(), part };
                    out.push((Field { period: period.clone(), place }, obj));
                }
            }
        }
        if let Some(general) = child(doc, &period_obj, "general") {
            for part in GeneralPart::ALL.iter().copied() {
                if let Some(obj) = text(&general, part.key()) {
                    out.push((Field { period: period.clone(), place: Place::General { part } }, obj));
                }
            }
        }
    }
    out
}
