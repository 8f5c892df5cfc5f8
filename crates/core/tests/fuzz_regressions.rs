//! Every input the import fuzzer ever crashed on, run again both ways the fuzz target uses
//! inputs: as a whole file, and as a document inside a correctly signed file.

use std::collections::BTreeMap;
use tiendo_core::file::{self, DeviceKey, DocManifest, FileKind, Local, Manifest};
use tiendo_core::model::{Device, DocKind};
use tiendo_core::schema::genesis;

fn check(input: &[u8]) {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let mut ws = genesis::workspace_doc(tiendo_core::builtin::tra_vinh_workspace(), registry, &[&parsed.plan]);
    let key = DeviceKey::from_secret([1; 32]);
    ws.devices.push(Device {
        id: "01".repeat(16).parse().expect("id"),
        agency: "so-y-te".parse().expect("id"),
        public_key: key.public_hex(),
        name: "fuzz".into(),
        registered_at_ms: 0,
    });
    let mut docs = BTreeMap::new();
    docs.insert(
        genesis::plan_doc_id(&parsed.plan.id),
        genesis::genesis(&genesis::plan_doc(parsed.plan)).expect("plan"),
    );
    let local = Local { workspace: &ws, docs: &docs };
    let _ = local.verify(input, file::DEFAULT_MAX_BYTES);
    let manifest = Manifest {
        format: 1,
        kind: FileKind::Export,
        workspace: ws.workspace.id.to_string(),
        device: "01".repeat(16),
        agency: "so-y-te".into(),
        created_ms: 0,
        docs: vec![DocManifest {
            id: "reports.01-qd-ubnd-2020.so-y-te".into(),
            kind: DocKind::Reports,
            heads: Vec::new(),
            len: 0,
            sha256: String::new(),
        }],
    };
    let bytes = file::write_raw(manifest, &[input.to_vec()], &key);
    assert!(local.verify(&bytes, file::DEFAULT_MAX_BYTES).is_err(), "a fuzz input passed as a document");
}

#[test]
fn every_kept_fuzz_crash_is_refused_without_a_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            continue;
        }
        check(&std::fs::read(entry.path()).expect("read"));
        n += 1;
    }
    // Also the shapes the fuzzer starts from: nothing, garbage, a bare Automerge header.
    for input in [&b""[..], b"\x00\x01\x02", b"\x85\x6f\x4a\x83"] {
        check(input);
    }
    eprintln!("{n} kept fuzz inputs checked");
}
