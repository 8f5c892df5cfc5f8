//! The sync hub without IO: events in, effects out, the way the runner drives it.

use automerge::AutoCommit;
use tiendo_core::file::DeviceKey;
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::Device;
use tiendo_core::schema::genesis::{empty_reports, genesis};
use tiendo_core::schema::{edit, ReportsDoc};
use tiendo_core::sync::{ClientSession, Inbound, Rights};
use tiendo_server::backend::Backend;
use tiendo_server::identity::ServerDevice;
use tiendo_server::store::DataDir;
use tiendo_server::sync::{ConnId, Effect, Hub, Peer};

const YTE: &str = "so-y-te";
const REPORT: &str = "reports.01-qd-ubnd-2020.so-y-te";

async fn hub_with_laptop(device: &DeviceId) -> (tempfile::TempDir, Hub) {
    let dir = tempfile::tempdir().expect("tmp");
    let data = DataDir::new(dir.path());
    data.init_builtin().expect("init");
    let docs = Backend::Dir(data).docs().await.expect("docs");
    let server = ServerDevice {
        id: DeviceId::new("aa".repeat(16)).expect("id"),
        agency: AgencyId::new("vp-ubnd").expect("id"),
        key: DeviceKey::from_secret([7; 32]),
    };
    let mut hub = Hub::load(docs, server).expect("hub");
    let agency = AgencyId::new(YTE).expect("id");
    let laptop =
        Device { id: device.clone(), agency, public_key: String::new(), name: "x".into(), registered_at_ms: 0 };
    hub.register_device(laptop).expect("registered");
    (dir, hub)
}

/// What the hub sends on `conn`, read by `session` (syncing `doc`); returns the bytes to send
/// back, if any.
fn answer(session: &mut ClientSession, doc: &mut AutoCommit, conn: ConnId, effects: &[Effect]) -> Vec<Vec<u8>> {
    let mut back = Vec::new();
    for e in effects {
        if let Effect::Send(to, bytes) = e {
            if *to != conn {
                continue;
            }
            if let Ok(Inbound::Sync { data, .. }) = session.receive(bytes) {
                session.apply(REPORT, doc, &data).expect("apply");
            }
            back.extend(session.outgoing(REPORT, doc));
        }
    }
    back
}

#[tokio::test]
async fn after_a_failed_write_the_hub_writes_the_changes_again_before_telling_any_peer_it_holds_them() {
    let device = DeviceId::new("01".repeat(16)).expect("id");
    let (_dir, mut hub) = hub_with_laptop(&device).await;
    let peer = Peer { device: device.clone(), agency: AgencyId::new(YTE).expect("id") };
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let mut doc = genesis(&empty_reports(&parsed.plan, &registry, &peer.agency)).expect("genesis");
    doc.set_actor(Rights::actor_for(&device, [1, 2, 3, 4]));
    let value: ReportsDoc = tiendo_core::schema::read(&doc).expect("read");
    let (p, t) = (value.reports.periods[0].period.clone(), value.reports.periods[0].tasks[0].task.clone());
    edit::edit_task(&mut doc, &p, &t, |t| t.results = "Chưa lưu được".into()).expect("edit");
    doc.commit();

    // The laptop sends its change; the write of it fails (the database is away).
    hub.connect(1, peer.clone());
    let mut session = ClientSession::new(device.as_str());
    let mut pending = vec![session.hello()];
    let mut failed = false;
    for _ in 0..10 {
        let Some(bytes) = pending.pop() else { break };
        let effects = hub.receive(1, &bytes);
        for e in &effects {
            if let Effect::Persist(chunk) = e {
                if chunk.key.parts()[0] == REPORT {
                    hub.give_back(vec![tiendo_core::storage::Write::Chunk(chunk.clone())]);
                    failed = true;
                }
            }
        }
        if failed {
            break;
        }
        pending.extend(answer(&mut session, &mut doc, 1, &effects));
        if session.is_ready() && pending.is_empty() {
            pending.extend(session.outgoing(REPORT, &mut doc));
        }
    }
    assert!(failed, "the change reached the hub");
    hub.disconnect(1);

    // The laptop connects again. Whatever the hub says about the report comes after a new write
    // of the change: saying it holds the change before that would let the laptop count it safe.
    hub.connect(2, peer);
    let mut again = ClientSession::new(device.as_str());
    let effects = hub.receive(2, &again.hello());
    let said = answer(&mut again, &mut doc, 2, &effects).pop().expect("a sync message");
    let effects = hub.receive(2, &said);
    let persisted = effects.iter().position(|e| matches!(e, Effect::Persist(c) if c.key.parts()[0] == REPORT));
    let told = effects.iter().position(|e| matches!(e, Effect::Send(2, _)));
    assert!(persisted.is_some(), "the unsaved change is written again: {effects:?}");
    assert!(told.is_none_or(|t| persisted.is_some_and(|p| p < t)), "written before the laptop is told");
}
