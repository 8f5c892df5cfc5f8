//! `tiendo file export | inspect | import` through the real binary on a real data directory.

mod support;

use support::cli::{stderr, tiendo};

use automerge::{ActorId, AutoCommit};
use std::collections::BTreeMap;
use std::path::Path;
use tiendo_core::file::{self, DeviceKey, Local, Maker, DEFAULT_MAX_BYTES};
use tiendo_core::model::Device;
use tiendo_core::schema::{edit, ReportsDoc, WorkspaceDoc};
use tiendo_server::store::DataDir;

const REPORT: &str = "reports.01-qd-ubnd-2020.so-y-te";

/// Every file under `docs/` with its bytes: the data, byte for byte.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(p: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(p).into_iter().flatten().flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.insert(path.display().to_string(), std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&dir.join("docs"), &mut out);
    out
}

/// A data directory with a registered Sở Y tế laptop (device 1, its key), and that laptop's
/// export of its report with one task written.
fn setup() -> (tempfile::TempDir, Vec<u8>, WorkspaceDoc) {
    let dir = tempfile::tempdir().expect("tmp");
    let data = DataDir::new(dir.path());
    data.init_builtin().expect("init");
    let key = DeviceKey::from_secret([1; 32]);
    let device = tiendo_core::ids::DeviceId::new("01".repeat(16)).expect("id");
    let (mut doc, _) = data.load_doc::<WorkspaceDoc>("workspace").expect("ws");
    doc.set_actor(ActorId::from(&b"tiendo-server"[..]));
    edit::add_device(
        &mut doc,
        Device {
            id: device.clone(),
            agency: "so-y-te".parse().expect("id"),
            public_key: key.public_hex(),
            name: "laptop".into(),
            registered_at_ms: 0,
        },
    )
    .expect("add");
    doc.commit();
    data.write_doc("workspace", &doc.save()).expect("write");
    let ws = data.workspace().expect("ws");
    // The laptop: the genesis of its report, one task written.
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let r = tiendo_core::schema::genesis::empty_reports(&parsed.plan, &registry, &"so-y-te".parse().expect("id"));
    let mut report = tiendo_core::schema::genesis::genesis(&r).expect("genesis");
    let mut actor = vec![1u8; 16];
    actor.extend_from_slice(&[5; 4]);
    report.set_actor(ActorId::from(actor));
    let value: ReportsDoc = tiendo_core::schema::read(&report).expect("read");
    let (p, t) = (value.reports.periods[0].period.clone(), value.reports.periods[0].tasks[0].task.clone());
    edit::edit_task(&mut report, &p, &t, |t| t.results = "Tiêm chủng 95%".into()).expect("edit");
    report.commit();
    let mut held = BTreeMap::new();
    held.insert(REPORT.to_owned(), report);
    let agency = "so-y-te".parse().expect("id");
    let maker = Maker { workspace: &ws, device: device.as_str(), agency: &agency, key: &key, now_ms: 0 };
    let bytes = file::export(&maker, &mut held);
    (dir, bytes, ws)
}

