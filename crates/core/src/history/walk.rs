//! Every change of a reports document, field by field: built from Automerge's changes and the
//! values each field held at a change's dependencies and with the change, so that it works
//! the same on a laptop offline, on the server, and after a USB exchange.

use super::field::{Field, FieldValue, GeneralPart, Place, TargetPart, TaskPart};
use super::holders::{FieldSpot, Holders, Touched};
use super::tree::locate_field;
use crate::ids::{PeriodId, TargetId, TaskId};
use automerge::{ActorId, AutoCommit, ChangeHash, ObjId, ObjType, PatchAction, Prop, ReadDoc, ScalarValue, Value};
use std::collections::{HashMap, HashSet};

/// One change to one field: what it held just before the change and just after.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The change.
    pub change: ChangeHash,
    /// Its actor (the device's id, then the tab's bytes).
    pub actor: ActorId,
    /// The device's clock when the change was closed, Unix seconds (0: not stamped).
    pub time_s: i64,
    /// The field.
    pub field: Field,
    /// Its value at the change's dependencies.
    pub before: FieldValue,
    /// Its value with the change.
    pub after: FieldValue,
}

/// Every change to the given fields, oldest first (in causal order: a change comes after what it
/// depends on). Each change's effect is the field's values with the change against its values at
/// the change's dependencies; in a linear stretch of history those are what the previous change
/// left, kept from the step before, so a change costs one read per field, where a diff of the
/// whole document per change costs a hundred times more. A change that wrote a field without
/// changing what it says is left out; one that settled a conflict (even by keeping the value
/// shown) is in.
pub fn field_changes(doc: &mut AutoCommit, fields: &[Field]) -> Vec<FieldChange> {
    let located: Vec<(&Field, ObjId, &str)> =
        fields.iter().filter_map(|f| locate_field(doc, f).map(|(obj, key)| (f, obj, key))).collect();
    let mut left: Vec<HashMap<ChangeHash, Values>> = vec![HashMap::new(); located.len()];
    // Where each field lives: its key in its container, and each text ever made at that key.
    let mut watched: Vec<HashSet<Spot>> =
        located.iter().map(|(_, c, key)| HashSet::from([(obj_key(c), Some((*key).to_owned()))])).collect();
    let mut out = Vec::new();
    // Every change at once: asked one by one (`get_change_by_hash`), Automerge collects each from
    // the whole op set again, which was most of this walk's time.
    let all = doc.get_changes(&[]);
    let changes: HashMap<ChangeHash, &automerge::Change> = all.iter().map(|c| (c.hash(), c)).collect();
    for m in metas(doc) {
        let touched = changes.get(&m.hash).and_then(|c| touched_objects(c, &located, &mut watched));
        for (((field, container, key), left), watched) in located.iter().zip(left.iter_mut()).zip(&watched) {
            let previous = match m.deps.as_slice() {
                [previous] => left.get(previous).cloned(),
                _ => None,
            };
            // A change after one other that wrote none of the field's objects leaves it as it
            // was: reading a value at past heads is what costs.
            if let (Some(kept), Some(touched)) = (&previous, &touched) {
                if watched.is_disjoint(touched) {
                    left.insert(m.hash, kept.clone());
                    continue;
                }
            }
            let after = values_at(doc, container, key, &[m.hash]);
            let before = previous.unwrap_or_else(|| values_at(doc, container, key, &m.deps));
            if !same_values(&before, &after) {
                out.push(FieldChange {
                    change: m.hash,
                    actor: m.actor.clone(),
                    time_s: m.time_s,
                    field: (*field).clone(),
                    before: shown(&before),
                    after: shown(&after),
                });
            }
            left.insert(m.hash, after);
        }
    }
    out
}

/// An object's identity in both of Automerge's spellings: its creating op's counter and actor
/// (the root is counter 0).
pub(super) type ObjKey = (u64, Vec<u8>);

/// Where an op writes: a key of a map, or anywhere in a text (`None`).
type Spot = (ObjKey, Option<String>);

pub(super) fn obj_key(obj: &ObjId) -> ObjKey {
    match obj {
        ObjId::Root => (0, Vec::new()),
        ObjId::Id(counter, actor, _) => (*counter, actor.to_bytes().to_vec()),
    }
}

pub(super) fn legacy_key(obj: &automerge::legacy::ObjectId) -> ObjKey {
    match obj {
        automerge::legacy::ObjectId::Root => (0, Vec::new()),
        automerge::legacy::ObjectId::Id(automerge::legacy::OpId(counter, actor)) => {
            (*counter, actor.to_bytes().to_vec())
        }
    }
}

