//! Sync: the wire protocol and the write gate (who may write which document, attestations,
//! schema checks, what waits for a missing dependency). Client sessions: `sync_sessions.rs`.

mod common;

use automerge::sync;
use automerge::ActorId;
use common::sync_world::*;
use proptest::prelude::*;
use tiendo_core::schema::genesis::plan_doc_id;
use tiendo_core::sync::{receive_checked, Attestation, Attestations, Refusal, WireMessage};

#[test]
fn an_agency_device_may_write_its_own_reports() {
    let w = world();
    let (id, server_doc) = &w.reports[0];
    let mut laptop = write_report(server_doc, actor(1), "Đã tiêm 95% trẻ em");
    let data = message_from(&mut laptop, server_doc);
    let mut server_doc = server_doc.clone();
    let n = receive_checked(&mut server_doc, &mut sync::State::new(), &data, &w.rights, id, by(&from(1)), MAY_WAIT)
        .expect("accepted");
    assert!(!n.applied.is_empty());
    assert_eq!(first_results(&server_doc), "Đã tiêm 95% trẻ em");
}

#[test]
fn another_agencys_device_may_not_write_a_report_and_nothing_changes() {
    let w = world();
    let (id, server_doc) = &w.reports[0];
    let mut forged = write_report(server_doc, actor(2), "giả mạo");
    let data = message_from(&mut forged, server_doc);
    let mut doc = server_doc.clone();
    let mut state = sync::State::new();
    let err = receive_checked(&mut doc, &mut state, &data, &w.rights, id, by(&from(2)), MAY_WAIT).expect_err("refused");
    assert!(matches!(&err, Refusal::NotAllowed { agency, .. } if agency == TAICHINH), "{err}");
    assert_eq!(doc.save(), server_doc.clone().save());
    assert!(state.their_heads.is_none(), "the sync state must not move either");
}

#[test]
fn the_office_may_not_write_an_agencys_report_nor_an_unknown_actor_anything() {
    let w = world();
    let (id, server_doc) = &w.reports[0];
    let mut by_office = write_report(server_doc, actor(3), "văn phòng sửa");
    let data = message_from(&mut by_office, server_doc);
    let err =
        receive_checked(&mut server_doc.clone(), &mut sync::State::new(), &data, &w.rights, id, by(&from(3)), MAY_WAIT);
    assert!(matches!(err, Err(Refusal::NotAllowed { .. })));
    let mut stranger = write_report(server_doc, actor(77), "người lạ");
    let data = message_from(&mut stranger, server_doc);
    let err =
        receive_checked(&mut server_doc.clone(), &mut sync::State::new(), &data, &w.rights, id, by(&from(1)), MAY_WAIT);
    assert!(matches!(err, Err(Refusal::UnknownAuthor { .. })), "{err:?}");
}

#[test]
fn only_the_office_writes_the_plan() {
    let w = world();
    let id = plan_doc_id(&w.ws.documents[0].plan.clone().expect("plan"));
    for (n, ok) in [(1, false), (3, true)] {
        let mut laptop = w.plan.clone().with_actor(actor(n));
        automerge::transaction::Transactable::put(&mut laptop, automerge::ROOT, "note", "x").expect("put");
        laptop.commit();
        let data = message_from(&mut laptop, &w.plan);
        let got = receive_checked(
            &mut w.plan.clone(),
            &mut sync::State::new(),
            &data,
            &w.rights,
            &id,
            by(&from(n)),
            MAY_WAIT,
        );
        assert_eq!(got.is_ok(), ok, "device {n}: {got:?}");
    }
}

/// What the gate says of Sở Y tế's own laptop deleting `key` from the root of its own report.
fn deleting_from_its_own_report(key: &str) -> Result<tiendo_core::sync::Received, Refusal> {
    let w = world();
    let (id, server_doc) = &w.reports[0];
    let mut laptop = server_doc.clone().with_actor(actor(1));
    automerge::transaction::Transactable::delete(&mut laptop, automerge::ROOT, key).expect("delete");
    laptop.commit();
    let data = message_from(&mut laptop, server_doc);
    receive_checked(&mut server_doc.clone(), &mut sync::State::new(), &data, &w.rights, id, by(&from(1)), MAY_WAIT)
}

