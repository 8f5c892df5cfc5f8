//! Importing a sync file into what a laptop holds: whole documents stored as they came and
//! replacing what they contain, real merges stored as changes, documents already held not read,
//! and a preview that does not depend on holding first versions.

use automerge::AutoCommit;
use tiendo_core::builtin::tra_vinh_2020;
use tiendo_core::file;
use tiendo_core::schema::genesis::{self, empty_reports};
use tiendo_core::schema::{self, ReportsDoc};
use tiendo_core::sync::Rights;

mod common;
use common::*;

/// Opens `id` from a memory store holding the office's copy of it (its first version) plus what
/// an import stores, with or without the held chunks the import replaces.
fn stored_after_import(held: &AutoCommit, id: &str, verified: &file::Verified, remove_held: bool) -> AutoCommit {
    use tiendo_core::storage::{run_ready, DocStore, MemoryStorage, Storage};
    let store = DocStore::new(MemoryStorage::new());
    let before = run_ready(store.create(id, held.clone())).expect("held");
    run_ready(store.storage().put_all(&verified.chunks().expect("chunks"))).expect("import");
    if remove_held {
        for key in before.loaded_keys() {
            run_ready(store.storage().remove(&key)).expect("remove");
        }
    }
    run_ready(store.open(id)).expect("open").expect("stored").doc
}

#[test]
fn a_file_holding_everything_held_here_is_stored_as_it_came_and_replaces_the_held_chunks() {
    let mut yte = laptop();
    write(&mut yte, YTE, 1, "Tiêm chủng đạt 95%");
    let bytes = export_as(&mut yte, 1, YTE);
    // This office laptop joined online: it holds Sở Y tế's first version.
    let office = laptop();
    let verified = verify(&office, &bytes).expect("verified");
    let doc = verified.docs.iter().find(|d| d.id == report_id(YTE)).expect("doc");
    assert!(doc.supersedes_held());
    let chunks = verified.chunks().expect("chunks");
    assert_eq!(chunks.len(), 1, "only Sở Y tế's report changes");
    assert_eq!(chunks[0].0.parts()[1], "snapshot");
    let expected = yte.docs.get_mut(&report_id(YTE)).expect("doc").get_heads();
    for remove_held in [false, true] {
        let mut reopened = stored_after_import(&office.docs[&report_id(YTE)], &report_id(YTE), &verified, remove_held);
        assert_eq!(reopened.get_heads(), expected, "held chunks removed: {remove_held}");
        let value: ReportsDoc = schema::read(&reopened).expect("read");
        assert_eq!(value.reports.periods[0].tasks[0].results.as_str(), "Tiêm chủng đạt 95%");
    }
}

#[test]
fn a_file_lacking_changes_held_here_is_merged_and_stored_as_the_changes_it_adds() {
    let (mut yte, mut office) = (laptop(), laptop());
    for l in [&mut yte, &mut office] {
        register(l, 4, YTE);
    }
    write(&mut yte, YTE, 1, "Từ máy 1. ");
    // Another laptop of Sở Y tế reached the office online with a change the file lacks.
    write(&mut office, YTE, 4, "Từ máy 4. ");
    let mut held = office.docs[&report_id(YTE)].clone();
    let bytes = export_as(&mut yte, 1, YTE);
    let verified = verify(&office, &bytes).expect("verified");
    let doc = verified.docs.iter().find(|d| d.id == report_id(YTE)).expect("doc");
    assert!(!doc.supersedes_held(), "the held change is not in the file");
    assert_eq!(doc.new_changes, 1);
    let chunks = verified.chunks().expect("chunks");
    assert_eq!(chunks[0].0.parts()[1], "incremental");
    let mut both = held.clone();
    both.merge(yte.docs.get_mut(&report_id(YTE)).expect("doc")).expect("merge");
    assert_eq!(doc.merged.clone().get_heads(), both.get_heads());
    let mut reopened = stored_after_import(&held, &report_id(YTE), &verified, false);
    assert_eq!(reopened.get_heads(), both.get_heads());
    let text = schema::read::<ReportsDoc, _>(&reopened).expect("read").reports.periods[0].tasks[0].results.to_string();
    assert!(text.contains("Từ máy 1.") && text.contains("Từ máy 4."), "{text}");
    assert!(held.get_heads().iter().all(|h| reopened.get_change_by_hash(h).is_some()));
}

