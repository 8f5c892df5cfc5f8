//! Verifying a sync file against what this device holds, in the order that keeps a bad file
//! from touching anything: size, format and version, signature of a registered device,
//! workspace, then per document its hash, that the bytes really are that document, and the
//! rights of every change it brings. Nothing is written here: the caller applies a
//! [`Verified`] (all documents or none) only after showing its preview.

use super::error::FileError;
use super::format::{self, DocManifest, FileKind, Manifest};
use crate::model::{Device, DocKind, Plan};
use crate::schema::genesis::GENESIS_ACTOR;
use crate::schema::ReportsDoc;
use crate::schema::{self, PlanDoc, WorkspaceDoc};
use crate::storage::{incremental_key, snapshot_key, KeyError, StorageKey};
use crate::sync::{
    check_authors, hydrates_as, kind_name, new_changes, reads_as, Attestation, Attestations, Refusal, Rights, Sender,
};
use automerge::{ActorId, AutoCommit, ChangeHash};
use std::collections::{BTreeMap, BTreeSet};

/// What the importing device holds.
#[derive(Debug)]
pub struct Local<'a> {
    /// The workspace document's value (devices, keys, agencies, documents).
    pub workspace: &'a WorkspaceDoc,
    /// The documents held, by id.
    pub docs: &'a BTreeMap<String, AutoCommit>,
    /// The attestations held (of changes others handed on).
    pub attested: &'a Attestations,
}

/// One document of a verified file, merged with the local one (not stored yet).
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Its id.
    pub id: String,
    /// Its kind.
    pub kind: DocKind,
    /// The local document with the file's changes merged in.
    pub merged: AutoCommit,
    /// The local heads before (empty if the document is new here).
    pub before: Vec<ChangeHash>,
    /// Changes the file brings that were not here.
    pub new_changes: usize,
    /// Their hashes: what the arrival records name.
    pub arrived: Vec<ChangeHash>,
    /// The file's bytes of it, when they hold everything held here too (the usual case: a file
    /// carries whole documents): stored as they are, they replace the chunks held before.
    pub whole: Option<Vec<u8>>,
    /// A report document's value after the import, as the check read it (the preview's too).
    pub report: Option<crate::schema::ReportsDoc>,
}

impl Incoming {
    /// Whether storing it makes the chunks held before redundant (they may then be removed).
    pub fn supersedes_held(&self) -> bool {
        self.new_changes > 0 && self.whole.is_some()
    }

    /// The storage chunk that applies it: the file's bytes as they came, or the whole document
    /// if it is new here, or the changes since the held heads; `None` if it brings nothing.
    pub fn chunk(&self) -> Result<Option<(StorageKey, Vec<u8>)>, KeyError> {
        if self.new_changes == 0 {
            return Ok(None);
        }
        Ok(Some(match &self.whole {
            Some(bytes) => (snapshot_key(&self.id, bytes)?, bytes.clone()),
            None if self.before.is_empty() => {
                let bytes = self.merged.clone().save();
                (snapshot_key(&self.id, &bytes)?, bytes)
            }
            None => {
                // Both sides hold changes the other lacks: what the file adds, as changes.
                let bytes = self.merged.clone().save_after(&self.before);
                (incremental_key(&self.id, &bytes)?, bytes)
            }
        }))
    }
}

/// A file that passed every check.
#[derive(Debug, Clone)]
pub struct Verified {
    /// What the file says about itself.
    pub manifest: Manifest,
    /// The signer's agency, as the workspace registers it.
    pub signer_agency: String,
    /// Its documents.
    pub docs: Vec<Incoming>,
    /// The file's attestations, verified: kept by the importer, to hand the changes on.
    pub attestations: Vec<Attestation>,
}

impl Verified {
    /// Whether everything in it is here already (a replayed file).
    pub fn already_imported(&self) -> bool {
        self.docs.iter().all(|d| d.new_changes == 0)
    }

    /// The arrival records of the changes it brings, made when it is applied at `at_ms`: each
    /// document's new changes, by the file `sha256` (hex) that its signer signed.
    pub fn arrivals(&self, at_ms: i64, sha256: &str) -> Vec<crate::history::ArrivalBatch> {
        let docs = self.docs.iter().map(|d| (d.id.as_str(), d.arrived.as_slice()));
        crate::history::ArrivalBatch::of_file(&self.manifest.device, docs, at_ms, sha256)
    }

    /// The storage chunks that apply it, one per document it changes ([`Incoming::chunk`]).
    /// Store them all or none.
    pub fn chunks(&self) -> Result<Vec<(StorageKey, Vec<u8>)>, KeyError> {
        self.docs.iter().filter_map(|d| d.chunk().transpose()).collect()
    }
}

