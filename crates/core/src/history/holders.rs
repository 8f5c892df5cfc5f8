//! Which field each object of a reports document holds: read once from the document as it is
//! now, then grown with each text a change makes at a field's key. With it, the period's history
//! finds a change's fields from the change's own ops; a diff of the document per change costs
//! many times more, and is kept for the changes that wrote objects the document no longer holds.

use super::field::{Field, GeneralPart, Place, TargetPart, TaskPart};
use super::tree::{child, read_str};
use super::walk::{legacy_key, obj_key, ObjKey};
use crate::ids::{PeriodId, TargetId, TaskId};
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, Value, ROOT};
use std::collections::{HashMap, HashSet};

/// A map of the report's tree whose keys are fields.
enum Holder {
    Task(PeriodId, TaskId),
    Target(PeriodId, TargetId),
    General(PeriodId),
    Submission(PeriodId),
}

impl Holder {
    /// The field stored under `key`, if that key is one (an item's id is not).
    fn field(&self, key: &str) -> Option<Field> {
        let (period, place) = match self {
            Holder::Task(p, task) => (p, Place::Task { task: task.clone(), part: TaskPart::from_key(key)? }),
            Holder::Target(p, target) => {
                (p, Place::Target { target: target.clone(), part: TargetPart::from_key(key)? })
            }
            Holder::General(p) => (p, Place::General { part: GeneralPart::from_key(key)? }),
            // Who submitted: the rest of a submission (its device, time, heads) is not shown.
            Holder::Submission(p) if key == "by" => (p, Place::Submission),
            Holder::Submission(_) => return None,
        };
        Some(Field { period: period.clone(), place })
    }
}

/// A field, with the object and key that hold its value.
pub(super) type FieldSpot = (Field, ObjId, String);

/// What a change's ops wrote.
pub(super) enum Touched {
    /// These fields (perhaps none: the change wrote only the tree's structure).
    Fields(Vec<FieldSpot>),
    /// An object the document no longer holds (a removed item, a text that lost a conflict in a
    /// container since removed): only a diff can tell which field it was.
    Unknown,
}

/// The objects of one reports document and what each holds.
#[derive(Default)]
pub(super) struct Holders {
    holders: HashMap<ObjKey, (ObjId, Holder)>,
    /// Each text ever seen at a field's key: its holder and key.
    texts: HashMap<ObjKey, (ObjId, Field, String)>,
    /// The root, `reports`, `periods`, each period and its lists, a submission's heads: writes
    /// there change no field.
    structure: HashSet<ObjKey>,
}

impl Holders {
    /// The objects of `doc` as it is now.
    pub(super) fn of(doc: &AutoCommit) -> Self {
        let mut me = Self::default();
        me.structure.insert(obj_key(&ROOT));
        let Some(reports) = child(doc, &ROOT, "reports") else { return me };
        me.structure.insert(obj_key(&reports));
        let Some(periods) = child(doc, &reports, "periods") else { return me };
        me.structure.insert(obj_key(&periods));
        for i in 0..doc.length(&periods) {
            let Ok(Some((Value::Object(ObjType::Map), period))) = doc.get(&periods, i) else { continue };
            me.structure.insert(obj_key(&period));
            let Some(id) = read_str(doc, &period, "period").and_then(|p| PeriodId::new(p).ok()) else { continue };
            for item in me.list_items(doc, &period, "tasks") {
                if let Some(task) = read_str(doc, &item, "task").and_then(|t| TaskId::new(t).ok()) {
                    me.hold(doc, item, Holder::Task(id.clone(), task));
                }
            }
            for item in me.list_items(doc, &period, "targets") {
                if let Some(target) = read_str(doc, &item, "target").and_then(|t| TargetId::new(t).ok()) {
                    me.hold(doc, item, Holder::Target(id.clone(), target));
                }
            }
            if let Some(general) = child(doc, &period, "general") {
                me.hold(doc, general, Holder::General(id.clone()));
            }
            for item in me.list_items(doc, &period, "submissions") {
                if let Some(heads) = child(doc, &item, "heads") {
                    me.structure.insert(obj_key(&heads));
                }
                me.hold(doc, item, Holder::Submission(id.clone()));
            }
        }
        me
    }

    /// The map items of the list `name` in `obj`; the list itself is structure, even when empty.
    fn list_items(&mut self, doc: &AutoCommit, obj: &ObjId, name: &str) -> Vec<ObjId> {
        let Some(list) = child(doc, obj, name) else { return Vec::new() };
        self.structure.insert(obj_key(&list));
        (0..doc.length(&list))
            .filter_map(|i| match doc.get(&list, i).ok()?? {
                (Value::Object(ObjType::Map), item) => Some(item),
                _ => None,
            })
            .collect()
    }

    /// Keeps `holder` for `obj`, with the texts now at its field keys (all of them while in
    /// conflict).
    fn hold(&mut self, doc: &AutoCommit, obj: ObjId, holder: Holder) {
        for key in doc.keys(&obj).collect::<Vec<_>>() {
            let Some(field) = holder.field(&key) else { continue };
            for (value, id) in doc.get_all(&obj, key.as_str()).unwrap_or_default() {
                if let Value::Object(ObjType::Text) = value {
                    self.texts.insert(obj_key(&id), (obj.clone(), field.clone(), key.clone()));
                }
            }
        }
        self.holders.insert(obj_key(&obj), (obj, holder));
    }

    /// The fields `change` wrote, read from its ops; each object it makes at a field's key is
    /// kept as that field's from now on (the walk goes in causal order).
    pub(super) fn touched(&mut self, change: &automerge::Change) -> Touched {
        use automerge::legacy::{Key, OpType};
        let change = change.decode();
        let actor = change.actor_id.to_bytes().to_vec();
        let mut spots: Vec<FieldSpot> = Vec::new();
        let mut add = |spot: FieldSpot| {
            if !spots.iter().any(|(f, ..)| f == &spot.0) {
                spots.push(spot);
            }
        };
        for (i, op) in change.operations.iter().enumerate() {
            let obj = legacy_key(&op.obj);
            if let Some((container, field, key)) = self.texts.get(&obj) {
                add((field.clone(), container.clone(), key.clone()));
                continue;
            }
            if let Some((container, holder)) = self.holders.get(&obj) {
                let Key::Map(key) = &op.key else { continue };
                let Some(field) = holder.field(key) else { continue };
                if let OpType::Make(_) = op.action {
                    let made = (change.start_op.get() + i as u64, actor.clone());
                    self.texts.insert(made, (container.clone(), field.clone(), key.to_string()));
                }
                add((field, container.clone(), key.to_string()));
                continue;
            }
            if !self.structure.contains(&obj) {
                return Touched::Unknown;
            }
        }
        Touched::Fields(spots)
    }
}
