//! Writes seed inputs for the import fuzzer (scripts/fuzz.sh): a real signed export (first byte
//! even: used as a whole file) and a real report document (first byte odd: used as a document
//! inside a signed file), so the fuzzer starts deep inside the format.
//!   cargo run -p tiendo-core --example fuzz_seeds -- DIR
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use tiendo_core::file::{self, Maker};
use tiendo_core::schema::{edit, genesis, ReportsDoc};
use tiendo_core::synthetic::{file_world, FILE_WORLD_DEVICE};

fn main() {
    let dir = std::env::args().nth(1).expect("a directory");
    let (ws, _, key) = file_world().expect("world");
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let agency = "so-y-te".parse().expect("id");
    let mut report = genesis::genesis(&genesis::empty_reports(&parsed.plan, &registry, &agency)).expect("report");
    let mut actor = tiendo_core::hex::decode(FILE_WORLD_DEVICE).expect("hex");
    actor.extend_from_slice(&[2; 4]);
    report.set_actor(automerge::ActorId::from(actor));
    let value: ReportsDoc = tiendo_core::schema::read(&report).expect("read");
    let (p, t) = (value.reports.periods[0].period.clone(), value.reports.periods[0].tasks[0].task.clone());
    edit::edit_task(&mut report, &p, &t, |t| t.results = "Tiêm chủng 95%".into()).expect("edit");
    report.commit();
    let mut held = BTreeMap::new();
    held.insert("reports.01-qd-ubnd-2020.so-y-te".to_owned(), report.clone());
    let maker = Maker { workspace: &ws, device: FILE_WORLD_DEVICE, agency: &agency, key: &key, now_ms: 0 };
    let mut whole = vec![0u8];
    whole.extend(file::export(&maker, &mut held));
    let mut doc = vec![1u8];
    doc.extend(report.save());
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(format!("{dir}/seed-export"), whole).expect("write");
    std::fs::write(format!("{dir}/seed-report-doc"), doc).expect("write");
}
