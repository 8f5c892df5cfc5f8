//! Sync: client sessions converging through a gated server loop, and what a reconnect costs.

mod common;

use automerge::sync::{self, SyncDoc};
use automerge::AutoCommit;
use common::sync_world::*;
use tiendo_core::sync::{receive_checked, ClientSession, Inbound, Rights, WireMessage};

/// A server loop: answers joins and gates sync messages, as the real server does.
fn serve(
    rights: &Rights,
    doc_id: &str,
    doc: &mut AutoCommit,
    state: &mut sync::State,
    bytes: &[u8],
    conn: u8,
) -> Vec<Vec<u8>> {
    match WireMessage::decode(bytes).expect("message") {
        WireMessage::Join { sender, .. } => {
            vec![WireMessage::Peer { sender: "server".into(), target: sender, version: "1".into() }.encode()]
        }
        WireMessage::Sync { doc: id, sender, data, .. } => {
            assert_eq!(id, doc_id);
            let mut out = Vec::new();
            if let Err(e) = receive_checked(doc, state, &data, rights, &id, by(&from(conn)), MAY_WAIT) {
                out.push(
                    WireMessage::Refused {
                        doc: id.clone(),
                        sender: "server".into(),
                        target: sender.clone(),
                        reason: e.to_string(),
                        code: Some(e.code()),
                    }
                    .encode(),
                );
            }
            if let Some(m) = doc.sync().generate_sync_message(state) {
                out.push(
                    WireMessage::Sync { doc: id, sender: "server".into(), target: sender, data: m.encode() }.encode(),
                );
            }
            out
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// Runs a client session against the server loop until both are quiet. Returns what the client
/// heard.
fn converge(rights: &Rights, id: &str, server: &mut AutoCommit, client_doc: &mut AutoCommit, n: u8) -> Vec<Inbound> {
    let mut session = ClientSession::new(device(n).as_str());
    let had_changes = client_doc.get_changes(&[]).iter().any(|c| c.actor_id() == &actor(n));
    assert_eq!(session.unconfirmed(id, client_doc) > 0, had_changes);
    let mut state = sync::State::new();
    let mut heard = Vec::new();
    let mut to_server = vec![session.hello()];
    for _ in 0..20 {
        let mut to_client = Vec::new();
        for m in to_server.drain(..) {
            to_client.extend(serve(rights, id, server, &mut state, &m, n));
        }
        for m in to_client {
            match session.receive(&m).expect("inbound") {
                Inbound::Sync { doc, data } => {
                    session.apply(&doc, client_doc, &data).expect("apply");
                }
                other => heard.push(other),
            }
        }
        to_server.extend(session.outgoing(id, client_doc));
        if to_server.is_empty() {
            break;
        }
    }
    if !heard.iter().any(|h| matches!(h, Inbound::Refused { .. })) {
        assert_eq!(session.unconfirmed(id, client_doc), 0);
    }
    heard
}

#[test]
fn two_laptops_of_one_agency_converge_through_the_server() {
    let w = world();
    let (id, genesis_doc) = &w.reports[0];
    let mut server = genesis_doc.clone();
    let mut a = write_report(genesis_doc, actor(1), "laptop A");
    let mut b = genesis_doc.clone().with_actor(actor(1));
    converge(&w.rights, id, &mut server, &mut a, 1);
    converge(&w.rights, id, &mut server, &mut b, 1);
    assert_eq!(first_results(&b), "laptop A");
    assert_eq!(server.get_heads(), b.get_heads());
}

#[test]
fn a_refused_client_hears_why_and_the_server_keeps_its_document() {
    let w = world();
    let (id, genesis_doc) = &w.reports[0];
    let mut server = genesis_doc.clone();
    let before = server.save();
    let mut forger = write_report(genesis_doc, actor(2), "giả mạo");
    let heard = converge(&w.rights, id, &mut server, &mut forger, 2);
    assert!(heard.iter().any(|h| matches!(h, Inbound::Refused { doc, .. } if doc == id)), "{heard:?}");
    assert_eq!(server.save(), before);
}

/// Syncs `session` with the server loop until quiet; returns the bytes of every frame.
fn exchange(
    w: &World,
    id: &str,
    server: &mut AutoCommit,
    state: &mut sync::State,
    session: &mut ClientSession,
    doc: &mut AutoCommit,
) -> Vec<usize> {
    let mut frames = Vec::new();
    for _ in 0..10 {
        let Some(m) = session.outgoing(id, doc) else { break };
        frames.push(m.len());
        for reply in serve(&w.rights, id, server, state, &m, 1) {
            frames.push(reply.len());
            if let Inbound::Sync { doc: d, data } = session.receive(&reply).expect("in") {
                session.apply(&d, doc, &data).expect("apply");
            }
        }
    }
    frames
}

fn ready(session: &mut ClientSession) {
    let peer = WireMessage::Peer { sender: "server".into(), target: "x".into(), version: "1".into() };
    assert_eq!(session.receive(&peer.encode()).expect("peer"), Inbound::Ready);
}

#[test]
fn an_idle_reconnect_costs_a_few_hundred_bytes_whatever_the_history() {
    let w = world();
    let (id, genesis_doc) = &w.reports[0];
    let mut costs = Vec::new();
    for edits in [10, 400] {
        let mut server = genesis_doc.clone();
        let mut laptop = genesis_doc.clone();
        for i in 0..edits {
            laptop = write_report(&laptop, actor(1), &format!("bản {i}"));
        }
        let mut session = ClientSession::new(device(1).as_str());
        ready(&mut session);
        let mut kept = sync::State::new();
        exchange(&w, id, &mut server, &mut kept, &mut session, &mut laptop);
        assert_eq!(server.get_heads(), laptop.get_heads());
        assert_eq!(session.unconfirmed(id, &mut laptop), 0);
        let persisted = session.persisted(id).expect("state");
        // Reconnect: the laptop with its persisted state, the server with the state it kept.
        let mut again = ClientSession::new(device(1).as_str());
        again.restore(id, &persisted);
        ready(&mut again);
        let mut resumed = tiendo_core::sync::resume_state(&kept);
        let frames = exchange(&w, id, &mut server, &mut resumed, &mut again, &mut laptop);
        costs.push(frames.iter().sum::<usize>());
        // After a server restart it has no state for the laptop: one answer more.
        let mut again = ClientSession::new(device(1).as_str());
        again.restore(id, &persisted);
        ready(&mut again);
        let frames = exchange(&w, id, &mut server, &mut sync::State::new(), &mut again, &mut laptop);
        costs.push(frames.iter().sum::<usize>());
    }
    eprintln!("idle reconnect bytes (10 changes: kept, restarted; 400 changes: kept, restarted): {costs:?}");
    assert!(costs[0] <= 300 && costs[2] <= 300, "{costs:?}");
    assert_eq!(costs[0], costs[2], "the cost must not grow with the history");
    assert_eq!(costs[1], costs[3], "the cost must not grow with the history");
}

#[test]
fn a_sync_state_persisted_ahead_of_its_document_still_syncs() {
    let w = world();
    let (id, genesis_doc) = &w.reports[0];
    let mut server = write_report(genesis_doc, actor(1), "trên máy chủ");
    let mut session = ClientSession::new(device(1).as_str());
    ready(&mut session);
    let mut synced = genesis_doc.clone();
    exchange(&w, id, &mut server, &mut sync::State::new(), &mut session, &mut synced);
    let persisted = session.persisted(id).expect("state");
    // The laptop lost the document's last chunk but kept the sync state.
    let mut lost = genesis_doc.clone();
    let mut again = ClientSession::new(device(1).as_str());
    again.restore(id, &persisted);
    ready(&mut again);
    exchange(&w, id, &mut server, &mut sync::State::new(), &mut again, &mut lost);
    assert_eq!(first_results(&lost), "trên máy chủ");
}
