//! Offline enrolment: `tiendo file invite` registers a new laptop of one agency and writes an
//! invitation sealed with a one-time code; the laptop opens it, works, and its sync file is
//! accepted by the server. The invitation opens with nothing else, and makes a device of no other
//! agency.

mod support;

use support::cli::tiendo;

use automerge::AutoCommit;
use std::collections::BTreeMap;
use tiendo_core::file::invite::{self, Invite, InviteError};
use tiendo_core::file::{self, Maker, DEFAULT_MAX_BYTES};
use tiendo_core::ids::AgencyId;

/// A data directory and an invitation for Sở Y tế: (dir, data path, invitation bytes, code).
fn invited() -> (tempfile::TempDir, String, Vec<u8>, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data").to_str().expect("utf8").to_owned();
    assert!(tiendo(&["init", "--data", &data]).status.success());
    let path = dir.path().join("SYT.tiendo-invite");
    let o = tiendo(&["file", "invite", "--agency", "so-y-te", "--out", path.to_str().expect("p"), "--data", &data]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let code = text.lines().last().and_then(|l| l.rsplit(' ').next()).expect("a code").to_owned();
    assert_eq!(code.len(), 19, "{text}");
    (dir, data, std::fs::read(&path).expect("invitation"), code)
}

#[test]
fn an_invited_laptop_works_offline_and_its_sync_file_is_accepted_by_the_server() {
    let (dir, data, bytes, code) = invited();
    let opened = invite::open(&bytes, &code).expect("opens with its code");
    let enrolled = invite::enrol(&opened, DEFAULT_MAX_BYTES).expect("enrols");
    let device = &opened.header.device;
    assert_eq!(opened.header.agency, "so-y-te");
    let ids: Vec<&str> = enrolled.verified.docs.iter().map(|d| d.id.as_str()).collect();
    assert!(ids.contains(&"workspace") && ids.iter().any(|i| i.starts_with("plan.")));
    assert!(ids.iter().any(|i| i.ends_with(".so-y-te")), "{ids:?}");
    assert!(!ids.iter().any(|i| i.ends_with(".so-tai-chinh")), "another agency's report is not handed out: {ids:?}");
    assert!(!enrolled.chunks().expect("chunks").is_empty());

    // The laptop writes its report as the invited device, and exports it.
    let mut held: BTreeMap<String, AutoCommit> =
        enrolled.verified.docs.iter().map(|d| (d.id.clone(), d.merged.clone())).collect();
    let report_id = ids.iter().find(|i| i.ends_with(".so-y-te")).expect("report").to_string();
    let doc = held.get_mut(&report_id).expect("report doc");
    let mut actor = tiendo_core::hex::decode(device).expect("hex");
    actor.extend_from_slice(&[9; 4]);
    doc.set_actor(actor.into());
    tiendo_core::schema::edit::edit_general(doc, &"2020-Q1".parse().expect("id"), |g| {
        g.results = "Viết trên máy không có mạng.".into();
    })
    .expect("edit");
    doc.commit();
    let agency = AgencyId::new("so-y-te").expect("id");
    let maker =
        Maker { workspace: &enrolled.workspace, device, agency: &agency, key: &opened.key, now_ms: 1_600_000_000_000 };
    let export = file::export(&maker, &mut held);
    let path = dir.path().join("SYT_2020-03-09_1405.tiendo");
    std::fs::write(&path, export).expect("write");
    let o = tiendo(&["file", "import", path.to_str().expect("p"), "--data", &data]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("đã nhập"));
}

#[test]
fn an_invitation_opens_only_with_its_code_and_not_once_altered() {
    let (_dir, _data, bytes, code) = invited();
    assert_eq!(invite::open(&bytes, "AAAA-BBBB-CCCC-DDDD").err(), Some(InviteError::Seal));
    assert!(invite::open(&bytes, &code.to_lowercase().replace('-', " ")).is_ok(), "typed in any case and spacing");
    let header_len = u32::from_be_bytes(bytes[10..14].try_into().expect("4")) as usize;
    let export_at = 14 + header_len + 48;
    for at in [export_at, export_at + 100, bytes.len() - 1, 14 + header_len + 3] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x20;
        assert_eq!(invite::open(&bad, &code).err(), Some(InviteError::Seal), "byte {at} changed");
    }
    let text = String::from_utf8_lossy(&bytes[14..14 + header_len]).into_owned();
    let forged = text.replace("\"so-y-te\"", "\"cong-an\"");
    let mut bad = bytes[..14].to_vec();
    bad.extend_from_slice(forged.as_bytes());
    bad.extend_from_slice(&bytes[14 + header_len..]);
    assert_eq!(invite::open(&bad, &code).err(), Some(InviteError::Seal), "another agency named in the header");
    for cut in [0, 5, 13, 20, export_at - 10, export_at + 50] {
        assert!(invite::open(&bytes[..cut], &code).is_err(), "cut at {cut}");
    }
    let err = invite::open(&bytes[..bytes.len() - 30], &code).expect_err("cut short");
    assert_eq!(err, InviteError::Seal);
    assert_eq!(invite::open(b"TIENDO\x1aS\x00\x01", &code).err(), Some(InviteError::NotAnInvitation));
}

#[test]
fn an_invitation_rewritten_to_name_another_agency_makes_no_device() {
    let (_dir, _data, bytes, code) = invited();
    let opened = invite::open(&bytes, &code).expect("opens");
    // Someone holding a code of their own reseals the office's export for another agency.
    let resealed = invite::write(&Invite {
        workspace: &opened.header.workspace,
        agency: "so-tai-chinh",
        device: &opened.header.device,
        key: &opened.key,
        export: &opened.export,
        code: "MINE-MINE-MINE-MINE",
        salt: [3; 16],
        nonce: [4; 12],
        now_ms: 0,
    });
    let theirs = invite::open(&resealed, "MINE-MINE-MINE-MINE").expect("their own seal opens");
    let err = invite::enrol(&theirs, DEFAULT_MAX_BYTES).expect_err("refused");
    assert!(matches!(err, InviteError::NotRegistered { ref agency, .. } if agency == "so-tai-chinh"), "{err:?}");
    assert_eq!(err.key(), "invite.error.registered");
}
