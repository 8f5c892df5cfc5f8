//! A sync file's check split into shares (one per Web Worker in the browser): the joined
//! answer is the single check's, and a refusal is the first in the file's order whichever share
//! found it.

use tiendo_core::file::share::{self, check_share, join, plan_shares, HeldChunk, ShareOutcome};
use tiendo_core::file::{self, DocManifest, Prepared, DEFAULT_MAX_BYTES};
use tiendo_core::schema::genesis::{self, WORKSPACE_DOC};
use tiendo_core::storage::snapshot_key;

mod common;
use common::*;

/// What `l` holds as stored chunks: every document saved as one snapshot, and the workspace.
fn chunks(l: &Laptop) -> Vec<HeldChunk> {
    let mut docs = l.docs.clone();
    docs.insert(WORKSPACE_DOC.into(), genesis::genesis(&l.ws).expect("workspace"));
    docs.into_iter()
        .map(|(id, mut doc)| {
            let bytes = doc.save();
            (id.clone(), snapshot_key(&id, &bytes).expect("key"), bytes)
        })
        .collect()
}

/// The chunks a worker checking `docs` of the file is given.
fn chunks_for(l: &Laptop, manifest: &[DocManifest], docs: &[usize]) -> Vec<HeldChunk> {
    let ids: Vec<&str> = docs.iter().map(|&i| manifest[i].id.as_str()).collect();
    let kind = |id: &str| l.ws.documents.iter().find(|d| d.id == id).map(|d| d.kind);
    chunks(l).into_iter().filter(|(id, _, _)| share::needs(id, kind(id), &ids)).collect()
}

fn checked_in(l: &Laptop, bytes: &[u8], workers: usize) -> Result<share::Joined, share::ShareRefusal> {
    let manifest = file::read(bytes, DEFAULT_MAX_BYTES).expect("envelope").manifest;
    let outcomes = plan_shares(&manifest.docs, workers)
        .iter()
        .map(|s| check_share(bytes, DEFAULT_MAX_BYTES, Some(s), chunks_for(l, &manifest.docs, s)))
        .collect();
    join(outcomes)
}

/// A file relayed by the office with both agencies' reports written.
fn relayed_file() -> Vec<u8> {
    let mut office =
        relayed_by_office(&[(YTE, 1, "Sở Y tế: tiêm chủng đạt 95%"), (TC, 2, "Sở Tài chính: giải ngân 80%")]);
    export_as(&mut office, 3, OFFICE)
}

#[test]
fn a_file_checked_in_shares_joins_to_what_one_check_of_it_gives() {
    let bytes = relayed_file();
    let office = office();
    let whole = Prepared::new(
        &verify(&office, &bytes).expect("verified"),
        &file::Local { workspace: &office.ws, docs: &office.docs, attested: tiendo_core::sync::Attestations::none() },
    )
    .expect("prepared");
    assert!(whole.docs.iter().filter(|d| d.new_changes > 0).count() >= 2, "both reports are new here");
    for workers in 1..=4 {
        let joined = checked_in(&office, &bytes, workers).expect("checked");
        assert_eq!(joined.prepared, whole, "{workers} workers");
        assert!(joined.loaded.contains_key(WORKSPACE_DOC));
    }
    let one = join(vec![check_share(&bytes, DEFAULT_MAX_BYTES, None, chunks(&office))]).expect("checked");
    assert_eq!(one.prepared, whole);
}

#[test]
fn shares_that_leave_out_a_document_or_check_one_twice_are_not_a_checked_file() {
    let bytes = relayed_file();
    let office = office();
    let manifest = file::read(&bytes, DEFAULT_MAX_BYTES).expect("envelope").manifest;
    let shares = plan_shares(&manifest.docs, 2);
    assert_eq!(shares.len(), 2);
    let outcome = |s: &[usize]| check_share(&bytes, DEFAULT_MAX_BYTES, Some(s), chunks_for(&office, &manifest.docs, s));
    let lost = join(vec![outcome(&shares[0])]).expect_err("a share lost");
    assert_eq!(lost.key, share::LOCAL_PROBLEM);
    let twice = join(vec![outcome(&shares[0]), outcome(&shares[1]), outcome(&shares[1])]).expect_err("twice");
    assert_eq!(twice.key, share::LOCAL_PROBLEM);
    assert!(join(vec![outcome(&shares[0]), outcome(&shares[1])]).is_ok());
}

