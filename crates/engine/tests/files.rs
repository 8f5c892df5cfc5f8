//! Sync files in a real browser: a Sở Y tế laptop exports its report; the office's laptop (its
//! own IndexedDB) checks the file, previews it, imports it in one transaction, and a second
//! import of the same file changes nothing; a damaged copy is refused.
#![cfg(target_arch = "wasm32")]

use tiendo_core::file::DeviceKey;
use tiendo_core::ids::DeviceId;
use tiendo_core::model::Device;
use tiendo_core::schema::genesis::{
    self, empty_reports, plan_doc, plan_doc_id, reports_doc_id, workspace_doc, WORKSPACE_DOC,
};
use tiendo_core::schema::{edit, ReportsDoc};
use tiendo_core::storage::DocStore;
use tiendo_engine::files::{self, Checked};
use tiendo_engine::storage::{AnyStorage, IdbStorage};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SECRET: [u8; 32] = [9; 32];

async fn laptop(name: &str, with_report: bool) -> DocStore<AnyStorage> {
    IdbStorage::delete(name).await.expect("delete");
    laptop_on(AnyStorage::Idb(IdbStorage::open(name).await.expect("open")), with_report).await
}

async fn laptop_on(storage: AnyStorage, with_report: bool) -> DocStore<AnyStorage> {
    let store = DocStore::new(storage);
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let mut ws = workspace_doc(tiendo_core::builtin::tra_vinh_workspace(), registry.clone(), &[&parsed.plan]);
    ws.devices.push(Device {
        id: DeviceId::new("09".repeat(16)).expect("id"),
        agency: "so-y-te".parse().expect("id"),
        public_key: tiendo_core::file::DeviceKey::from_secret(SECRET).public_hex(),
        name: "laptop".into(),
        registered_at_ms: 0,
    });
    store.create(WORKSPACE_DOC, genesis::genesis(&ws).expect("ws")).await.expect("ws");
    store
        .create(&plan_doc_id(&parsed.plan.id), genesis::genesis(&plan_doc(parsed.plan.clone())).expect("p"))
        .await
        .expect("plan");
    if with_report {
        let agency = "so-y-te".parse().expect("id");
        let mut report = genesis::genesis(&empty_reports(&parsed.plan, &registry, &agency)).expect("r");
        let mut actor = vec![9u8; 16];
        actor.extend_from_slice(&[1; 4]);
        report.set_actor(automerge::ActorId::from(actor));
        let value: ReportsDoc = tiendo_core::schema::read(&report).expect("read");
        let (p, t) = (value.reports.periods[0].period.clone(), value.reports.periods[0].tasks[0].task.clone());
        edit::edit_task(&mut report, &p, &t, |t| t.results = "Tiêm chủng 95%".into()).expect("edit");
        report.commit();
        store.create(&reports_doc_id(&parsed.plan.id, &agency), report).await.expect("report");
    }
    store
}

/// Sở Y tế's laptop (its own IndexedDB `db`, one task written) exports its sync file: name,
/// bytes, and how many documents.
async fn sender_export(db: &str) -> (String, Vec<u8>, usize) {
    let sender = laptop(db, true).await;
    let mut held = files::held(&sender).await.expect("held");
    let device = DeviceId::new("09".repeat(16)).expect("id");
    files::export(
        &mut held,
        &DeviceKey::from_secret(SECRET),
        &device,
        &"so-y-te".parse().expect("id"),
        1_583_737_500_000,
    )
}

#[wasm_bindgen_test]
async fn a_file_exported_by_one_laptop_imports_once_into_another() {
    let (name, bytes, count) = sender_export("tiendo-files-sender").await;
    assert_eq!(count, 1, "Sở Y tế exports only its report");
    assert!(name.ends_with(".tiendo"), "{name}");

    let office = laptop("tiendo-files-office", false).await;
    let Ok((Checked::Export(prepared), office_held)) = files::check_file(&office, &bytes, None).await else {
        panic!("not accepted")
    };
    assert!(!prepared.already_imported());
    assert_eq!(prepared.preview.len(), 1);
    let sha = tiendo_core::file::sha256_hex(&bytes);
    assert_eq!(files::apply(&office, &office_held, &prepared, &sha).await.expect("apply"), 1);
    files::cache_values(&office, &prepared.values).await;
    // How it arrived, kept in IndexedDB with the documents: this file, its signer.
    let log = tiendo_core::history::stored_log(office.storage(), "reports.01-qd-ubnd-2020.so-y-te").await.expect("log");
    let mut report =
        files::held(&office).await.expect("held").docs.remove("reports.01-qd-ubnd-2020.so-y-te").expect("doc");
    let written = report.get_heads();
    let arrival = log.get(&written[0]).expect("the written change's arrival");
    assert_eq!(
        arrival.via,
        tiendo_core::history::Via::File { signer: DeviceId::new("09".repeat(16)).expect("id"), sha256: sha }
    );

    let again = files::held(&office).await.expect("held");
    let report = again.docs.get("reports.01-qd-ubnd-2020.so-y-te").expect("imported");
    let value: ReportsDoc = tiendo_core::schema::read(report).expect("read");
    assert_eq!(value.reports.periods[0].tasks[0].results.as_str(), "Tiêm chủng 95%");
    let Ok((Checked::Export(replayed), _)) = files::check_file(&office, &bytes, None).await else {
        panic!("replay refused")
    };
    assert!(replayed.already_imported());

    let mut damaged = bytes.clone();
    let at = damaged.len() / 2;
    damaged[at] ^= 1;
    let refused = files::check_file(&office, &damaged, None).await.expect_err("damaged");
    assert_eq!((refused.key.as_str(), refused.local), ("file.error.damaged", None));
}