/// Where `change` writes (`None` if it cannot be read), adding to `watched` each text it makes
/// at a watched field's key.
fn touched_objects(
    change: &automerge::Change,
    located: &[(&Field, ObjId, &str)],
    watched: &mut [HashSet<Spot>],
) -> Option<HashSet<Spot>> {
    use automerge::legacy::{Key, OpType};
    let change = change.decode();
    let actor = change.actor_id.to_bytes().to_vec();
    let mut touched = HashSet::new();
    for (i, op) in change.operations.iter().enumerate() {
        let obj = legacy_key(&op.obj);
        let Key::Map(k) = &op.key else {
            touched.insert((obj, None));
            continue;
        };
        if let OpType::Make(_) = op.action {
            for ((_, container, key), watched) in located.iter().zip(watched.iter_mut()) {
                if obj == obj_key(container) && k.as_str() == *key {
                    watched.insert(((change.start_op.get() + i as u64, actor.clone()), None));
                }
            }
        }
        touched.insert((obj, Some(k.to_string())));
    }
    Some(touched)
}

/// The values a field holds at some heads: one, or several while in conflict (the one shown
/// last, as Automerge orders them).
type Values = Vec<FieldValue>;

fn values_at(doc: &AutoCommit, container: &ObjId, key: &str, heads: &[ChangeHash]) -> Values {
    let all = doc.get_all_at(container, key, heads).unwrap_or_default();
    all.into_iter()
        .map(|(value, id)| match value {
            Value::Scalar(s) => FieldValue::of_scalar(&s),
            Value::Object(ObjType::Text) => doc.text_at(&id, heads).map(FieldValue::Text).unwrap_or(FieldValue::Empty),
            Value::Object(_) => FieldValue::Empty,
        })
        .collect()
}

fn shown(values: &Values) -> FieldValue {
    values.last().cloned().unwrap_or(FieldValue::Empty)
}

fn same_values(a: &Values, b: &Values) -> bool {
    a.len().max(1) == b.len().max(1) && shown(a).same_as(&shown(b)) && a.iter().zip(b).all(|(x, y)| x.same_as(y))
}

/// What the history needs of a change's metadata.
struct Meta {
    hash: ChangeHash,
    deps: Vec<ChangeHash>,
    actor: ActorId,
    time_s: i64,
}

fn metas(doc: &mut AutoCommit) -> Vec<Meta> {
    doc.get_changes_meta(&[])
        .into_iter()
        .map(|m| Meta { hash: m.hash, deps: m.deps, actor: m.actor.into_owned(), time_s: m.timestamp })
        .collect()
}

/// Every change to any field `wanted` accepts (also fields not known in advance: a period or a
/// task added later), oldest first. Which fields a change wrote is read from its ops (see
/// `holders.rs`), and from a diff of the change only where it wrote an object the document no
/// longer holds. For one field or a task's, [`field_changes`] is quicker still.
pub fn report_changes(doc: &mut AutoCommit, wanted: impl Fn(&Field) -> bool) -> Vec<FieldChange> {
    walk_report(doc, wanted, Read::Ops)
}

/// How the period's walk finds the fields a change wrote.
#[derive(Clone, Copy, PartialEq)]
enum Read {
    /// From the change's ops, and by a diff only where they wrote an object no longer there.
    Ops,
    /// By a diff of every change (the slow way, kept to check the quick one against).
    #[cfg(test)]
    Diffs,
}

fn walk_report(doc: &mut AutoCommit, wanted: impl Fn(&Field) -> bool, read: Read) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut holders = Holders::of(doc);
    let all = doc.get_changes(&[]);
    let changes: HashMap<ChangeHash, &automerge::Change> = all.iter().map(|c| (c.hash(), c)).collect();
    // What each field's holder and key said after the change that last wrote it, and where in
    // the walk: within one linear stretch (each change on the one before), that is also what it
    // said before the next change that writes it, which spares reading it at past heads.
    let mut left: HashMap<(ObjKey, String), (usize, FieldValue)> = HashMap::new();
    let (mut stretch, mut previous) = (0, None);
    for (at, m) in metas(doc).into_iter().enumerate() {
        if m.deps.len() != 1 || m.deps.first() != previous.as_ref() {
            stretch = at;
        }
        previous = Some(m.hash);
        let touched = match changes.get(&m.hash).map(|c| holders.touched(c)) {
            Some(Touched::Fields(spots)) if read == Read::Ops => spots,
            _ => by_diff(doc, &m),
        };
        let after = [m.hash];
        for (field, container, key) in touched.into_iter().filter(|(f, ..)| wanted(f)) {
            let spot = (obj_key(&container), key);
            let before = match left.get(&spot) {
                Some((written, value)) if *written >= stretch && read == Read::Ops => value.clone(),
                _ => value_at(doc, &container, &spot.1, &m.deps),
            };
            let now = value_at(doc, &container, &spot.1, &after);
            left.insert(spot.clone(), (at, now.clone()));
            if !before.same_as(&now) || was_conflicted(doc, &container, &spot.1, &m.deps) {
                out.push(FieldChange {
                    change: m.hash,
                    actor: m.actor.clone(),
                    time_s: m.time_s,
                    field,
                    before,
                    after: now,
                });
            }
        }
    }
    out
}

