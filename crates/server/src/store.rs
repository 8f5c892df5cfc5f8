//! The data directory: documents as chunks under `DIR/docs/<doc-id>/…` (the storage contract on
//! files, see [`FsStorage`]), and `DIR/accounts.json`.
//!
//! Doc ids are `workspace`, `plan.<plan-id>`, `reports.<plan-id>.<agency-id>` and
//! `reviews.<plan-id>`.

use crate::error::CliError;
use crate::fs_storage::FsStorage;
use crate::serve_error::ServeError;
use std::path::{Path, PathBuf};
use tiendo_core::schema::{self, genesis, Document, WorkspaceDoc};
use tiendo_core::storage::{run_ready, snapshot_key, DocStore, Storage, StorageKey, StoredDoc};

pub use tiendo_core::schema::genesis::{plan_doc_id, reports_doc_id, WORKSPACE_DOC};

/// A data directory.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data directory at `root` (not created yet).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }
    /// Its root.
    pub fn root(&self) -> &Path {
        &self.root
    }
    /// Where a document's chunks are.
    pub fn doc_path(&self, id: &str) -> PathBuf {
        self.root.join("docs").join(id)
    }
    /// The document store on this directory.
    pub fn store(&self) -> DocStore<FsStorage> {
        DocStore::new(FsStorage::new(self.root.join("docs")))
    }
    /// Whether it holds a workspace.
    pub fn is_initialised(&self) -> bool {
        self.doc_path(WORKSPACE_DOC).is_dir()
    }
    /// Stores a whole saved document as a snapshot chunk (durable when this returns).
    pub fn write_doc(&self, id: &str, bytes: &[u8]) -> Result<(), CliError> {
        let key = snapshot_key(id, bytes).map_err(|e| self.storage_error(id, e))?;
        run_ready(self.store().storage().put(&key, bytes)).map_err(|e| self.storage_error(id, e))
    }
    fn storage_error(&self, id: &str, e: impl std::fmt::Display) -> CliError {
        CliError::Io { path: self.doc_path(id), source: std::io::Error::other(e.to_string()) }
    }
    /// Writes a file atomically: temporary file, fsync, rename, fsync of the folder.
    pub fn write_file(&self, path: &Path, bytes: &[u8]) -> Result<(), CliError> {
        FsStorage::write_atomic(path, bytes)
            .map_err(|e| CliError::Io { path: path.into(), source: std::io::Error::other(e.to_string()) })
    }
    /// Opens a document with every chunk stored for it, if it has any.
    pub fn open(&self, id: &str) -> Result<Option<StoredDoc>, CliError> {
        // Damaged chunks are skipped (and kept); a document with none readable fails to read.
        run_ready(self.store().open(id)).map_err(|e| self.storage_error(id, e))
    }
    /// Every document id that has chunks.
    pub fn doc_ids(&self) -> Result<Vec<String>, CliError> {
        let dir = self.root.join("docs");
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(CliError::Io { path: dir, source: e }),
        };
        let mut ids: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|id| StorageKey::new([id.as_str()]).is_ok())
            .collect();
        ids.sort();
        Ok(ids)
    }
    /// Reads and checks a typed document.
    pub fn read_doc<T: Document>(&self, id: &str) -> Result<T, CliError> {
        self.load_doc(id).map(|(_, v)| v)
    }
    /// Reads and checks a typed document, with its history to change it.
    pub fn load_doc<T: Document>(&self, id: &str) -> Result<(automerge::AutoCommit, T), CliError> {
        let path = self.doc_path(id);
        let Some(stored) = self.open(id)? else {
            return Err(match id {
                WORKSPACE_DOC => CliError::NotInitialised(self.root.clone()),
                _ => CliError::Io { path, source: std::io::ErrorKind::NotFound.into() },
            });
        };
        let value =
            schema::read::<T, _>(&stored.doc).map_err(|source| CliError::Doc { path, source: Box::new(source) })?;
        Ok((stored.doc, value))
    }
    /// Writes `value` into `doc` as a change and stores the document atomically.
    pub fn store_doc<T: Document>(&self, id: &str, doc: &mut automerge::AutoCommit, value: &T) -> Result<(), CliError> {
        schema::write(doc, value)
            .map_err(|source| CliError::Doc { path: self.doc_path(id), source: Box::new(source) })?;
        tiendo_core::changes::commit_at(doc, crate::accounts::now_ms());
        self.write_doc(id, &doc.save())
    }
    /// The workspace document.
    pub fn workspace(&self) -> Result<WorkspaceDoc, CliError> {
        self.read_doc(WORKSPACE_DOC)
    }
    /// Creates the workspace with the built-in Trà Vinh 2020 plan. Returns `false` if one exists.
    pub fn init_builtin(&self) -> Result<bool, CliError> {
        if self.is_initialised() {
            return Ok(false);
        }
        for (key, bytes) in builtin_snapshots()? {
            run_ready(self.store().storage().put(&key, &bytes)).map_err(|e| self.storage_error("workspace", e))?;
        }
        Ok(true)
    }
}

