//! A laptop's sync decided by the sans-IO driver, run natively against a small server of the
//! same wire protocol: connecting, backing off, holding back documents with open edits, saving
//! a document before its sync state, and refusals — without a browser or a socket.

use automerge::sync::SyncDoc;
use automerge::{transaction::Transactable, AutoCommit, ReadDoc, ROOT};
use std::collections::{BTreeMap, BTreeSet};
use tiendo_core::sync::driver::backoff;
use tiendo_core::sync::{
    DriverEffect, DriverEvent, Link, RefusalCode, ServerErrorCode, SyncDocs, SyncDriver, SyncProblem, WireMessage,
    PROTOCOL_VERSION,
};

const ME: &str = "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a";

/// The laptop's documents, and which have edits open.
#[derive(Default)]
struct Laptop {
    docs: BTreeMap<String, AutoCommit>,
    open: BTreeSet<String>,
}

impl SyncDocs for Laptop {
    fn ids(&self) -> Vec<String> {
        self.docs.keys().cloned().collect()
    }
    fn with_doc(&mut self, id: &str, f: &mut dyn FnMut(&mut AutoCommit)) {
        if let Some(d) = self.docs.get_mut(id) {
            f(d);
        }
    }
    fn held_back(&self, id: &str) -> bool {
        self.open.contains(id)
    }
}

/// The server's side: its documents and a sync state per document.
#[derive(Default)]
struct Server {
    docs: BTreeMap<String, AutoCommit>,
    states: BTreeMap<String, automerge::sync::State>,
}

