//! Sync files: export, verify, preview, replay, receipt, and every kind of bad file refused by
//! name without a panic.

use automerge::AutoCommit;
use std::collections::BTreeMap;
use tiendo_core::file::{self, FileError, Local, Maker, DEFAULT_MAX_BYTES};
use tiendo_core::schema::{self, edit, ReportsDoc};
use tiendo_core::sync::Rights;

mod common;
use common::*;

#[test]
fn an_agencys_export_verifies_previews_and_then_replays_as_already_imported() {
    let mut yte = laptop();
    write(&mut yte, YTE, 1, "Tiêm chủng đạt 95%");
    let doc = yte.docs.get_mut(&report_id(YTE)).expect("doc");
    let period = schema::read::<ReportsDoc, _>(doc).expect("read").reports.periods[0].period.clone();
    edit::edit_period(doc, &period, |p| {
        p.submissions.push(tiendo_core::model::Submission {
            device: device_id(1),
            by: "Trần B".into(),
            at_ms: 1_583_700_000_000,
            heads: vec![],
        })
    })
    .expect("submit");
    doc.commit();
    let bytes = export_as(&mut yte, 1, YTE);
    let mut office = office();
    let verified = verify(&office, &bytes).expect("verified");
    assert_eq!(verified.signer_agency, YTE);
    assert_eq!(verified.docs.len(), 1, "an agency exports only its own reports");
    assert!(!verified.already_imported());
    let rights = Rights::from_workspace(&office.ws);
    let preview = file::preview(&verified, &rights, &office.docs);
    assert_eq!(preview.len(), 1);
    assert_eq!(preview[0].agency, Some(agency(YTE)));
    assert_eq!(preview[0].periods.len(), 1);
    assert_eq!(preview[0].periods[0].tasks.len(), 1);
    assert!(preview[0].periods[0].submitted);
    assert_eq!(preview[0].periods[0].submissions, [1_583_700_000_000], "when it was submitted, for the arrival log");
    // Apply: the office now holds the report; the same file again changes nothing.
    for d in verified.docs.clone() {
        office.docs.insert(d.id, d.merged);
    }
    let again = verify(&office, &bytes).expect("verified again");
    assert!(again.already_imported());
    // The receipt tells the agency that the office holds its report as exported.
    let ws = office.ws.clone();
    let (k, d, ag) = (key(3), device_id(3), agency(OFFICE));
    let maker = Maker { workspace: &ws, device: d.as_str(), agency: &ag, key: &k, now_ms: 1 };
    let receipt = file::receipt(&maker, &verified.manifest);
    let read = Local { workspace: &yte.ws, docs: &yte.docs, attested: tiendo_core::sync::Attestations::none() }
        .read_receipt(&receipt, DEFAULT_MAX_BYTES)
        .expect("receipt");
    let entry = read.docs.iter().find(|e| e.id == report_id(YTE)).expect("entry");
    assert!(file::holds_all(yte.docs.get_mut(&report_id(YTE)).expect("doc"), &entry.heads));
    write(&mut yte, YTE, 1, "sửa sau khi xuất");
    assert!(!file::holds_all(yte.docs.get_mut(&report_id(YTE)).expect("doc"), &entry.heads));
}

#[test]
fn the_office_may_relay_an_agencys_changes_but_not_forge_them() {
    let mut yte = laptop();
    write(&mut yte, YTE, 1, "Sở Y tế viết");
    let mut office = office();
    let file = verify(&office, &export_as(&mut yte, 1, YTE)).expect("in");
    apply(&mut office, file);
    // Relayed to another laptop (here: Sở Tài chính's, which holds no Y tế report yet).
    let mut tc = laptop();
    tc.docs.remove(&report_id(YTE));
    let relayed = export_as(&mut office, 3, OFFICE);
    let v = verify(&tc, &relayed).expect("relay accepted: Sở Y tế's attestation travels with its changes");
    assert!(v.docs.iter().any(|d| d.id == report_id(YTE) && d.new_changes > 0));
    // Without the attestation (a file of a build before them, relayed) it is refused.
    let mut bare = common::office();
    apply(&mut bare, verify(&common::office(), &export_as(&mut yte, 1, YTE)).expect("in"));
    bare.attested = Default::default();
    let unproven = export_as(&mut bare, 3, OFFICE);
    let err = verify(&tc, &unproven).err();
    assert!(matches!(&err, Some(FileError::Refused(tiendo_core::sync::Refusal::NotTheSender { .. }))), "{err:?}");
    // The office writing into Sở Y tế's report itself is refused.
    write(&mut office, YTE, 3, "văn phòng sửa");
    let forged = export_as(&mut office, 3, OFFICE);
    assert!(matches!(verify(&tc, &forged), Err(FileError::Refused(_))), "{:?}", verify(&tc, &forged).err());
}

