//! A laptop's own schema check of what the server sends: changes that break a document are not
//! taken, the laptop keeps what it had, and it stops syncing that document for the session.

use automerge::sync::{self, SyncDoc};
use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit, ReadDoc, ROOT};
use tiendo_core::builtin::tra_vinh_2020;
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::TaskStatus;
use tiendo_core::schema::genesis::{self, empty_reports, reports_doc_id};
use tiendo_core::schema::{self, edit, ReportsDoc};
use tiendo_core::sync::{ClientError, ClientSession, Inbound, WireMessage};

fn device() -> DeviceId {
    DeviceId::new(tiendo_core::hex::encode(&[1; 16])).expect("device")
}

/// The laptop's actor: its device and a tab.
fn laptop_actor() -> ActorId {
    tiendo_core::sync::Rights::actor_for(&device(), [9, 9, 9, 9])
}

/// Sở Y tế's reports document as every device makes it, and its id.
fn reports() -> (String, AutoCommit) {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let yte = AgencyId::new("so-y-te").expect("id");
    let doc = genesis::genesis(&empty_reports(&parsed.plan, &registry, &yte)).expect("reports");
    (reports_doc_id(&parsed.plan.id, &yte).to_string(), doc)
}

/// Runs the laptop's session against a server that checks nothing, until quiet. Returns the
/// errors the session gave.
fn sync_with(
    id: &str,
    server: &mut AutoCommit,
    session: &mut ClientSession,
    laptop: &mut AutoCommit,
) -> Vec<ClientError> {
    let peer = WireMessage::Peer { sender: "server".into(), target: "x".into(), version: "1".into() };
    assert_eq!(session.receive(&peer.encode()).expect("peer"), Inbound::Ready);
    let mut state = sync::State::new();
    let mut errors = Vec::new();
    for _ in 0..10 {
        let Some(m) = session.outgoing(id, laptop) else { break };
        let WireMessage::Sync { data, .. } = WireMessage::decode(&m).expect("wire") else { panic!("not sync") };
        server.sync().receive_sync_message(&mut state, sync::Message::decode(&data).expect("msg")).expect("server");
        let Some(reply) = server.sync().generate_sync_message(&mut state) else { continue };
        if let Err(e) = session.apply(id, laptop, &reply.encode()) {
            errors.push(e);
        }
    }
    errors
}

#[test]
fn changes_from_the_server_that_break_a_document_are_not_taken_and_the_laptop_keeps_its_own() {
    let (id, genesis_doc) = reports();
    // The laptop has typed into its report.
    let mut laptop = genesis_doc.clone().with_actor(laptop_actor());
    let value: ReportsDoc = schema::read(&laptop).expect("read");
    let (period, task) = (value.reports.periods[0].period.clone(), value.reports.periods[0].tasks[0].task.clone());
    edit::edit_task(&mut laptop, &period, &task, |t| t.status = Some(TaskStatus::InProgress)).expect("edit");
    laptop.commit();
    let mine = laptop.get_heads();
    // A server that checks nothing holds a change deleting the reports map.
    let mut server = genesis_doc.clone().with_actor(ActorId::from(vec![7; 20]));
    server.delete(ROOT, "reports").expect("delete");
    server.commit();

    let mut session = ClientSession::new(device().as_str());
    let errors = sync_with(&id, &mut server, &mut session, &mut laptop);
    assert!(matches!(errors.as_slice(), [ClientError::BreaksSchema { doc, .. }] if *doc == id), "{errors:?}");
    assert_eq!(laptop.get_heads(), mine, "the laptop keeps exactly what it had");
    assert!(schema::read::<ReportsDoc, _>(&laptop).is_ok());
    assert_eq!(laptop.get_actor(), &laptop_actor(), "its next edits are still its own");
    assert_eq!(session.outgoing(&id, &mut laptop), None, "nothing more is said about it this session");
}

#[test]
fn good_changes_still_come_in_and_a_document_broken_before_the_check_goes_on_syncing() {
    let (id, genesis_doc) = reports();
    let mut server = genesis_doc.clone().with_actor(ActorId::from(vec![7; 20]));
    server.put(ROOT, "note", "from the server").expect("put");
    server.commit();
    let mut laptop = genesis_doc.clone().with_actor(laptop_actor());
    let errors = sync_with(&id, &mut server, &mut ClientSession::new(device().as_str()), &mut laptop);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(laptop.get_heads(), server.get_heads());

    // Received broken before laptops checked: it stays as it is and takes what comes next.
    laptop.delete(ROOT, "reports").expect("delete");
    laptop.commit();
    server.put(ROOT, "note", "later").expect("put");
    server.commit();
    let errors = sync_with(&id, &mut server, &mut ClientSession::new(device().as_str()), &mut laptop);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(laptop.get(ROOT, "note").expect("get").map(|(v, _)| v.to_string()).as_deref(), Some("\"later\""));
}
