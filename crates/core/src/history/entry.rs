//! History and conflicts as people read them: each change with its device, agency and person,
//! the time in Vietnam, and how it arrived.

use super::arrival::{Arrival, ArrivalLog};
use super::conflicts::{scalar_conflicts, Conflict};
use super::field::{Field, FieldValue};
use super::texts::{concurrent_texts, ConcurrentText};
use super::walk::{field_changes, report_changes, FieldChange};
use crate::day::Day;
use crate::hex;
use crate::ids::{AgencyId, DeviceId};
use crate::model::AgencyReports;
use crate::schema::WorkspaceDoc;
use crate::sync::Rights;
use automerge::{ActorId, AutoCommit, ChangeHash};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Who made a change, as far as the workspace knows its device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// The device (the first bytes of the change's actor), if the actor has the layout.
    pub device: Option<DeviceId>,
    /// The name the device was registered with.
    pub device_name: Option<String>,
    /// The device's agency, if registered.
    pub agency: Option<AgencyId>,
    /// The person's name, as last typed when submitting from that device.
    pub person: Option<String>,
}

/// The devices of a workspace, and who last submitted from each.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Authors {
    devices: HashMap<DeviceId, (AgencyId, String)>,
    people: HashMap<DeviceId, String>,
}

impl Authors {
    /// The devices the workspace registered, with the names typed on `reports`' submissions.
    pub fn of(ws: &WorkspaceDoc, reports: Option<&AgencyReports>) -> Self {
        let devices = ws.devices.iter().map(|d| (d.id.clone(), (d.agency.clone(), d.name.clone()))).collect();
        let mut people = HashMap::new();
        for s in reports.iter().flat_map(|r| &r.periods).flat_map(|p| &p.submissions) {
            if !s.by.trim().is_empty() {
                people.insert(s.device.clone(), s.by.clone());
            }
        }
        Self { devices, people }
    }

    /// The author of a change by `actor`.
    pub fn of_actor(&self, actor: &ActorId) -> Author {
        self.author(Rights::device_of(actor))
    }

    /// A device as an author (the signer of a sync file, the other end of a connection).
    pub fn of_device(&self, device: &DeviceId) -> Author {
        self.author(Some(device.clone()))
    }

    fn author(&self, device: Option<DeviceId>) -> Author {
        let known = device.as_ref().and_then(|d| self.devices.get(d));
        Author {
            agency: known.map(|(a, _)| a.clone()),
            device_name: known.map(|(_, n)| n.clone()).filter(|n| !n.is_empty()),
            person: device.as_ref().and_then(|d| self.people.get(d)).cloned(),
            device,
        }
    }
}

/// One change to one field, as `tiendo report history` prints it (docs/json.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The device's clock, in Vietnam's time; `None` when the change carries no time.
    pub time: Option<String>,
    /// The change, hex.
    pub change: String,
    /// Who.
    #[serde(flatten)]
    pub author: Author,
    /// The field.
    pub field: Field,
    /// Its value before the change.
    pub before: FieldValue,
    /// Its value after.
    pub after: FieldValue,
    /// When and how the change reached the place that recorded it, if recorded.
    pub via: Option<ArrivalEntry>,
}

/// An arrival, in Vietnam's time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrivalEntry {
    /// When.
    pub at: Option<String>,
    /// How.
    #[serde(flatten)]
    pub how: super::arrival::Via,
}

impl ArrivalEntry {
    fn of(a: &Arrival) -> Self {
        Self { at: Day::vietnam_time(a.at_ms), how: a.via.clone() }
    }
}

fn time_of(time_s: i64) -> Option<String> {
    (time_s > 0).then(|| Day::vietnam_time(time_s.saturating_mul(1000))).flatten()
}

/// Which fields a history is of.
#[derive(Debug, Clone, Copy)]
pub enum Of<'a> {
    /// These fields (one field's panel, a task's fields): quick.
    Fields(&'a [Field]),
    /// Every field of a period's report, also those added later.
    Period(&'a crate::ids::PeriodId),
}

/// The history of some fields, newest first (by the devices' clocks).
pub fn history(doc: &mut AutoCommit, authors: &Authors, arrivals: &ArrivalLog, of: Of<'_>) -> Vec<HistoryEntry> {
    let changes = match of {
        Of::Fields(fields) => field_changes(doc, fields),
        Of::Period(period) => report_changes(doc, |f| &f.period == period),
    };
    let mut changes = changes;
    // Newest first by the devices' clocks; changes of one moment (or with no time) in the
    // reverse of the order they were made in.
    changes.reverse();
    changes.sort_by_key(|c| std::cmp::Reverse(c.time_s));
    changes.into_iter().map(|c| entry(c, authors, arrivals)).collect()
}

fn entry(c: FieldChange, authors: &Authors, arrivals: &ArrivalLog) -> HistoryEntry {
    HistoryEntry {
        time: time_of(c.time_s),
        change: hex::encode(&c.change.0),
        author: authors.of_actor(&c.actor),
        field: c.field,
        before: c.before,
        after: c.after,
        via: arrivals.get(&c.change).map(ArrivalEntry::of),
    }
}

/// What kind of conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A single value (status, %, figure …) holding several values at once: one must be chosen.
    Value,
    /// A text written on several devices without seeing each other, merged by character.
    Text,
}

/// A field holding several values, or a text edited concurrently, as `tiendo report conflicts`
/// prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictEntry {
    /// The document.
    pub doc: String,
    /// The field.
    pub field: Field,
    /// Which kind.
    pub kind: ConflictKind,
    /// Each value (for a text: each device's version), with who wrote it and when.
    pub values: Vec<ContenderEntry>,
    /// For a text: how it reads merged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged: Option<String>,
}

/// One of a conflict's values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContenderEntry {
    /// The value.
    pub value: FieldValue,
    /// Who wrote it.
    #[serde(flatten)]
    pub author: Author,
    /// The device's clock when it was written.
    pub time: Option<String>,
    /// The change, hex, if found.
    pub change: Option<String>,
}

fn contender(
    value: FieldValue,
    actor: &ActorId,
    time_s: i64,
    change: Option<ChangeHash>,
    authors: &Authors,
) -> ContenderEntry {
    ContenderEntry {
        value,
        author: authors.of_actor(actor),
        time: time_of(time_s),
        change: change.map(|h| hex::encode(&h.0)),
    }
}

/// The open conflicts of one reports document: values first, then texts.
pub fn conflicts(doc_id: &str, doc: &mut AutoCommit, authors: &Authors) -> Vec<ConflictEntry> {
    let values = scalar_conflicts(doc).into_iter().map(|c: Conflict| ConflictEntry {
        doc: doc_id.to_owned(),
        kind: ConflictKind::Value,
        values: c.values.into_iter().map(|v| contender(v.value, &v.actor, v.time_s, v.change, authors)).collect(),
        field: c.field,
        merged: None,
    });
    let texts = concurrent_texts(doc).into_iter().map(|t: ConcurrentText| ConflictEntry {
        doc: doc_id.to_owned(),
        kind: ConflictKind::Text,
        values: t
            .sides
            .into_iter()
            .map(|s| contender(FieldValue::Text(s.text), &s.actor, s.time_s, Some(s.change), authors))
            .collect(),
        field: t.field,
        merged: Some(t.merged),
    });
    values.chain(texts).collect()
}
