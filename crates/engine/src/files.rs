//! Sync files in the browser: export what this agency gives, check a file against what this
//! laptop holds, apply it all or nothing (one IndexedDB transaction), read receipts, and keep a
//! history of files per agency.

use crate::check_pool::{CheckPool, PoolError};
use crate::mark;
use crate::storage::attested::{keep_attested, load_attested};
use crate::storage::AnyStorage;
use automerge::AutoCommit;
use std::collections::BTreeMap;
use tiendo_core::engine::{EngineError, NotChecked};
use tiendo_core::file::share::{self, HeldChunk, LOCAL_PROBLEM};
use tiendo_core::file::{self, DeviceKey, FileError, FileKind, Local, Maker, Manifest, Prepared, DEFAULT_MAX_BYTES};
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::DocKind;
use tiendo_core::schema::genesis::WORKSPACE_DOC;
use tiendo_core::schema::{self, ReportsDoc, WorkspaceDoc};
use tiendo_core::storage::{open_chunks, DocStore, Storage, StorageKey, StoredDoc};
use tiendo_core::sync::{Attestations, Rights};

/// The translation key of "the check itself failed" (a worker stopped): the file is refused.
pub const CHECK_FAILED: &str = "files.error.check";

/// What this laptop holds of a workspace.
#[derive(Debug)]
pub struct Held {
    /// The workspace document's value.
    pub workspace: WorkspaceDoc,
    /// Every document of it stored here.
    pub docs: BTreeMap<String, AutoCommit>,
    /// The storage keys each document was read from.
    pub keys: BTreeMap<String, Vec<StorageKey>>,
    /// The attestations kept here (of others' changes this laptop may hand on).
    pub attested: Attestations,
}

/// Reads the workspace and every document of it this laptop has.
pub async fn held(store: &DocStore<AnyStorage>) -> Result<Held, EngineError> {
    let (workspace, rights, chunks) = raw_held(store, |_, _| true).await?;
    let attested = load_attested(store.storage(), &rights).await;
    Ok(opened(workspace, chunks, attested))
}

/// `chunks` opened: the documents and the keys each was read from.
fn opened(workspace: WorkspaceDoc, chunks: Vec<HeldChunk>, attested: Attestations) -> Held {
    let (mut docs, mut keys) = (BTreeMap::new(), BTreeMap::new());
    for (id, d) in open_chunks(chunks) {
        keys.insert(id.clone(), d.loaded_keys());
        docs.insert(id, d.doc);
    }
    Held { workspace, docs, keys, attested }
}

/// The workspace's value, its rights, and the stored chunks (as they are stored, not loaded) of
/// the workspace and of the documents `wanted` (by id and kind).
async fn raw_held(
    store: &DocStore<AnyStorage>,
    wanted: impl Fn(&str, Option<DocKind>) -> bool,
) -> Result<(WorkspaceDoc, Rights, Vec<HeldChunk>), EngineError> {
    let range = |id: &str| StorageKey::new([id]);
    let ws_chunks = store.storage().load_range(&range(WORKSPACE_DOC)?).await?;
    let ws = StoredDoc::from_entries(WORKSPACE_DOC, ws_chunks.clone()).ok_or(EngineError::NoWorkspaceHere)?;
    let workspace: WorkspaceDoc = schema::read(&ws.doc)?;
    let rights = Rights::from_workspace(&workspace);
    let ids: Vec<&str> =
        rights.doc_ids().filter(|id| *id != WORKSPACE_DOC && wanted(id, rights.doc(id).map(|r| r.kind))).collect();
    let prefixes: Vec<StorageKey> = ids.iter().map(|id| range(id)).collect::<Result<_, _>>()?;
    // All requests at once: IndexedDB answers them together instead of one round trip each.
    let read = futures::future::join_all(prefixes.iter().map(|p| store.storage().load_range(p))).await;
    let mut chunks: Vec<HeldChunk> = ws_chunks.into_iter().map(|(k, b)| (WORKSPACE_DOC.to_owned(), k, b)).collect();
    for (id, entries) in ids.iter().zip(read) {
        chunks.extend(entries?.into_iter().map(|(k, b)| ((*id).to_owned(), k, b)));
    }
    Ok((workspace, rights, chunks))
}

