//! What the sync tests share: the Trà Vinh workspace with five registered laptops, their
//! reports, and sync messages between documents.
use automerge::sync::{self, SyncDoc};
use automerge::{ActorId, AutoCommit};
use tiendo_core::builtin::{tra_vinh_2020, tra_vinh_workspace};
use tiendo_core::ids::DeviceId;
use tiendo_core::model::{Device, TaskStatus};
use tiendo_core::schema::genesis::{self, empty_reports, plan_doc, reports_doc_id, workspace_doc};
use tiendo_core::schema::{self, edit, ReportsDoc, WorkspaceDoc};
use tiendo_core::sync::{Attestations, Rights, Sender};

pub use super::{agency, device_id as device, key, OFFICE, TC as TAICHINH, YTE};

/// Bytes of changes waiting for a dependency that a document may still take.
pub const MAY_WAIT: usize = 1 << 20;

/// What device `n`'s own connection (or signed file) brings, with no attestations.
pub fn from(n: u8) -> (DeviceId, Attestations) {
    (device(n), Attestations::default())
}

pub fn by(f: &(DeviceId, Attestations)) -> Sender<'_> {
    Sender { device: &f.0, attested: &f.1, is_server_file: false }
}

/// An actor of device `n` (its 16 bytes and 4 of a tab).
pub fn actor(n: u8) -> ActorId {
    let a = Rights::actor_for(&device(n), [9, 9, 9, 9]);
    assert!(Rights::is_of(&a, &device(n)) && !Rights::is_of(&a, &device(n.wrapping_add(1))));
    a
}

pub struct World {
    pub ws: WorkspaceDoc,
    pub rights: Rights,
    pub plan: AutoCommit,
    pub reports: Vec<(String, AutoCommit)>,
}

/// The devices of [`world`]: 1 and 4 of Sở Y tế, 2 of Sở Tài chính, 3 of the office, 5 the
/// server (an office device the workspace names as its server).
pub const DEVICES: [(u8, &str); 5] = [(1, YTE), (2, TAICHINH), (3, OFFICE), (4, YTE), (5, OFFICE)];

/// The Trà Vinh workspace with the [`DEVICES`], each with its key.
pub fn world() -> World {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let mut ws = workspace_doc(tra_vinh_workspace(), registry.clone(), &[&parsed.plan]);
    for (n, a) in DEVICES {
        ws.devices.push(Device {
            id: device(n),
            agency: agency(a),
            public_key: key(n).public_hex(),
            name: format!("laptop {n}"),
            registered_at_ms: 0,
        });
    }
    ws.workspace.server = Some(device(5));
    let rights = Rights::from_workspace(&ws);
    let plan = genesis::genesis(&plan_doc(parsed.plan.clone())).expect("plan");
    let reports = [YTE, TAICHINH]
        .iter()
        .map(|a| {
            let doc = genesis::genesis(&empty_reports(&parsed.plan, &registry, &agency(a))).expect("reports");
            (reports_doc_id(&parsed.plan.id, &agency(a)), doc)
        })
        .collect();
    World { ws, rights, plan, reports }
}

/// Writes "results" into the first task of the first period, as `actor`.
pub fn write_report(doc: &AutoCommit, actor: ActorId, text: &str) -> AutoCommit {
    let mut doc = doc.clone().with_actor(actor);
    let value: ReportsDoc = schema::read(&doc).expect("read");
    let period = value.reports.periods[0].period.clone();
    let task = value.reports.periods[0].tasks[0].task.clone();
    edit::edit_task(&mut doc, &period, &task, |t| {
        t.results = text.into();
        t.status = Some(TaskStatus::InProgress);
    })
    .expect("edit");
    doc.commit();
    doc
}

/// One sync message from `from` (which has changes) to a peer holding `to`.
pub fn message_from(from: &mut AutoCommit, to: &AutoCommit) -> Vec<u8> {
    // Let `from` learn what `to` holds, then produce the message with the changes.
    let mut to = to.clone();
    let (mut s_from, mut s_to) = (sync::State::new(), sync::State::new());
    let hello = to.sync().generate_sync_message(&mut s_to).expect("hello");
    from.sync().receive_sync_message(&mut s_from, hello).expect("receive");
    from.sync().generate_sync_message(&mut s_from).expect("changes").encode()
}

pub fn first_results(doc: &AutoCommit) -> String {
    let value: ReportsDoc = schema::read(doc).expect("read");
    value.reports.periods[0].tasks[0].results.to_string()
}
