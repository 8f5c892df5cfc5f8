//! Finding the objects of a reports document: `reports.periods[i]` by period, its `tasks` and
//! `targets` items by id, its `general` map.

use super::field::{Field, Place};
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT};

pub(super) fn child(doc: &AutoCommit, obj: &ObjId, key: &str) -> Option<ObjId> {
    match doc.get(obj, key).ok()?? {
        (Value::Object(ObjType::Map | ObjType::List), id) => Some(id),
        _ => None,
    }
}

/// The map items of the list `list` inside `obj`, each with its key field `key`.
pub(super) fn items(doc: &AutoCommit, obj: &ObjId, list: &str, key: &str) -> Vec<(ObjId, String)> {
    let Some(list) = child(doc, obj, list) else { return Vec::new() };
    (0..doc.length(&list))
        .filter_map(|i| match doc.get(&list, i).ok()?? {
            (Value::Object(ObjType::Map), item) => read_str(doc, &item, key).map(|k| (item, k)),
            _ => None,
        })
        .collect()
}

pub(super) fn read_str(doc: &AutoCommit, obj: &ObjId, key: &str) -> Option<String> {
    match doc.get(obj, key).ok()?? {
        (Value::Scalar(s), _) => match s.as_ref() {
            ScalarValue::Str(t) => Some(t.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// The object and key that hold a field's value in the document as it is now; `None` for a
/// submission (a list, not one value) or a field whose period or item is not there.
pub(super) fn locate_field(doc: &AutoCommit, field: &Field) -> Option<(ObjId, &'static str)> {
    let periods = child(doc, &ROOT, "reports").and_then(|r| child(doc, &r, "periods"))?;
    let (period, _) = items_of(doc, &periods, "period").find(|(_, id)| id == field.period.as_str())?;
    match &field.place {
        Place::Task { task, part } => {
            let (item, _) = items(doc, &period, "tasks", "task").into_iter().find(|(_, id)| id == task.as_str())?;
            Some((item, part.key()))
        }
        Place::Target { target, part } => {
            let found = items(doc, &period, "targets", "target").into_iter().find(|(_, id)| id == target.as_str());
            Some((found?.0, part.key()))
        }
        Place::General { part } => Some((child(doc, &period, "general")?, part.key())),
        Place::Submission => None,
    }
}

/// The map items of `list`, each with its key field `key`.
fn items_of<'a>(doc: &'a AutoCommit, list: &'a ObjId, key: &'a str) -> impl Iterator<Item = (ObjId, String)> + 'a {
    (0..doc.length(list)).filter_map(move |i| match doc.get(list, i).ok()?? {
        (Value::Object(ObjType::Map), item) => read_str(doc, &item, key).map(|k| (item, k)),
        _ => None,
    })
}