/// An export by this device: the file's name and bytes.
pub fn export(
    held: &mut Held,
    key: &DeviceKey,
    device: &DeviceId,
    agency: &AgencyId,
    now_ms: i64,
) -> (String, Vec<u8>, usize) {
    let maker = Maker { workspace: &held.workspace, device: device.as_str(), agency, key, now_ms };
    let count = file::export_ids(&Rights::from_workspace(&held.workspace), agency, &held.docs).len();
    let bytes = file::export_with(&maker, &mut held.docs, &held.attested);
    let short = held.workspace.agencies.get(agency).map_or_else(|| agency.to_string(), |a| a.short_name.clone());
    (file::file_name(&short, now_ms), bytes, count)
}

/// A checked file: accepted with its preview, or a receipt.
#[derive(Debug)]
pub enum Checked {
    /// An export that passed every check: its chunks, preview and report values.
    Export(Box<Prepared>),
    /// A receipt: per document, whether the signer holds everything this laptop has.
    Receipt(Manifest, Vec<(String, bool)>),
}

/// Files smaller than this are checked on the page: starting the workers' share costs more.
const WORKERS_FROM_BYTES: usize = 64 * 1024;

/// Checks `bytes` against what this laptop holds; nothing is written. The documents are checked
/// in shares on the pool's workers when there is a pool and the file is large, else on the page.
/// Returns the checked file and what applying it needs of this laptop (the workspace, and the
/// chunks each held document was read from), not the documents.
pub async fn check_file(
    store: &DocStore<AnyStorage>,
    bytes: &[u8],
    pool: Option<&CheckPool>,
) -> Result<(Checked, Held), NotChecked> {
    // What the file says it is and holds, not checked yet: only to read what it concerns here
    // (an import loads only what it may change, not every report this laptop holds).
    let manifest = file::read(bytes, DEFAULT_MAX_BYTES).ok().map(|env| env.manifest);
    let named = |id: &str, kind: Option<DocKind>| {
        kind == Some(DocKind::Plan) || manifest.as_ref().is_some_and(|m| m.docs.iter().any(|d| d.id == id))
    };
    let (workspace, rights, held) = raw_held(store, named).await.map_err(NotChecked::local)?;
    let attested = load_attested(store.storage(), &rights).await;
    if manifest.as_ref().is_some_and(|m| m.kind == FileKind::Receipt) {
        let mut held = opened(workspace, held, attested);
        let checked = receipt_holdings(&mut held, bytes).map_err(|e| NotChecked { key: e.key().into(), local: None });
        held.docs.clear();
        return checked.map(|c| (c, held));
    }
    let outcomes = match (pool, &manifest) {
        (Some(pool), Some(m)) if m.docs.len() > 1 && bytes.len() >= WORKERS_FROM_BYTES => {
            let shares = share::plan_shares(&m.docs, pool.len())
                .into_iter()
                .map(|s| {
                    let ids: Vec<&str> = s.iter().map(|&i| m.docs[i].id.as_str()).collect();
                    let needed = held
                        .iter()
                        .filter(|(id, _, _)| share::needs(id, rights.doc(id).map(|d| d.kind), &ids))
                        .cloned()
                        .collect();
                    (s, needed)
                })
                .collect();
            mark("tiendo:file:workers");
            match pool.check(bytes, shares).await {
                Ok(outcomes) => outcomes,
                // Workers that could not start (say, their script was not cached offline):
                // the page checks the file itself.
                Err(PoolError::Unavailable(_)) => {
                    mark("tiendo:file:workers-unavailable");
                    vec![share::check_share_with(bytes, DEFAULT_MAX_BYTES, None, held, &attested.to_bytes())]
                }
                Err(e) => return Err(NotChecked { key: CHECK_FAILED.into(), local: Some(e.to_string()) }),
            }
        }
        _ => vec![share::check_share_with(bytes, DEFAULT_MAX_BYTES, None, held, &attested.to_bytes())],
    };
    match share::join(outcomes) {
        Ok(joined) => {
            let held = Held { workspace, docs: BTreeMap::new(), keys: joined.loaded, attested };
            Ok((Checked::Export(Box::new(joined.prepared)), held))
        }
        Err(refused) if refused.key == LOCAL_PROBLEM => Err(NotChecked::local(refused.reason)),
        Err(refused) => Err(NotChecked { key: refused.key, local: None }),
    }
}