#[test]
fn a_change_that_breaks_the_documents_kind_is_refused() {
    let err = deleting_from_its_own_report("kind");
    assert!(matches!(err, Err(Refusal::BreaksSchema { .. })), "{err:?}");
}

#[test]
fn a_connection_may_not_bring_changes_written_as_the_office_device() {
    // Sở Y tế's own connection, with changes whose actor is the office's registered device:
    // the plan's title, and its own report marked as accepted in the reviews are the attacks.
    let w = world();
    let id = plan_doc_id(&w.ws.documents[0].plan.clone().expect("plan"));
    let mut forged = w.plan.clone().with_actor(actor(3));
    automerge::transaction::Transactable::put(&mut forged, automerge::ROOT, "note", "FORGED").expect("put");
    forged.commit();
    let data = message_from(&mut forged, &w.plan);
    let mut plan = w.plan.clone();
    let err = receive_checked(&mut plan, &mut sync::State::new(), &data, &w.rights, &id, by(&from(1)), MAY_WAIT);
    assert!(matches!(&err, Err(Refusal::NotTheSender { device: d, .. }) if *d == device(1).to_string()), "{err:?}");
    assert_eq!(plan.save(), w.plan.clone().save(), "nothing of it was applied");
}

#[test]
fn a_colleagues_changes_need_the_colleagues_attestation_to_be_handed_on() {
    let w = world();
    let (id, server_doc) = &w.reports[0];
    // Laptop 4 of Sở Y tế wrote; laptop 1 (same agency) hands the changes on.
    let mut colleague = write_report(server_doc, actor(4), "từ máy thứ hai");
    let data = message_from(&mut colleague, server_doc);
    let err =
        receive_checked(&mut server_doc.clone(), &mut sync::State::new(), &data, &w.rights, id, by(&from(1)), MAY_WAIT);
    assert!(matches!(err, Err(Refusal::NotTheSender { .. })), "{err:?}");
    // With laptop 4's attestation of its latest change, anyone may hand them on: the office too.
    let (_, seq, hash) = tiendo_core::sync::latest_changes(&mut colleague, Some(&device(4)))[0].clone();
    let mut attested = Attestations::default();
    let a = Attestation::sign(&key(4), &device(4), id, &actor(4), seq, hash);
    assert_eq!(attested.insert(a, &w.rights), Ok(true));
    let relay = (device(3), attested);
    let mut doc = server_doc.clone();
    receive_checked(&mut doc, &mut sync::State::new(), &data, &w.rights, id, by(&relay), MAY_WAIT).expect("relayed");
    assert_eq!(first_results(&doc), "từ máy thứ hai");
}

#[test]
fn an_attestation_signed_by_another_device_or_key_is_refused() {
    let w = world();
    let (id, server_doc) = &w.reports[0];
    let mut colleague = write_report(server_doc, actor(4), "x");
    let (_, seq, hash) = tiendo_core::sync::latest_changes(&mut colleague, None)[0].clone();
    let mut set = Attestations::default();
    // Device 1 may not vouch for device 4's actor; device 4's claim signed with 1's key fails.
    let by_other = Attestation::sign(&key(1), &device(1), id, &actor(4), seq, hash);
    assert!(matches!(set.insert(by_other, &w.rights), Err(tiendo_core::sync::AttestError::NotItsOwn { .. })));
    let wrong_key = Attestation::sign(&key(1), &device(4), id, &actor(4), seq, hash);
    assert!(matches!(set.insert(wrong_key, &w.rights), Err(tiendo_core::sync::AttestError::BadSignature { .. })));
    // The office is no server: it may not vouch for others either.
    let by_office = Attestation::sign(&key(3), &device(3), id, &actor(4), seq, hash);
    assert!(set.insert(by_office, &w.rights).is_err());
    // The server may.
    let by_server = Attestation::sign(&key(5), &device(5), id, &actor(4), seq, hash);
    assert_eq!(set.insert(by_server, &w.rights), Ok(true));
    assert_eq!(set.len(), 1);
}

