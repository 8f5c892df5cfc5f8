//! Fuzzes the sync-file import. The first byte picks how the input is used:
//! - even: the input is a whole file (the envelope's own checks);
//! - odd: the input becomes the bytes of a document inside a correctly signed file with a
//!   matching hash, so the fuzzer gets past the envelope into Automerge's loading, the genesis
//!   check and the rights check.
//! Either way `verify` must return, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use tiendo_core::file::{self, DeviceKey, DocManifest, FileKind, Local, Manifest};
use tiendo_core::model::{Device, DocKind};
use tiendo_core::schema::genesis;
use tiendo_core::schema::WorkspaceDoc;

struct World {
    ws: WorkspaceDoc,
    docs: BTreeMap<String, automerge::AutoCommit>,
    key: DeviceKey,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
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
        docs.insert(genesis::plan_doc_id(&parsed.plan.id), genesis::genesis(&genesis::plan_doc(parsed.plan)).expect("plan"));
        World { ws, docs, key }
    })
}

fuzz_target!(|data: &[u8]| {
    let w = world();
    let local = Local { workspace: &w.ws, docs: &w.docs };
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode % 2 == 0 {
        let _ = local.verify(rest, file::DEFAULT_MAX_BYTES);
        return;
    }
    let mut doc = automerge::AutoCommit::load(rest).ok();
    let heads = doc.as_mut().map(|d| d.get_heads().iter().map(ToString::to_string).collect()).unwrap_or_default();
    let manifest = Manifest {
        format: 1,
        kind: FileKind::Export,
        workspace: w.ws.workspace.id.to_string(),
        device: "01".repeat(16),
        agency: "so-y-te".into(),
        created_ms: 0,
        docs: vec![DocManifest {
            id: "reports.01-qd-ubnd-2020.so-y-te".into(),
            kind: DocKind::Reports,
            heads,
            len: 0,
            sha256: String::new(),
        }],
    };
    let bytes = file::write_raw(manifest, &[rest.to_vec()], &w.key);
    let _ = local.verify(&bytes, file::DEFAULT_MAX_BYTES);
});