#[test]
fn a_laptops_file_is_inspected_imported_once_and_answered_with_a_receipt() {
    let (dir, bytes, ws) = setup();
    let data = dir.path().to_str().expect("utf8");
    let input = dir.path().join("SYT_2020-03-09_1405.tiendo");
    std::fs::write(&input, &bytes).expect("write");
    let input_s = input.to_str().expect("utf8");

    let inspected = tiendo(&["file", "inspect", input_s, "--json", "--data", data]);
    assert!(inspected.status.success(), "{}", stderr(&inspected));
    let json: serde_json::Value = serde_json::from_slice(&inspected.stdout).expect("json");
    assert_eq!(json["signer_agency"], "so-y-te");
    assert_eq!(json["changes"][0]["id"], REPORT);
    assert_eq!(json["changes"][0]["periods"][0]["tasks"].as_array().map(Vec::len), Some(1));

    let receipt = dir.path().join("receipt.tiendo");
    let imported = tiendo(&["file", "import", input_s, "--data", data, "--receipt", receipt.to_str().expect("utf8")]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let stored = DataDir::new(dir.path()).read_doc::<ReportsDoc>(REPORT).expect("stored");
    assert_eq!(stored.reports.periods[0].tasks[0].results.as_str(), "Tiêm chủng 95%");
    // The change's history says it came in this file, signed by the laptop.
    let period = stored.reports.periods[0].period.to_string();
    let history = tiendo(&["report", "history", "--agency", "so-y-te", "--period", &period, "--json", "--data", data]);
    let history: serde_json::Value = serde_json::from_slice(&history.stdout).expect("json");
    let via = &history[0]["via"];
    assert_eq!(via["kind"], "file", "{history}");
    assert_eq!(via["signer"], "01".repeat(16));
    assert_eq!(via["sha256"], file::sha256_hex(&bytes));
    assert_eq!(history[0]["after"], "Tiêm chủng 95%");
    // The receipt verifies on the laptop and says the report is held.
    let ws_now = DataDir::new(dir.path()).workspace().expect("ws");
    let docs = BTreeMap::new();
    let manifest = Local { workspace: &ws_now, docs: &docs, attested: tiendo_core::sync::Attestations::none() }
        .read_receipt(&std::fs::read(&receipt).expect("receipt"), DEFAULT_MAX_BYTES)
        .expect("receipt verifies");
    assert_eq!(manifest.docs[0].id, REPORT);
    let _ = ws;

    // The same file again: nothing changes, exit 0, "already imported".
    let before = snapshot(dir.path());
    let again = tiendo(&["file", "import", input_s, "--data", data]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(String::from_utf8_lossy(&again.stdout).contains("đã nhập trước đây"));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_bad_file_is_refused_with_exit_1_and_the_data_unchanged() {
    let (dir, bytes, _) = setup();
    let data = dir.path().to_str().expect("utf8");
    let before = snapshot(dir.path());
    let bad_files: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", bytes[..bytes.len() / 2].to_vec()),
        ("flipped", {
            let mut b = bytes.clone();
            let at = b.len() / 3;
            b[at] ^= 0x10;
            b
        }),
        ("foreign", b"%PDF-1.4 not a sync file".to_vec()),
    ];
    for (name, content) in bad_files {
        let path = dir.path().join(format!("{name}.tiendo"));
        std::fs::write(&path, content).expect("write");
        let out = tiendo(&["file", "import", path.to_str().expect("utf8"), "--data", data]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains("refused"), "{name}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{name}");
        assert_eq!(snapshot(dir.path()), before, "{name} changed the data");
    }
}

#[test]
fn import_is_refused_while_the_server_holds_the_data_and_export_makes_a_file_laptops_accept() {
    let (dir, bytes, _) = setup();
    let data = dir.path().to_str().expect("utf8");
    let input = dir.path().join("in.tiendo");
    std::fs::write(&input, &bytes).expect("write");
    {
        let _lock = DataDir::new(dir.path()).try_lock().expect("lock").expect("free");
        let out = tiendo(&["file", "import", input.to_str().expect("utf8"), "--data", data]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("running `tiendo serve`"), "{}", stderr(&out));
    }
    let out_file = dir.path().join("for-yte.tiendo");
    let exported =
        tiendo(&["file", "export", "--as", "so-y-te", "--out", out_file.to_str().expect("utf8"), "--data", data]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    // A Sở Y tế laptop that joined earlier (it holds the workspace, with the server's device, and
    // the plan) accepts it.
    let d = DataDir::new(dir.path());
    let ws = d.workspace().expect("ws");
    let mut docs: BTreeMap<String, AutoCommit> = BTreeMap::new();
    for id in ["workspace", "plan.01-qd-ubnd-2020"] {
        docs.insert(id.into(), d.open(id).expect("open").expect("held").doc);
    }
    let v = Local { workspace: &ws, docs: &docs, attested: tiendo_core::sync::Attestations::none() }
        .verify(&std::fs::read(&out_file).expect("file"), DEFAULT_MAX_BYTES)
        .expect("accepted");
    let ids: Vec<&str> = v.docs.iter().map(|d| d.id.as_str()).collect();
    assert!(ids.contains(&"workspace") && ids.contains(&"plan.01-qd-ubnd-2020"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("reports.") && *id != REPORT), "only its own reports: {ids:?}");
}