#[test]
fn an_attestation_covers_only_the_chain_up_to_the_change_it_names() {
    let w = world();
    let (id, server_doc) = &w.reports[0];
    let first = write_report(server_doc, actor(4), "một");
    let mut attested_copy = first.clone();
    let (_, seq, hash) = tiendo_core::sync::latest_changes(&mut attested_copy, None)[0].clone();
    let mut set = Attestations::default();
    set.insert(Attestation::sign(&key(4), &device(4), id, &actor(4), seq, hash), &w.rights).expect("valid");
    let mut later = write_report(&first, actor(4), "hai");
    let data = message_from(&mut later, server_doc);
    let relay = (device(3), set);
    let err =
        receive_checked(&mut server_doc.clone(), &mut sync::State::new(), &data, &w.rights, id, by(&relay), MAY_WAIT);
    assert!(matches!(err, Err(Refusal::NotTheSender { .. })), "the later change is not covered: {err:?}");
}

#[test]
fn a_change_that_keeps_kind_but_breaks_the_schema_is_refused() {
    // Sở KHĐT deleted the `reports` map of its own report and kept `kind`: the office's exports
    // then failed for the whole province.
    let err = deleting_from_its_own_report("reports");
    assert!(matches!(err, Err(Refusal::BreaksSchema { .. })), "{err:?}");
}

#[test]
fn changes_waiting_for_a_missing_dependency_are_held_only_up_to_the_allowance() {
    let w = world();
    let (id, server_doc) = &w.reports[0];
    let one = write_report(server_doc, actor(1), "một");
    let mut two = write_report(&one, actor(1), "hai");
    let mut one = one;
    let second = two.get_changes(&one.get_heads())[0].clone();
    // A message with only the second change: its dependency, the first, is missing.
    let message = sync::Message {
        heads: two.get_heads(),
        need: vec![],
        have: vec![],
        changes: vec![second.raw_bytes().to_vec()].into(),
        flags: None,
        version: sync::MessageVersion::V1,
    };
    let data = message.encode();
    let mut doc = server_doc.clone();
    let err = receive_checked(&mut doc, &mut sync::State::new(), &data, &w.rights, id, by(&from(1)), 10);
    assert!(matches!(err, Err(Refusal::TooMuchWaiting { .. })), "{err:?}");
    assert!(doc.get_missing_deps(&[]).is_empty(), "nothing of it waits in the document");
    let got = receive_checked(&mut doc, &mut sync::State::new(), &data, &w.rights, id, by(&from(1)), MAY_WAIT)
        .expect("a little may wait");
    assert!(got.waiting && got.applied.is_empty(), "{got:?}");
    assert!(!doc.get_missing_deps(&[]).is_empty());
    tiendo_core::sync::drop_waiting(&mut doc);
    assert!(doc.get_missing_deps(&[]).is_empty(), "dropped");
    assert_eq!(doc.get_heads(), server_doc.clone().get_heads());
}

#[test]
fn unknown_documents_and_garbage_are_refused_by_name() {
    let w = world();
    let mut doc = w.plan.clone();
    let f = from(1);
    let err = receive_checked(&mut doc, &mut sync::State::new(), b"\x42", &w.rights, "reports.x.y", by(&f), MAY_WAIT);
    assert!(matches!(err, Err(Refusal::UnknownDocument(_))));
    let id = &w.reports[0].0;
    let err = receive_checked(&mut doc, &mut sync::State::new(), b"\x42\x00garbage", &w.rights, id, by(&f), MAY_WAIT);
    assert!(matches!(err, Err(Refusal::BadMessage(_))));
}