/// Reads a receipt: per document it names, whether its signer holds everything held here.
fn receipt_holdings(held: &mut Held, bytes: &[u8]) -> Result<Checked, FileError> {
    let local = Local { workspace: &held.workspace, docs: &held.docs, attested: &held.attested };
    let manifest = local.read_receipt(bytes, DEFAULT_MAX_BYTES)?;
    let held_all = manifest
        .docs
        .iter()
        .map(|d| (d.id.clone(), held.docs.get_mut(&d.id).is_some_and(|doc| file::holds_all(doc, &d.heads))))
        .collect();
    Ok(Checked::Receipt(manifest, held_all))
}

/// Stores every document the file changes, in one transaction, then removes the chunks the
/// file's whole documents replace (as a compaction does: everything in them is in the new
/// snapshot, and chunks another tab wrote meanwhile were not read, so they stay); notes when the
/// submissions it brings (from its preview) arrived. The changes' arrival records (this file,
/// `sha256`, its signer) are written with the documents. Returns how many documents.
pub async fn apply(
    store: &DocStore<AnyStorage>,
    held: &Held,
    prepared: &Prepared,
    sha256: &str,
) -> Result<usize, EngineError> {
    let chunks = prepared.chunks()?;
    let now = js_sys::Date::now() as i64;
    let records: Vec<(StorageKey, Vec<u8>)> =
        prepared.arrivals(now, sha256).iter().filter_map(|b| b.entry().ok()).collect();
    let all: Vec<(StorageKey, Vec<u8>)> = chunks.iter().cloned().chain(records).collect();
    store.storage().put_all(&all).await?;
    // The file's attestations (checked with it): this laptop may hand its changes on.
    let rights = Rights::from_workspace(&held.workspace);
    keep_attested(store.storage(), &rights, prepared.manifest.attestations.clone()).await?;
    mark("tiendo:file:stored");
    let written: Vec<&StorageKey> = chunks.iter().map(|(k, _)| k).collect();
    for d in prepared.docs.iter().filter(|d| d.supersedes_held) {
        for key in held.keys.get(&d.id).into_iter().flatten().filter(|k| !written.contains(k)) {
            // A chunk left behind costs only space: the next compaction takes it.
            let _ = store.storage().remove(key).await;
        }
    }
    mark("tiendo:file:compacted");
    Ok(chunks.len())
}

/// Caches the reports as they read after an import (they were read for the preview), so that
/// the office's views need not load the documents again; all at once. A failed cache write
/// costs only speed.
pub async fn cache_values(store: &DocStore<AnyStorage>, values: &[(String, ReportsDoc)]) {
    futures::future::join_all(values.iter().map(|(id, value)| store.write_cache(id, value))).await;
}

/// A receipt for an imported file, signed by this device.
pub fn receipt(
    workspace: &WorkspaceDoc,
    manifest: &Manifest,
    key: &DeviceKey,
    device: &DeviceId,
    agency: &AgencyId,
    now_ms: i64,
) -> Vec<u8> {
    let maker = Maker { workspace, device: device.as_str(), agency, key, now_ms };
    file::receipt(&maker, manifest)
}