#[test]
fn bad_files_are_refused_by_name() {
    let mut yte = laptop();
    write(&mut yte, YTE, 1, "nội dung");
    let good = export_as(&mut yte, 1, YTE);
    let office = office();
    let err = |bytes: &[u8]| verify(&office, bytes).err().map(|e| e.key());
    assert_eq!(err(&[]), Some("file.error.empty"));
    assert_eq!(err(b"PK\x03\x04 a zip file"), Some("file.error.foreign"));
    let huge = Local { workspace: &office.ws, docs: &office.docs, attested: tiendo_core::sync::Attestations::none() }
        .verify(&good, 100);
    assert!(matches!(huge, Err(FileError::TooLarge { .. })));
    // Newer format version.
    let mut newer = good.clone();
    newer[9] = 9;
    assert_eq!(err(&newer), Some("file.error.newer"));
    // Unsigned: the signature zeroed.
    let mut unsigned = good.clone();
    let n = unsigned.len();
    unsigned[n - 64..].fill(0);
    assert!(matches!(verify(&office, &unsigned), Err(FileError::BadSignature)));
    // Unknown signer: a device the workspace does not list.
    let mut stranger = laptop();
    stranger.ws.devices.retain(|d| d.id != device_id(1));
    assert!(matches!(verify(&stranger, &good), Err(FileError::UnknownSigner(_))));
    // Another workspace.
    let mut other = office.ws.clone();
    other.workspace.id = "ben-tre-2021".parse().expect("id");
    let ws2 = other.clone();
    let (k, d, ag) = (key(1), device_id(1), agency(YTE));
    let maker = Maker { workspace: &ws2, device: d.as_str(), agency: &ag, key: &k, now_ms: 0 };
    let foreign_ws = file::export(&maker, &mut yte.docs);
    assert!(matches!(verify(&office, &foreign_ws), Err(FileError::OtherWorkspace { .. })));
}

#[test]
fn a_signer_of_another_agency_or_a_foreign_documents_bytes_are_refused() {
    // Sở Tài chính's device signs a file carrying Sở Y tế's report.
    let mut tc = laptop();
    write(&mut tc, YTE, 2, "Sở Tài chính ghi vào báo cáo Sở Y tế");
    let ws = tc.ws.clone();
    let (k, d, ag) = (key(2), device_id(2), agency(TC));
    let maker = Maker { workspace: &ws, device: d.as_str(), agency: &ag, key: &k, now_ms: 0 };
    let mut only_yte: BTreeMap<String, AutoCommit> =
        tc.docs.iter().filter(|(id, _)| **id == report_id(YTE)).map(|(k, v)| (k.clone(), v.clone())).collect();
    // export_ids leaves out what the agency may not write; make the file by hand as an attacker.
    let bad = {
        let mut docs = BTreeMap::new();
        docs.insert(report_id(TC), only_yte.remove(&report_id(YTE)).expect("doc"));
        file::export(&maker, &mut docs)
    };
    // Sở Y tế's bytes under Sở Tài chính's id: another document.
    let err = verify(&office(), &bad).err();
    assert!(matches!(err, Some(FileError::NotThatDocument { .. })), "{err:?}");
}

#[test]
fn a_file_cut_at_any_byte_or_with_a_flipped_bit_is_refused_without_a_panic() {
    let mut yte = laptop();
    write(&mut yte, YTE, 1, "nội dung");
    let good = export_as(&mut yte, 1, YTE);
    let office = office();
    for cut in 0..good.len() {
        assert!(verify(&office, &good[..cut]).is_err(), "cut at {cut} accepted");
    }
    let step = (good.len() / 400).max(1);
    for at in (0..good.len()).step_by(step) {
        for bit in [0, 3, 7] {
            let mut flipped = good.clone();
            flipped[at] ^= 1 << bit;
            assert!(verify(&office, &flipped).is_err(), "bit {bit} of byte {at} flipped and accepted");
        }
    }
}

#[test]
fn file_names_use_the_short_name_without_diacritics_and_vietnam_time() {
    // 2020-03-09 07:05 UTC is 14:05 in Vietnam.
    assert_eq!(file::file_name("SKHĐT", 1_583_737_500_000), "SKHDT_2020-03-09_1405.tiendo");
}

#[test]
fn an_agency_other_than_the_office_cannot_bring_changes_to_another_agencys_report() {
    // Sở Tài chính's laptop got Sở Y tế's genuine changes somehow and signs them on.
    let mut yte = laptop();
    write(&mut yte, YTE, 1, "Sở Y tế viết");
    let mut tc = laptop();
    tc.docs.insert(report_id(YTE), yte.docs[&report_id(YTE)].clone());
    // `export` leaves out what the agency may not write: write the file by hand, as an attacker.
    let mut doc = tc.docs[&report_id(YTE)].clone();
    let heads = doc.get_heads().iter().map(ToString::to_string).collect();
    let relayed = raw_report_file(&tc, 2, TC, &report_id(YTE), heads, doc.save());
    let err = verify(&office(), &relayed).err();
    assert!(
        matches!(&err, Some(FileError::Refused(tiendo_core::sync::Refusal::NotTheSender { device, .. })) if *device == device_id(2).to_string()),
        "{err:?}"
    );
}
