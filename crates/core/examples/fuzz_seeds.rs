//! Writes seed inputs for the import fuzzer (scripts/fuzz.sh): a real signed export (first byte
//! even: used as a whole file) and a real report document (first byte odd: used as a document
//! inside a signed file), so the fuzzer starts deep inside the format.
//!   cargo run -p tiendo-core --example fuzz_seeds -- DIR
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use tiendo_core::file::{self, DeviceKey, Maker};
use tiendo_core::model::Device;
use tiendo_core::schema::{edit, genesis, ReportsDoc};

fn main() {
    let dir = std::env::args().nth(1).expect("a directory");
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let mut ws = genesis::workspace_doc(tiendo_core::builtin::tra_vinh_workspace(), registry.clone(), &[&parsed.plan]);
    let key = DeviceKey::from_secret([1; 32]);
    let agency = "so-y-te".parse().expect("id");
    ws.devices.push(Device {
        id: "01".repeat(16).parse().expect("id"),
        agency: "so-y-te".parse().expect("id"),
        public_key: key.public_hex(),
        name: "fuzz".into(),
        registered_at_ms: 0,
    });
    let mut report = genesis::genesis(&genesis::empty_reports(&parsed.plan, &registry, &agency)).expect("report");
    let mut actor = vec![1u8; 16];
    actor.extend_from_slice(&[2; 4]);
    report.set_actor(automerge::ActorId::from(actor));
    let value: ReportsDoc = tiendo_core::schema::read(&report).expect("read");
    let (p, t) = (value.reports.periods[0].period.clone(), value.reports.periods[0].tasks[0].task.clone());
    edit::edit_task(&mut report, &p, &t, |t| t.results = "Tiêm chủng 95%".into()).expect("edit");
    report.commit();
    let mut held = BTreeMap::new();
    held.insert("reports.01-qd-ubnd-2020.so-y-te".to_owned(), report.clone());
    let maker = Maker { workspace: &ws, device: &"01".repeat(16), agency: &agency, key: &key, now_ms: 0 };
    let mut whole = vec![0u8];
    whole.extend(file::export(&maker, &mut held));
    let mut doc = vec![1u8];
    doc.extend(report.save());
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(format!("{dir}/seed-export"), whole).expect("write");
    std::fs::write(format!("{dir}/seed-report-doc"), doc).expect("write");
}