impl Server {
    /// Answers one message from the laptop; returns the messages it sends back.
    fn answer(&mut self, bytes: &[u8]) -> Vec<Vec<u8>> {
        match WireMessage::decode(bytes).expect("a protocol message") {
            WireMessage::Join { sender, .. } => {
                vec![WireMessage::Peer { sender: "server".into(), target: sender, version: PROTOCOL_VERSION.into() }
                    .encode()]
            }
            WireMessage::Sync { doc, data, sender, .. } => {
                let d = self.docs.entry(doc.clone()).or_default();
                let state = self.states.entry(doc.clone()).or_default();
                let m = automerge::sync::Message::decode(&data).expect("sync message");
                d.sync().receive_sync_message(state, m).expect("applies");
                d.sync()
                    .generate_sync_message(state)
                    .map(|m| {
                        WireMessage::Sync { doc, sender: "server".into(), target: sender, data: m.encode() }.encode()
                    })
                    .into_iter()
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// What the server says first about `doc` (after the laptop joined).
    fn offer(&mut self, doc: &str) -> Option<Vec<u8>> {
        let d = self.docs.get_mut(doc)?;
        let state = self.states.entry(doc.to_owned()).or_default();
        let m = d.sync().generate_sync_message(state)?;
        Some(
            WireMessage::Sync { doc: doc.into(), sender: "server".into(), target: ME.into(), data: m.encode() }
                .encode(),
        )
    }
}

fn doc_with(text: &str) -> AutoCommit {
    let mut d = AutoCommit::new();
    d.put(ROOT, "text", text).expect("put");
    d.commit();
    d
}

fn text(d: &AutoCommit) -> Option<String> {
    d.get(ROOT, "text").ok().flatten().and_then(|(v, _)| v.into_scalar().ok()).and_then(|s| s.into_string().ok())
}

/// Runs effects against the server until nothing more is said; returns every effect seen.
fn converse(
    driver: &mut SyncDriver,
    laptop: &mut Laptop,
    server: &mut Server,
    first: Vec<DriverEffect>,
) -> Vec<DriverEffect> {
    let mut seen = Vec::new();
    let mut queue = first;
    while !queue.is_empty() {
        let mut next = Vec::new();
        for effect in queue {
            match &effect {
                DriverEffect::Send(bytes) => {
                    for reply in server.answer(bytes) {
                        next.extend(driver.handle(DriverEvent::Received(reply), laptop));
                    }
                }
                DriverEffect::LoadAttested => {
                    next.extend(driver.handle(DriverEvent::AttestedLoaded(Vec::new()), laptop))
                }
                DriverEffect::Save { doc, .. } => next.extend(driver.handle(DriverEvent::Stored(doc.clone()), laptop)),
                _ => {}
            }
            seen.push(effect);
        }
        queue = next;
    }
    seen
}

/// A driver connected and joined.
fn online(laptop: &mut Laptop, server: &mut Server) -> (SyncDriver, Vec<DriverEffect>) {
    let mut driver = SyncDriver::new(ME);
    let start = driver.handle(DriverEvent::Start, laptop);
    assert_eq!(start, [DriverEffect::Link(Link::Connecting), DriverEffect::Connect]);
    let opened = driver.handle(DriverEvent::Opened, laptop);
    let seen = converse(&mut driver, laptop, server, opened);
    assert_eq!(driver.link(), Link::Online);
    (driver, seen)
}

#[test]
fn a_laptop_joins_then_sends_what_the_server_lacks_and_takes_what_it_has() {
    let mut laptop = Laptop::default();
    laptop.docs.insert("reports.a".into(), doc_with("Đã triển khai."));
    laptop.docs.insert("workspace".into(), AutoCommit::new());
    let mut server = Server::default();
    server.docs.insert("workspace".into(), doc_with("không gian"));
    let (_, seen) = online(&mut laptop, &mut server);
    assert!(seen.contains(&DriverEffect::Link(Link::Online)));
    assert!(seen.contains(&DriverEffect::Problem(None)), "a problem shown before is cleared");
    assert_eq!(server.docs.get("reports.a").and_then(text).as_deref(), Some("Đã triển khai."));
    assert_eq!(laptop.docs.get("workspace").and_then(text).as_deref(), Some("không gian"));
    // The workspace changed here: saved first, its sync state only after it is stored.
    let save =
        seen.iter().position(|e| matches!(e, DriverEffect::Save { doc, was_empty: true, .. } if doc == "workspace"));
    let state = seen.iter().position(|e| matches!(e, DriverEffect::SaveSyncState { doc, .. } if doc == "workspace"));
    assert!(save.is_some() && state.is_some() && save < state, "{seen:?}");
}

#[test]
fn a_document_not_stored_keeps_its_old_sync_state_so_the_next_session_asks_again() {
    let mut laptop = Laptop::default();
    laptop.docs.insert("workspace".into(), AutoCommit::new());
    let mut server = Server::default();
    server.docs.insert("workspace".into(), doc_with("không gian"));
    let mut driver = SyncDriver::new(ME);
    driver.handle(DriverEvent::Start, &mut laptop);
    let mut queue = driver.handle(DriverEvent::Opened, &mut laptop);
    let mut saw_save = false;
    while let Some(effect) = queue.pop() {
        match effect {
            DriverEffect::Send(bytes) => {
                for reply in server.answer(&bytes) {
                    queue.extend(driver.handle(DriverEvent::Received(reply), &mut laptop));
                }
            }
            DriverEffect::LoadAttested => {
                queue.extend(driver.handle(DriverEvent::AttestedLoaded(Vec::new()), &mut laptop))
            }
            DriverEffect::Save { doc, .. } => {
                saw_save = true;
                let after = driver.handle(DriverEvent::NotStored(doc), &mut laptop);
                assert!(after.iter().all(|e| !matches!(e, DriverEffect::SaveSyncState { .. })), "{after:?}");
            }
            DriverEffect::SaveSyncState { doc, .. } => {
                assert_ne!(doc, "workspace", "state saved ahead of the document")
            }
            _ => {}
        }
    }
    assert!(saw_save);
}

#[test]
fn a_lost_connection_backs_off_one_two_four_seconds_to_a_minute_and_a_join_resets_it() {
    let mut laptop = Laptop::default();
    let mut driver = SyncDriver::new(ME);
    driver.handle(DriverEvent::Start, &mut laptop);
    let mut waits = Vec::new();
    for _ in 0..8 {
        let closed = driver.handle(DriverEvent::Closed { reason: String::new() }, &mut laptop);
        // A second close before the retry plans nothing more.
        assert!(driver.handle(DriverEvent::Closed { reason: String::new() }, &mut laptop).is_empty());
        waits.extend(closed.iter().filter_map(|e| if let DriverEffect::RetryIn(s) = e { Some(*s) } else { None }));
        assert_eq!(driver.link(), Link::Offline);
        assert!(driver.handle(DriverEvent::RetryDue, &mut laptop).contains(&DriverEffect::Connect));
    }
    assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
    assert_eq!(backoff(100), 60);
    let mut server = Server::default();
    let opened = driver.handle(DriverEvent::Opened, &mut laptop);
    converse(&mut driver, &mut laptop, &mut server, opened);
    let closed = driver.handle(DriverEvent::Closed { reason: "server restarting".into() }, &mut laptop);
    assert!(closed.contains(&DriverEffect::RetryIn(1)), "{closed:?}");
    assert!(closed.contains(&DriverEffect::Problem(Some(SyncProblem::Closed("server restarting".into())))));
}

#[test]
fn the_network_coming_back_connects_at_once_only_when_offline() {
    let mut laptop = Laptop::default();
    let mut driver = SyncDriver::new(ME);
    driver.handle(DriverEvent::Start, &mut laptop);
    driver.handle(DriverEvent::Closed { reason: String::new() }, &mut laptop);
    assert!(driver.handle(DriverEvent::NetworkUp, &mut laptop).contains(&DriverEffect::Connect));
    // Connecting already: the retry that was planned does nothing now.
    assert!(driver.handle(DriverEvent::RetryDue, &mut laptop).is_empty());
    assert!(driver.handle(DriverEvent::NetworkUp, &mut laptop).is_empty());
}

#[test]
fn a_document_with_open_edits_sends_nothing_and_takes_nothing_until_they_are_written() {
    let mut laptop = Laptop::default();
    laptop.docs.insert("reports.a".into(), doc_with("bản nháp"));
    let mut server = Server::default();
    let (mut driver, _) = online(&mut laptop, &mut server);
    // The server gets a change of this document from another laptop of the agency.
    let mut other = server.docs.get_mut("reports.a").expect("synced").fork();
    other.put(ROOT, "other", "máy khác").expect("put");
    other.commit();
    server.docs.get_mut("reports.a").expect("doc").merge(&mut other).expect("merge");
    laptop.open.insert("reports.a".into());
    laptop.docs.get_mut("reports.a").expect("doc").put(ROOT, "text", "đang gõ").expect("put");
    laptop.docs.get_mut("reports.a").expect("doc").commit();
    assert!(driver.handle(DriverEvent::Changed("reports.a".into()), &mut laptop).is_empty(), "nothing goes out");
    let offer = server.offer("reports.a").expect("the server has news");
    let held = driver.handle(DriverEvent::Received(offer), &mut laptop);
    assert_eq!(held, [DriverEffect::FlushEdits("reports.a".into())]);
    assert!(laptop.docs["reports.a"].get(ROOT, "other").expect("read").is_none(), "nothing comes in");
    laptop.open.clear();
    let released = driver.handle(DriverEvent::Released("reports.a".into()), &mut laptop);
    converse(&mut driver, &mut laptop, &mut server, released);
    assert!(laptop.docs["reports.a"].get(ROOT, "other").expect("read").is_some(), "the waiting message applied");
    assert_eq!(server.docs.get("reports.a").and_then(text).as_deref(), Some("đang gõ"), "the written edit went out");
}

#[test]
fn refusals_unavailable_documents_and_server_errors_are_told_to_the_laptop() {
    let mut laptop = Laptop::default();
    let mut server = Server::default();
    let (mut driver, _) = online(&mut laptop, &mut server);
    let to_me = |m: WireMessage| m.encode();
    let refused = to_me(WireMessage::Refused {
        doc: "reports.b".into(),
        sender: "server".into(),
        target: ME.into(),
        reason: "not yours".into(),
        code: Some(RefusalCode::NotAllowed),
    });
    assert_eq!(
        driver.handle(DriverEvent::Received(refused), &mut laptop),
        [DriverEffect::Refused {
            doc: "reports.b".into(),
            reason: "not yours".into(),
            code: Some(RefusalCode::NotAllowed)
        }]
    );
    let unavailable = to_me(WireMessage::Unavailable { doc: "x".into(), sender: "server".into(), target: ME.into() });
    assert_eq!(driver.handle(DriverEvent::Received(unavailable), &mut laptop), [DriverEffect::Unavailable("x".into())]);
    let error = to_me(WireMessage::Error { message: "bad message".into(), code: Some(ServerErrorCode::BadMessage) });
    let said = SyncProblem::Server { message: "bad message".into(), code: Some(ServerErrorCode::BadMessage) };
    assert_eq!(driver.handle(DriverEvent::Received(error), &mut laptop), [DriverEffect::Problem(Some(said.clone()))]);
    let garbage = driver.handle(DriverEvent::Received(vec![0xff, 0x00, 0x13]), &mut laptop);
    assert!(matches!(garbage.as_slice(), [DriverEffect::Problem(Some(SyncProblem::Message(_)))]), "{garbage:?}");
    // The close that follows the server's error keeps the error shown, with its code.
    let closed = driver.handle(DriverEvent::Closed { reason: "bad message".into() }, &mut laptop);
    assert!(closed.contains(&DriverEffect::Problem(Some(said))), "{closed:?}");
}

#[test]
fn changes_that_sync_brings_to_a_document_held_here_are_named_for_the_arrival_records() {
    let mut laptop = Laptop::default();
    let mut server = Server::default();
    // Held on both sides already; then a colleague's change reaches the server.
    let mut shared = doc_with("Quý I");
    laptop.docs.insert("reports.a".into(), shared.clone());
    laptop.docs.insert("workspace".into(), AutoCommit::new());
    let mut on_server = shared.fork();
    on_server.put(ROOT, "text", "Quý I, đã sửa").expect("put");
    on_server.commit();
    let colleague = on_server.get_heads();
    server.docs.insert("reports.a".into(), on_server);
    server.docs.insert("workspace".into(), doc_with("không gian"));
    let (_, seen) = online(&mut laptop, &mut server);
    let saved = |id: &str| {
        seen.iter().find_map(|e| match e {
            DriverEffect::Save { doc, was_empty, arrived } if doc == id => Some((*was_empty, arrived.clone())),
            _ => None,
        })
    };
    assert_eq!(saved("reports.a"), Some((false, colleague)), "{seen:?}");
    // A document seen for the first time claims no arrival: its changes were made before.
    assert_eq!(saved("workspace"), Some((true, Vec::new())));
}