/// The fields change `m` wrote, from the patches between its dependencies and itself.
fn by_diff(doc: &mut AutoCommit, m: &Meta) -> Vec<FieldSpot> {
    let after = [m.hash];
    let mut touched: Vec<FieldSpot> = Vec::new();
    for patch in doc.diff(&m.deps, &after) {
        let Some(prop) = action_prop(&patch.action) else { continue };
        let mut steps = patch.path;
        steps.push((patch.obj, prop));
        if let Some(found) = locate(doc, &steps, &after).or_else(|| locate(doc, &steps, &m.deps)) {
            if !touched.iter().any(|(f, ..)| f == &found.0) {
                touched.push(found);
            }
        }
    }
    touched
}

/// The value of `key` in `container` at `heads`: a scalar, a text's content, or nothing (also when
/// the container did not exist yet).
pub fn value_at(doc: &AutoCommit, container: &ObjId, key: &str, heads: &[ChangeHash]) -> FieldValue {
    match doc.get_at(container, key, heads) {
        Ok(Some((Value::Scalar(s), _))) => FieldValue::of_scalar(&s),
        Ok(Some((Value::Object(ObjType::Text), text))) => {
            doc.text_at(&text, heads).map(FieldValue::Text).unwrap_or(FieldValue::Empty)
        }
        _ => FieldValue::Empty,
    }
}

/// Whether `key` held several values at `heads`: a change that writes it then settles a
/// conflict, and belongs in the history even when it keeps the value that was shown.
fn was_conflicted(doc: &AutoCommit, container: &ObjId, key: &str, heads: &[ChangeHash]) -> bool {
    doc.get_all_at(container, key, heads).is_ok_and(|all| all.len() > 1)
}

/// The property a patch changes inside its object.
fn action_prop(action: &PatchAction) -> Option<Prop> {
    Some(match action {
        PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => Prop::Map(key.clone()),
        PatchAction::PutSeq { index, .. }
        | PatchAction::Insert { index, .. }
        | PatchAction::SpliceText { index, .. }
        | PatchAction::DeleteSeq { index, .. } => Prop::Seq(*index),
        PatchAction::Increment { prop, .. } | PatchAction::Conflict { prop } => prop.clone(),
        PatchAction::Mark { .. } => return None,
    })
}

/// The field a patch's path (from the root, the patched property last) lands in, with the
/// object and key that hold the field's value. The layout is `reports.periods[i]`, then
/// `tasks[j].part`, `targets[j].part`, `general.part` or `submissions[j].by`.
fn locate(doc: &AutoCommit, steps: &[(ObjId, Prop)], heads: &[ChangeHash]) -> Option<(Field, ObjId, String)> {
    let key = |i: usize| match &steps.get(i)?.1 {
        Prop::Map(k) => Some(k.as_str()),
        Prop::Seq(_) => None,
    };
    if key(0)? != "reports" || key(1)? != "periods" {
        return None;
    }
    let period_obj = &steps.get(3)?.0;
    let period = PeriodId::new(read_str(doc, period_obj, "period", heads)?).ok()?;
    let (container, part, place) = match key(3)? {
        "tasks" => {
            let (item, part) = (&steps.get(5)?.0, key(5)?);
            let task = TaskId::new(read_str(doc, item, "task", heads)?).ok()?;
            (item, part, Place::Task { task, part: TaskPart::from_key(part)? })
        }
        "targets" => {
            let (item, part) = (&steps.get(5)?.0, key(5)?);
            let target = TargetId::new(read_str(doc, item, "target", heads)?).ok()?;
            (item, part, Place::Target { target, part: TargetPart::from_key(part)? })
        }
        "general" => {
            let (item, part) = (&steps.get(4)?.0, key(4)?);
            (item, part, Place::General { part: GeneralPart::from_key(part)? })
        }
        "submissions" => {
            let (item, part) = (&steps.get(5)?.0, key(5)?);
            if part != "by" {
                return None;
            }
            (item, part, Place::Submission)
        }
        _ => return None,
    };
    Some((Field { period, place }, container.clone(), part.to_owned()))
}

fn read_str(doc: &AutoCommit, obj: &ObjId, key: &str, heads: &[ChangeHash]) -> Option<String> {
    match doc.get_at(obj, key, heads).ok()?? {
        (Value::Scalar(s), _) => match s.as_ref() {
            ScalarValue::Str(t) => Some(t.to_string()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
#[path = "walk_tests.rs"]
mod tests;
