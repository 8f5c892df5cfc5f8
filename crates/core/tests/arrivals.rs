//! A laptop's arrival records: what a sync file brings is recorded with the file's signer and
//! hash, kept in the device's storage next to the documents, and read back as the history's
//! "how it arrived".

mod common;

use common::*;
use tiendo_core::file::{sha256_hex, Local, Prepared};
use tiendo_core::history::{stored_log, ArrivalBatch, Via};
use tiendo_core::storage::{run_ready, MemoryStorage, Storage};

#[test]
fn a_sync_file_s_arrival_names_its_new_changes_its_signer_and_its_hash_and_a_second_record_is_the_same_one() {
    let office = laptop();
    let mut yte = laptop();
    write(&mut yte, YTE, 1, "Đã khám cho 500 người.");
    let bytes = export_as(&mut yte, 1, YTE);
    let verified = verify(&office, &bytes).expect("verified");
    let local = Local { workspace: &office.ws, docs: &office.docs, attested: &office.attested };
    let prepared = Prepared::new(&verified, &local).expect("prepared");
    let sha = sha256_hex(&bytes);
    let batches = prepared.arrivals(1_700_000_000_000, &sha);
    assert_eq!(batches, verified.arrivals(1_700_000_000_000, &sha), "the page's and the CLI's records agree");
    // The office held Sở Y tế's report as made; the file brings the one change written on it.
    let doc = report_id(YTE);
    let batch = batches.iter().find(|b| b.doc == doc).expect("a record of the report");
    let written = yte.docs.get_mut(&doc).expect("doc").get_heads();
    assert_eq!(batch.changes, vec![tiendo_core::hex::encode(&written[0].0)]);
    assert_eq!(batch.via, Via::File { signer: device_id(1), sha256: sha.clone() });

    let storage = MemoryStorage::default();
    let entries: Vec<_> = batches.iter().map(|b| b.entry().expect("entry")).collect();
    run_ready(storage.put_all(&entries)).expect("stored");
    run_ready(storage.put_all(&entries)).expect("stored again");
    let kept = run_ready(storage.load_range(&tiendo_core::storage::StorageKey::new(["arrivals", &doc]).expect("key")))
        .expect("range");
    assert_eq!(kept.len(), 1, "the same batch recorded twice is one record");
    let log = run_ready(stored_log(&storage, &doc)).expect("log");
    let arrival = log.get(&written[0]).expect("the change's arrival");
    assert_eq!(arrival.at_ms, 1_700_000_000_000);
    assert!(run_ready(stored_log(&storage, "reports.other")).expect("log").is_empty());
}

#[test]
fn the_first_record_of_a_change_is_its_arrival_and_unreadable_records_are_skipped() {
    let mut yte = laptop();
    write(&mut yte, YTE, 1, "Quý I");
    let doc = report_id(YTE);
    let heads = yte.docs.get_mut(&doc).expect("doc").get_heads();
    let storage = MemoryStorage::default();
    let later = ArrivalBatch::new(&doc, 2_000, Via::Server, &heads);
    let first = ArrivalBatch::new(&doc, 1_000, Via::Server, &heads);
    let junk = (tiendo_core::storage::StorageKey::new(["arrivals", doc.as_str(), "x"]).expect("key"), b"{".to_vec());
    run_ready(storage.put_all(&[later.entry().expect("e"), first.entry().expect("e"), junk])).expect("stored");
    let log = run_ready(stored_log(&storage, &doc)).expect("log");
    assert_eq!(log.get(&heads[0]).map(|a| a.at_ms), Some(1_000));
}

/// Sets the first task's status of the first period on `a`'s report as device `n`, at `at_ms`.
fn set_status(l: &mut Laptop, a: &str, n: u8, status: tiendo_core::model::TaskStatus, at_ms: i64) {
    use tiendo_core::schema::{self, edit, ReportsDoc};
    let doc = l.docs.get_mut(&report_id(a)).expect("doc");
    doc.set_actor(actor(n));
    let value: ReportsDoc = schema::read(doc).expect("read");
    let (period, task) = (value.reports.periods[0].period.clone(), value.reports.periods[0].tasks[0].task.clone());
    edit::edit_task(doc, &period, &task, |t| t.status = Some(status)).expect("edit");
    tiendo_core::changes::commit_at(doc, at_ms);
}

#[test]
fn two_laptops_of_one_agency_that_meet_only_through_a_sync_file_see_the_conflict_and_how_each_change_came() {
    use tiendo_core::history::{conflicts, history, ArrivalLog, Authors, ConflictKind, FieldValue, Of};
    use tiendo_core::model::TaskStatus;
    // Sở Y tế's office laptop (device 1) and the deputy's at home (device 4), no server.
    let (mut office, mut home) = (laptop(), laptop());
    register(&mut office, 4, YTE);
    register(&mut home, 4, YTE);
    set_status(&mut office, YTE, 1, TaskStatus::DoneOnTime, 1_583_712_000_000);
    set_status(&mut home, YTE, 4, TaskStatus::InProgress, 1_583_712_060_000);
    let bytes = export_as(&mut home, 4, YTE);
    let verified = verify(&office, &bytes).expect("the deputy's file");
    let sha = sha256_hex(&bytes);
    let log = ArrivalLog::of(verified.arrivals(1_583_800_000_000, &sha));
    apply(&mut office, verified);

    let doc = office.docs.get_mut(&report_id(YTE)).expect("doc");
    let authors = Authors::of(&office.ws, None);
    let found = conflicts(&report_id(YTE), doc, &authors);
    let value: Vec<_> = found.iter().filter(|c| c.kind == ConflictKind::Value).collect();
    assert_eq!(value.len(), 1, "{found:?}");
    let mut devices: Vec<String> = value[0].values.iter().filter_map(|v| v.author.device_name.clone()).collect();
    devices.sort();
    assert_eq!(devices, ["máy 1", "máy 4"]);
    let mut values: Vec<FieldValue> = value[0].values.iter().map(|v| v.value.clone()).collect();
    values.sort_by_key(|v| format!("{v:?}"));
    assert_eq!(values, [FieldValue::Text("done_on_time".into()), FieldValue::Text("in_progress".into())]);

    // The history lists both changes; the deputy's came in the file, signed by its laptop.
    let entries = history(doc, &authors, &log, Of::Fields(std::slice::from_ref(&value[0].field)));
    assert_eq!(entries.len(), 2, "{entries:?}");
    let via: Vec<Option<Via>> = entries.iter().map(|e| e.via.as_ref().map(|v| v.how.clone())).collect();
    assert!(via.contains(&Some(Via::File { signer: device_id(4), sha256: sha })), "{via:?}");
    assert!(via.contains(&None), "the office laptop's own change arrived from nowhere: {via:?}");
}