/// The changes a document starts from: those without dependencies, and the genesis actor's.
/// (Metadata only: building whole changes of a loaded document costs 400 times more.)
fn roots(doc: &mut AutoCommit) -> BTreeSet<ChangeHash> {
    let genesis = ActorId::from(GENESIS_ACTOR);
    doc.get_changes_meta(&[])
        .iter()
        .filter(|c| c.deps.is_empty() || c.actor.as_ref() == &genesis)
        .map(|c| c.hash)
        .collect()
}

impl Local<'_> {
    /// The plans of the workspace, read once per file.
    fn plans(&self) -> Vec<Plan> {
        self.workspace
            .documents
            .iter()
            .filter(|d| d.kind == DocKind::Plan)
            .filter_map(|d| self.docs.get(&d.id))
            .filter_map(|doc| schema::read::<PlanDoc, _>(doc).ok().map(|p| p.plan))
            .collect()
    }

    /// Reads the envelope and checks kind, signer, signature, hashes and workspace.
    fn open(&self, bytes: &[u8], max: u64, kind: FileKind) -> Result<(format::Envelope, &Device), FileError> {
        let env = format::read(bytes, max)?;
        let m = &env.manifest;
        if m.kind != kind {
            let name = |k: FileKind| if k == FileKind::Export { "export" } else { "receipt" };
            return Err(FileError::WrongKind { found: name(m.kind).into(), expected: name(kind).into() });
        }
        let signer = self
            .workspace
            .devices
            .iter()
            .find(|d| d.id.as_str() == m.device && !d.public_key.is_empty())
            .ok_or_else(|| FileError::UnknownSigner(m.device.clone()))?;
        env.verify(&signer.public_key)?;
        if !self.workspace.agencies.is_active(&signer.agency) && self.workspace.agencies.get(&signer.agency).is_some() {
            return Err(FileError::SignerEnded { device: m.device.clone(), agency: signer.agency.to_string() });
        }
        let expected = self.workspace.workspace.id.to_string();
        if m.workspace != expected {
            return Err(FileError::OtherWorkspace { found: m.workspace.clone(), expected });
        }
        if m.agency != signer.agency.as_str() {
            return Err(FileError::BadManifest(format!("agency {} is not the signer's", m.agency)));
        }
        Ok((env, signer))
    }

    /// Reads a receipt: which documents the signer holds up to which heads.
    pub fn read_receipt(&self, bytes: &[u8], max: u64) -> Result<Manifest, FileError> {
        self.open(bytes, max, FileKind::Receipt).map(|(env, _)| env.manifest)
    }

    /// Checks `bytes` as an export file; `max` is the size cap. Documents are checked on every
    /// core natively (one by one in the browser); the first failing document in the file's order
    /// is the one reported.
    pub fn verify(&self, bytes: &[u8], max: u64) -> Result<Verified, FileError> {
        self.verify_share(bytes, max, None).map_err(|(_, e)| e)
    }

    /// Checks the envelope of `bytes` and only the documents at the indexes of `share` (all of
    /// them if `None`), for a check split over workers. A refusal comes with the index of the
    /// document it is about (`None`: the whole file).
    pub fn verify_share(
        &self,
        bytes: &[u8],
        max: u64,
        share: Option<&[usize]>,
    ) -> Result<Verified, (Option<usize>, FileError)> {
        let (env, signer) = self.open(bytes, max, FileKind::Export).map_err(|e| (None, e))?;
        let m = &env.manifest;
        let rights = Rights::from_workspace(self.workspace);
        // The file's attestations join those held; a forged one refuses the file.
        let mut attested = self.attested.clone();
        for a in &m.attestations {
            attested.insert(a.clone(), &rights).map_err(|e| (None, FileError::BadManifest(e.to_string())))?;
        }
        let check =
            DocCheck { local: self, rights: &rights, attested: &attested, signer, plans: std::sync::OnceLock::new() };
        let jobs: Vec<(usize, &DocManifest, &Vec<u8>)> = m
            .docs
            .iter()
            .zip(&env.docs)
            .enumerate()
            .filter(|(i, _)| share.is_none_or(|s| s.contains(i)))
            .map(|(i, (dm, b))| (i, dm, b))
            .collect();
        let docs = check.all(&jobs)?;
        let attestations = m.attestations.clone();
        Ok(Verified { manifest: env.manifest.clone(), signer_agency: signer.agency.to_string(), docs, attestations })
    }
}

/// What checking one document of a file needs.
struct DocCheck<'a> {
    local: &'a Local<'a>,
    rights: &'a Rights,
    attested: &'a Attestations,
    signer: &'a Device,
    /// The plans held, read only if a document new here needs its genesis.
    plans: std::sync::OnceLock<Vec<Plan>>,
}