impl DataDir {
    /// Writes a new workspace's genesis documents: its plan first, so that a workspace never
    /// points at a document that is not there.
    pub fn create(&self, ws: &WorkspaceDoc, plan: tiendo_core::model::Plan) -> Result<(), CliError> {
        for (key, bytes) in genesis_snapshots(ws, plan)? {
            run_ready(self.store().storage().put(&key, &bytes)).map_err(|e| self.storage_error("workspace", e))?;
        }
        Ok(())
    }

    /// Stores chunks of several documents all or nothing (see [`FsStorage::put_all`]).
    pub fn apply_batch(&self, chunks: &[(StorageKey, Vec<u8>)]) -> Result<(), CliError> {
        run_ready(self.store().storage().put_all(chunks)).map_err(|e| self.storage_error("batch", e))
    }

    /// Finishes a batch a crash interrupted (a no-op when there is none).
    pub fn recover(&self) -> Result<(), CliError> {
        self.store().storage().recover().map_err(|e| self.storage_error("batch", e))
    }

    /// Takes the data directory's lock (`tiendo serve` holds it while it runs); `None` if
    /// another process has it.
    pub fn try_lock(&self) -> Result<Option<std::fs::File>, CliError> {
        let path = self.root.join(".lock");
        std::fs::create_dir_all(&self.root).map_err(CliError::io(&self.root))?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(CliError::io(&path))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(CliError::Io { path, source: e }),
        }
    }
}

/// A new workspace's genesis documents as snapshot chunks, its plan first: byte for byte what
/// every browser makes.
pub fn genesis_snapshots(
    ws: &WorkspaceDoc,
    plan: tiendo_core::model::Plan,
) -> Result<Vec<(StorageKey, Vec<u8>)>, ServeError> {
    let plan_id = plan_doc_id(&plan.id);
    let snapshot = |r: Result<automerge::AutoCommit, schema::DocError>, id: &str| {
        let bytes = r
            .map(|mut d| d.save())
            .map_err(|source| ServeError::Unreadable { id: id.to_owned(), source: Box::new(source) })?;
        let key = snapshot_key(id, &bytes).map_err(|e| ServeError::Backend(e.into()))?;
        Ok::<_, ServeError>((key, bytes))
    };
    Ok(vec![
        snapshot(genesis::genesis(&genesis::plan_doc(plan)), &plan_id)?,
        snapshot(genesis::genesis(ws), WORKSPACE_DOC)?,
    ])
}

/// The built-in Trà Vinh 2020 workspace's genesis documents.
pub fn builtin_snapshots() -> Result<Vec<(StorageKey, Vec<u8>)>, ServeError> {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020()?;
    let ws = genesis::workspace_doc(tiendo_core::builtin::tra_vinh_workspace(), registry, &[&parsed.plan]);
    genesis_snapshots(&ws, parsed.plan)
}