#[test]
fn rights_give_reports_to_their_agency_and_the_office_only() {
    let w = world();
    let id = &w.reports[0].0;
    assert!(w.rights.may_read(id, &agency(YTE)));
    assert!(w.rights.may_read(id, &agency(OFFICE)));
    assert!(!w.rights.may_read(id, &agency(TAICHINH)));
    assert!(w.rights.may_write(id, &agency(YTE)));
    assert!(!w.rights.may_write(id, &agency(OFFICE)));
    assert!(w.rights.may_write("workspace", &agency(OFFICE)));
    assert!(!w.rights.may_write("workspace", &agency(YTE)));
    assert_eq!(w.rights.author(&actor(2)), Some(&agency(TAICHINH)));
    assert_eq!(w.rights.author(&ActorId::from(&b"short"[..])), None);
}

proptest! {
    // Each case builds the workspace from the plan's text: a few dozen cover the 6 × 5 × 3.
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any device of the workspace (or a stranger) writes a change to any document, and any
    /// device's connection brings it: taken exactly when the author may write the document and
    /// is the sender.
    #[test]
    fn the_gate_takes_a_change_exactly_when_its_author_may_write_and_sent_it(
        author in 0usize..6, conn in 0usize..5, doc in 0usize..4,
    ) {
        let w = world();
        let author_n = DEVICES.get(author).map_or(77, |d| d.0);
        let conn_n = DEVICES[conn].0;
        let plan_id = plan_doc_id(&w.ws.documents[0].plan.clone().expect("plan"));
        let (id, base) = match doc {
            0 => (w.reports[0].0.clone(), w.reports[0].1.clone()),
            1 => (w.reports[1].0.clone(), w.reports[1].1.clone()),
            _ => (plan_id, w.plan.clone()),
        };
        let mut written = base.clone().with_actor(actor(author_n));
        automerge::transaction::Transactable::put(&mut written, automerge::ROOT, "note", "x").expect("put");
        written.commit();
        let data = message_from(&mut written, &base);
        let mut target = base.clone();
        let got = receive_checked(&mut target, &mut sync::State::new(), &data, &w.rights, &id, by(&from(conn_n)), MAY_WAIT);
        let may = w.rights.author(&actor(author_n)).is_some_and(|a| w.rights.may_write(&id, a));
        prop_assert_eq!(got.is_ok(), may && author_n == conn_n, "author {} conn {} doc {}: {:?}", author_n, conn_n, id, got);
        if got.is_err() {
            prop_assert_eq!(target.save(), base.clone().save());
        }
    }
}

proptest! {
    #[test]
    fn any_bytes_decode_to_a_message_or_an_error_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = WireMessage::decode(&bytes);
    }

    #[test]
    fn messages_round_trip(doc in "[a-z.0-9-]{1,40}", sender in "[a-f0-9]{1,32}", data in proptest::collection::vec(any::<u8>(), 0..300)) {
        for m in [
            WireMessage::Sync { doc: doc.clone(), sender: sender.clone(), target: "server".into(), data: data.clone() },
            WireMessage::Request { doc: doc.clone(), sender: sender.clone(), target: "server".into(), data: data.clone() },
            WireMessage::Unavailable { doc: doc.clone(), sender: sender.clone(), target: "t".into() },
            WireMessage::Refused { doc: doc.clone(), sender: sender.clone(), target: "t".into(), reason: "lý do".into(), code: None },
            WireMessage::Refused {
                doc: doc.clone(),
                sender: sender.clone(),
                target: "t".into(),
                reason: "lý do".into(),
                code: Some(tiendo_core::sync::RefusalCode::NotAllowed),
            },
            WireMessage::join(&sender),
            WireMessage::Peer { sender: sender.clone(), target: "t".into(), version: "1".into() },
            WireMessage::Error { message: doc.clone(), code: None },
            WireMessage::Error { message: doc.clone(), code: Some(tiendo_core::sync::ServerErrorCode::AgencyEnded) },
        ] {
            prop_assert_eq!(WireMessage::decode(&m.encode()), Ok(m.clone()));
            let encoded = m.encode();
            for cut in 0..encoded.len() {
                prop_assert!(WireMessage::decode(&encoded[..cut]).is_err());
            }
        }
    }
}