#[wasm_bindgen_test]
async fn an_imported_whole_document_replaces_the_first_version_held_before() {
    use tiendo_core::storage::{Storage as _, StorageKey};
    let (_, bytes, _) = sender_export("tiendo-files-sender-2").await;

    // The office joined online: it holds Sở Y tế's report as first made.
    let office = laptop("tiendo-files-office-2", false).await;
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let id = reports_doc_id(&parsed.plan.id, &"so-y-te".parse().expect("id"));
    let first = genesis::genesis(&empty_reports(&parsed.plan, &registry, &"so-y-te".parse().expect("id")));
    office.create(&id, first.expect("first")).await.expect("first version");
    let Ok((Checked::Export(prepared), office_held)) = files::check_file(&office, &bytes, None).await else {
        panic!("not accepted")
    };
    files::apply(&office, &office_held, &prepared, "").await.expect("apply");

    let chunks = office.storage().load_range(&StorageKey::new([id.as_str()]).expect("key")).await.expect("range");
    let parts: Vec<String> = chunks.iter().map(|(k, _)| k.parts()[1].clone()).collect();
    assert_eq!(parts, ["snapshot"], "the file's document alone, the first version's chunk removed");
    let reopened = office.open(&id).await.expect("open").expect("stored");
    let value: ReportsDoc = tiendo_core::schema::read(&reopened.doc).expect("read");
    assert_eq!(value.reports.periods[0].tasks[0].results.as_str(), "Tiêm chủng 95%");
}

#[wasm_bindgen_test]
async fn a_receipt_for_an_imported_file_reads_as_holding_what_was_sent() {
    let (_, bytes, _) = sender_export("tiendo-files-sender-3").await;
    let office = laptop("tiendo-files-office-3", false).await;
    let Ok((Checked::Export(prepared), office_held)) = files::check_file(&office, &bytes, None).await else {
        panic!("not accepted")
    };
    files::apply(&office, &office_held, &prepared, "").await.expect("apply");
    // Signed with the one registered key here (the test's laptops share it).
    let device = DeviceId::new("09".repeat(16)).expect("id");
    let receipt = files::receipt(
        &office_held.workspace,
        &prepared.manifest,
        &DeviceKey::from_secret(SECRET),
        &device,
        &"so-y-te".parse().expect("id"),
        1,
    );
    let sender = DocStore::new(AnyStorage::Idb(IdbStorage::open("tiendo-files-sender-3").await.expect("open")));
    let Ok((Checked::Receipt(_, held), _)) = files::check_file(&sender, &receipt, None).await else {
        panic!("not read as a receipt")
    };
    assert_eq!(held, vec![("reports.01-qd-ubnd-2020.so-y-te".to_owned(), true)]);
}

#[wasm_bindgen_test]
async fn an_import_whose_write_failed_changes_nothing_and_the_same_file_imports_on_the_next_try() {
    use tiendo_core::storage::Faulty;
    let (_, bytes, _) = sender_export("tiendo-files-full-sender").await;
    IdbStorage::delete("tiendo-files-full-office").await.expect("delete");
    let disk = Faulty::new(IdbStorage::open("tiendo-files-full-office").await.expect("open"));
    let office = laptop_on(AnyStorage::Faulty(disk.clone()), false).await;
    let Ok((Checked::Export(prepared), held)) = files::check_file(&office, &bytes, None).await else {
        panic!("not accepted")
    };
    // The disk is full: nothing of the file is stored, and it is not counted as imported.
    disk.fail_next_writes(1);
    assert!(files::apply(&office, &held, &prepared, "").await.is_err(), "the failure is reported");
    let after = files::held(&office).await.expect("held");
    assert!(!after.docs.contains_key("reports.01-qd-ubnd-2020.so-y-te"), "half an import");
    let log = tiendo_core::history::stored_log(office.storage(), "reports.01-qd-ubnd-2020.so-y-te").await.expect("log");
    assert!(log.is_empty(), "an arrival recorded for changes not stored");
    let Ok((Checked::Export(again), held)) = files::check_file(&office, &bytes, None).await else {
        panic!("refused after a failed write")
    };
    assert!(!again.already_imported());
    // Space again: the same file imports whole.
    assert_eq!(files::apply(&office, &held, &again, "").await.expect("apply"), 1);
    let imported = files::held(&office).await.expect("held");
    let value: ReportsDoc =
        tiendo_core::schema::read(imported.docs.get("reports.01-qd-ubnd-2020.so-y-te").expect("imported"))
            .expect("read");
    assert_eq!(value.reports.periods[0].tasks[0].results.as_str(), "Tiêm chủng 95%");
}
