//! What the sync-file tests share: a workspace with three registered laptops, their reports,
//! and exporting and verifying as one of them.
#![allow(dead_code)]

pub mod plans;
pub mod sync_world;

use automerge::{ActorId, AutoCommit};
use std::collections::BTreeMap;
use tiendo_core::builtin::{tra_vinh_2020, tra_vinh_workspace};
use tiendo_core::file::{self, DeviceKey, FileError, Local, Maker, DEFAULT_MAX_BYTES};
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::{Device, TaskStatus};
use tiendo_core::schema::genesis::{self, empty_reports, plan_doc, plan_doc_id, reports_doc_id, workspace_doc};
use tiendo_core::schema::{self, edit, ReportsDoc, WorkspaceDoc};

pub const YTE: &str = "so-y-te";
pub const TC: &str = "so-tai-chinh";
pub const OFFICE: &str = "vp-ubnd";

pub fn agency(s: &str) -> AgencyId {
    AgencyId::new(s).expect("id")
}

pub fn device_id(n: u8) -> DeviceId {
    DeviceId::new(tiendo_core::hex::encode(&[n; 16])).expect("device")
}

pub fn key(n: u8) -> DeviceKey {
    DeviceKey::from_secret([n; 32])
}

pub fn actor(n: u8) -> ActorId {
    let mut b = vec![n; 16];
    b.extend_from_slice(&[7, 7, 7, 7]);
    ActorId::from(b)
}

/// A laptop: the workspace (devices 1 Sở Y tế, 2 Sở Tài chính, 3 the office, each with a key),
/// the plan, and whatever documents it holds.
pub struct Laptop {
    pub ws: WorkspaceDoc,
    pub docs: BTreeMap<String, AutoCommit>,
    /// Attestations taken in from imported files (to hand their changes on).
    pub attested: tiendo_core::sync::Attestations,
}

pub fn laptop() -> Laptop {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let ws = workspace_doc(tra_vinh_workspace(), registry.clone(), &[&parsed.plan]);
    let mut docs = BTreeMap::new();
    docs.insert(plan_doc_id(&parsed.plan.id), genesis::genesis(&plan_doc(parsed.plan.clone())).expect("plan"));
    for a in [YTE, TC] {
        let r = genesis::genesis(&empty_reports(&parsed.plan, &registry, &agency(a))).expect("reports");
        docs.insert(reports_doc_id(&parsed.plan.id, &agency(a)), r);
    }
    let mut l = Laptop { ws, docs, attested: Default::default() };
    for (n, a) in [(1, YTE), (2, TC), (3, OFFICE)] {
        register(&mut l, n, a);
    }
    l
}

/// Registers device `n` (with its key) of agency `a` in the laptop's workspace.
pub fn register(l: &mut Laptop, n: u8, a: &str) {
    l.ws.devices.push(Device {
        id: device_id(n),
        agency: agency(a),
        public_key: key(n).public_hex(),
        name: format!("máy {n}"),
        registered_at_ms: 0,
    });
}

/// A file written by hand, as an attacker or a buggy build would: one report document `doc`
/// given as `bytes` under the heads `heads`, signed by device `n` of agency `a`.
pub fn raw_report_file(l: &Laptop, n: u8, a: &str, doc: &str, heads: Vec<String>, bytes: Vec<u8>) -> Vec<u8> {
    let manifest = file::Manifest {
        format: 1,
        kind: file::FileKind::Export,
        workspace: l.ws.workspace.id.to_string(),
        device: device_id(n).to_string(),
        agency: a.into(),
        created_ms: 0,
        docs: vec![file::DocManifest {
            id: doc.to_owned(),
            kind: tiendo_core::model::DocKind::Reports,
            heads,
            len: 0,
            sha256: String::new(),
        }],
        attestations: Vec::new(),
    };
    file::write_raw(manifest, &[bytes], &key(n))
}

pub fn report_id(a: &str) -> String {
    format!("reports.01-qd-ubnd-2020.{a}")
}

/// Writes the first task of the first period of `a`'s report as device `n`.
pub fn write(l: &mut Laptop, a: &str, n: u8, text: &str) {
    let doc = l.docs.get_mut(&report_id(a)).expect("doc");
    doc.set_actor(actor(n));
    let value: ReportsDoc = schema::read(doc).expect("read");
    let period = value.reports.periods[0].period.clone();
    let task = value.reports.periods[0].tasks[0].task.clone();
    edit::edit_task(doc, &period, &task, |t| {
        t.results = text.into();
        t.status = Some(TaskStatus::InProgress);
    })
    .expect("edit");
    doc.commit();
}

pub fn export_as(l: &mut Laptop, n: u8, a: &str) -> Vec<u8> {
    let ws = l.ws.clone();
    let (k, d, ag) = (key(n), device_id(n), agency(a));
    let maker = Maker { workspace: &ws, device: d.as_str(), agency: &ag, key: &k, now_ms: 1_583_712_000_000 };
    file::export_with(&maker, &mut l.docs, &l.attested)
}

/// An office laptop holding the reports `writes` (agency, device, text), each written on the
/// agency's own laptop and brought to the office by file, as the office relays them.
pub fn relayed_by_office(writes: &[(&str, u8, &str)]) -> Laptop {
    let mut office = laptop();
    for &(a, n, text) in writes {
        let mut own = laptop();
        write(&mut own, a, n, text);
        let file = verify(&office, &export_as(&mut own, n, a)).expect("the agency's file");
        apply(&mut office, file);
    }
    office
}

/// Takes a verified file in: its documents and its attestations.
pub fn apply(l: &mut Laptop, v: file::Verified) {
    for d in v.docs {
        l.docs.insert(d.id, d.merged);
    }
    let rights = tiendo_core::sync::Rights::from_workspace(&l.ws);
    l.attested.insert_all(v.attestations, &rights);
}

pub fn office() -> Laptop {
    let mut l = laptop();
    l.docs.remove(&report_id(YTE));
    l.docs.remove(&report_id(TC));
    l
}

pub fn verify(l: &Laptop, bytes: &[u8]) -> Result<file::Verified, FileError> {
    Local { workspace: &l.ws, docs: &l.docs, attested: &l.attested }.verify(bytes, DEFAULT_MAX_BYTES)
}