#[test]
fn documents_whose_heads_are_all_held_here_bring_nothing_and_are_not_read() {
    let mut yte = laptop();
    write(&mut yte, YTE, 1, "Đã có ở văn phòng");
    let mut office = laptop();
    office.docs.insert(report_id(YTE), yte.docs[&report_id(YTE)].clone());
    let heads = yte.docs.get_mut(&report_id(YTE)).expect("doc").get_heads().iter().map(ToString::to_string).collect();
    // Whatever bytes come with heads this laptop holds, none of them is taken.
    let bytes = raw_report_file(&yte, 1, YTE, &report_id(YTE), heads, b"not a document".to_vec());
    let verified = verify(&office, &bytes).expect("verified");
    assert!(verified.already_imported());
    assert!(verified.chunks().expect("chunks").is_empty());
}

#[test]
fn the_preview_is_the_same_whether_the_first_version_is_held_or_not() {
    // Sở Xây dựng reports on targets: left empty, they are not news.
    const SXD: &str = "so-xay-dung";
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let first = genesis::genesis(&empty_reports(&parsed.plan, &registry, &agency(SXD))).expect("reports");
    let (mut sxd, mut with_first, mut without) = (laptop(), laptop(), office());
    for l in [&mut sxd, &mut with_first, &mut without] {
        register(l, 5, SXD);
    }
    for l in [&mut sxd, &mut with_first] {
        l.docs.insert(report_id(SXD), first.clone());
    }
    write(&mut sxd, SXD, 5, "Cấp 120 giấy phép xây dựng");
    let bytes = export_as(&mut sxd, 5, SXD);
    let preview = |l: &Laptop| {
        let verified = verify(l, &bytes).expect("verified");
        file::preview(&verified, &Rights::from_workspace(&l.ws), &l.docs)
    };
    let (a, b) = (preview(&with_first), preview(&without));
    assert_eq!(a, b);
    let periods = &a.iter().find(|d| d.id == report_id(SXD)).expect("report").periods;
    assert_eq!(periods.len(), 1, "{periods:?}");
    assert_eq!(periods[0].tasks.len(), 1);
    assert!(periods[0].targets.is_empty(), "{periods:?}");
}

/// A province office's file: both agencies' reports, each written on its own laptop and
/// brought to the office by file, relayed by the office's laptop.
fn office_file() -> (Laptop, Vec<u8>) {
    let mut l = relayed_by_office(&[(YTE, 1, "Tiêm chủng đạt 95%"), (TC, 2, "Giải ngân 80% vốn")]);
    let bytes = export_as(&mut l, 3, OFFICE);
    (l, bytes)
}

#[test]
fn a_prepared_file_holds_the_verified_files_chunks_preview_and_values() {
    let (_, bytes) = office_file();
    let to = laptop();
    let local = file::Local { workspace: &to.ws, docs: &to.docs, attested: tiendo_core::sync::Attestations::none() };
    let verified = verify(&to, &bytes).expect("verified");
    let prepared = file::Prepared::new(&verified, &local).expect("prepared");
    assert_eq!(prepared.chunks().expect("chunks"), verified.chunks().expect("chunks"));
    assert_eq!(prepared.chunks().expect("chunks").len(), 2, "two reports change");
    let (preview, values) = file::preview_values(&verified, &Rights::from_workspace(&to.ws), &to.docs);
    assert_eq!((prepared.preview.clone(), prepared.values.clone()), (preview, values));
    assert!(!prepared.already_imported());
    let again: file::Prepared = serde_json::from_str(&serde_json::to_string(&prepared).expect("json")).expect("back");
    assert_eq!(again, prepared);
    let supersedes: Vec<bool> = prepared.docs.iter().filter(|d| d.new_changes > 0).map(|d| d.supersedes_held).collect();
    assert_eq!(supersedes, [true, true], "the office laptop held only first versions");
}