impl DocCheck<'_> {
    /// Checks every document; threads pay off for many large documents (a province-year), not
    /// for one agency's file.
    fn all(&self, jobs: &[(usize, &DocManifest, &Vec<u8>)]) -> Result<Vec<Incoming>, (Option<usize>, FileError)> {
        let bytes: usize = jobs.iter().map(|(_, _, b)| b.len()).sum();
        let one = |(i, dm, b): &(usize, &DocManifest, &Vec<u8>)| self.one(dm, b).map_err(|e| (Some(*i), e));
        if jobs.len() < 4 || bytes < 64 * 1024 {
            return jobs.iter().map(one).collect();
        }
        crate::par::map(jobs, one).into_iter().collect()
    }

    /// Whether `held` already has every head the (signed) manifest gives: the file's bytes of
    /// the document then bring nothing and are not even loaded (a replay, or the plan and
    /// workspace in every office file). If the manifest lied about them, nothing of them is
    /// taken either.
    fn holds(held: &mut AutoCommit, dm: &DocManifest) -> bool {
        let heads: Option<Vec<ChangeHash>> = dm.heads.iter().map(|h| h.parse().ok()).collect();
        heads.is_some_and(|heads| !heads.is_empty() && heads.iter().all(|h| held.get_change_meta_by_hash(h).is_some()))
    }

    /// Checks one document: kind, heads, first version, and the author of every new change.
    fn one(&self, dm: &DocManifest, bytes: &[u8]) -> Result<Incoming, FileError> {
        let (rights, signer) = (self.rights, self.signer);
        let not_that = |reason: &str| FileError::NotThatDocument { doc: dm.id.clone(), reason: reason.into() };
        let meta = rights.doc(&dm.id).ok_or_else(|| not_that("not a document of this workspace"))?;
        if meta.kind != dm.kind {
            return Err(not_that("of another kind"));
        }
        // The held document, cloned once: the base of the merge, or all there is to it.
        let mut held = self.local.docs.get(&dm.id).cloned();
        if let Some(mut merged) = held.take_if(|d| Self::holds(d, dm)) {
            let before = merged.get_heads();
            return Ok(Incoming {
                id: dm.id.clone(),
                kind: dm.kind,
                merged,
                before,
                new_changes: 0,
                arrived: Vec::new(),
                whole: None,
                report: None,
            });
        }
        let mut file_doc = AutoCommit::load(bytes).map_err(|e| not_that(&e.to_string()))?;
        if !reads_as(&file_doc, kind_name(meta.kind)) {
            return Err(not_that("it is not a document of that kind"));
        }
        let heads: Vec<String> = file_doc.get_heads().iter().map(ToString::to_string).collect();
        if heads != dm.heads {
            return Err(not_that("its heads are not the manifest's"));
        }
        // Automerge merges any document's bytes into any other: the first version tells them
        // apart.
        let (mut base, before) = match held {
            Some(mut d) => {
                let heads = d.get_heads();
                (d, heads)
            }
            None => {
                let genesis = rights
                    .genesis_for(&dm.id, self.plans.get_or_init(|| self.local.plans()), &self.local.workspace.agencies)
                    .ok_or_else(|| not_that("no such document here"))?;
                (genesis, Vec::new())
            }
        };
        if roots(&mut file_doc) != roots(&mut base) {
            return Err(not_that("it starts from another document's first version"));
        }
        let base_heads = base.get_heads();
        // The file's document (already loaded) is the base of the merge, and only what is held
        // here but not in the file is merged into it: applying a whole file's history change by
        // change onto the held document costs several times more than loading it.
        let mut merged = file_doc;
        let whole = if before.is_empty() || base_heads.iter().all(|h| merged.get_change_meta_by_hash(h).is_some()) {
            Some(bytes.to_vec())
        } else {
            merged.merge(&mut base).map_err(|e| not_that(&e.to_string()))?;
            None
        };
        let new = new_changes(&mut merged, &base_heads);
        let is_server_file = rights.server() == Some(&signer.id);
        let sender = Sender { device: &signer.id, attested: self.attested, is_server_file };
        check_authors(&mut merged, &new, rights, &dm.id, sender)?;
        // Read whole once: the check that it is still a valid document, and the preview's value.
        let mut report = None;
        if !new.is_empty() {
            let breaks =
                |reason: String| Refusal::BreaksSchema { doc: dm.id.clone(), kind: kind_name(meta.kind), reason };
            if meta.kind == DocKind::Reports {
                report = Some(schema::read::<ReportsDoc, _>(&merged).map_err(|e| breaks(e.to_string()))?);
            } else {
                hydrates_as(&merged, meta.kind).map_err(breaks)?;
            }
        }
        let arrived = new.iter().map(|c| c.hash).collect();
        Ok(Incoming {
            id: dm.id.clone(),
            kind: meta.kind,
            merged,
            before,
            new_changes: new.len(),
            arrived,
            whole,
            report,
        })
    }
}

/// Whether the holder of `heads` (from a receipt) has every change of `doc`.
pub fn holds_all(doc: &mut AutoCommit, heads: &[String]) -> bool {
    let known: Vec<ChangeHash> =
        heads.iter().filter_map(|h| h.parse().ok()).filter(|h| doc.get_change_by_hash(h).is_some()).collect();
    // Heads we do not know are the holder's newer changes; ours must all be below those we know.
    doc.get_changes(&known).is_empty()
}