#[test]
fn a_refusal_found_in_any_share_is_the_first_in_the_files_order() {
    // Signed by Sở Tài chính: Sở Y tế's genuine report (not Sở Tài chính's to bring) and, under
    // Sở Tài chính's own id, another document's bytes.
    let mut yte = laptop();
    write(&mut yte, YTE, 1, "Sở Y tế viết");
    let tc = laptop();
    let mut theirs = yte.docs[&report_id(YTE)].clone();
    let not_allowed = DocManifest {
        id: report_id(YTE),
        kind: tiendo_core::model::DocKind::Reports,
        heads: theirs.get_heads().iter().map(ToString::to_string).collect(),
        len: 0,
        sha256: String::new(),
    };
    let not_that = DocManifest { id: report_id(TC), ..not_allowed.clone() };
    let saved = theirs.save();
    let file_of = |docs: Vec<DocManifest>| {
        let manifest = file::Manifest {
            format: 1,
            kind: file::FileKind::Export,
            workspace: tc.ws.workspace.id.to_string(),
            device: device_id(2).to_string(),
            agency: TC.into(),
            created_ms: 0,
            docs,
            attestations: Vec::new(),
        };
        file::write_raw(manifest, &[saved.clone(), saved.clone()], &key(2))
    };
    let office = office();
    for (docs, expected) in [
        (vec![not_allowed.clone(), not_that.clone()], "file.error.rights"),
        (vec![not_that, not_allowed], "file.error.not_that"),
    ] {
        let bytes = file_of(docs);
        for workers in 1..=2 {
            let refused = checked_in(&office, &bytes, workers).expect_err("refused");
            assert_eq!((refused.key.as_str(), refused.index), (expected, Some(0)), "{workers} workers: {refused:?}");
        }
    }
}

#[test]
fn every_document_is_in_exactly_one_share_and_shares_are_about_the_same_size() {
    let doc = |len: u64| DocManifest {
        id: format!("d{len}"),
        kind: tiendo_core::model::DocKind::Reports,
        heads: Vec::new(),
        len,
        sha256: String::new(),
    };
    let docs: Vec<DocManifest> = [900, 10, 500, 400, 30, 20, 0, 100].into_iter().map(doc).collect();
    for workers in [1, 2, 3, 8, 20] {
        let shares = plan_shares(&docs, workers);
        assert_eq!(shares.len(), workers.min(docs.len()));
        let mut all: Vec<usize> = shares.concat();
        all.sort_unstable();
        assert_eq!(all, (0..docs.len()).collect::<Vec<_>>(), "{workers} workers");
        assert!(shares.iter().all(|s| !s.is_empty() && s.windows(2).all(|w| w[0] < w[1])));
    }
    let sizes: Vec<u64> = plan_shares(&docs, 2).iter().map(|s| s.iter().map(|&i| docs[i].len).sum()).collect();
    assert_eq!(sizes.iter().sum::<u64>(), 1960);
    assert!(sizes.iter().all(|s| *s >= 960), "{sizes:?}");
    assert!(plan_shares(&[], 4).is_empty());
}

#[test]
fn a_receipt_is_told_apart_and_a_laptop_without_its_workspace_is_a_local_problem() {
    let mut yte = laptop();
    let bytes = export_as(&mut yte, 1, YTE);
    let office = office();
    let manifest = file::read(&bytes, DEFAULT_MAX_BYTES).expect("read").manifest;
    let ws = office.ws.clone();
    let (k, d, a) = (key(3), device_id(3), agency(OFFICE));
    let maker = file::Maker { workspace: &ws, device: d.as_str(), agency: &a, key: &k, now_ms: 0 };
    let receipt = file::receipt(&maker, &manifest);
    let refused = checked_in(&office, &receipt, 2).expect_err("a receipt is not an export");
    assert_eq!(refused.key, "file.error.kind", "{refused:?}");
    let without_workspace: Vec<HeldChunk> = chunks(&office).into_iter().filter(|c| c.0 != WORKSPACE_DOC).collect();
    match check_share(&bytes, DEFAULT_MAX_BYTES, None, without_workspace) {
        ShareOutcome::Refused(r) => assert_eq!((r.key.as_str(), r.index), (share::LOCAL_PROBLEM, None)),
        other => panic!("checked without a workspace: {other:?}"),
    }
}
