//! The data directory: one file per Automerge document, written atomically.
//!
//! Layout: `DIR/docs/<doc-id>.automerge`, where doc ids are `workspace`, `plan.<plan-id>`,
//! `reports.<plan-id>.<agency-id>` and `reviews.<plan-id>`.

use crate::error::CliError;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use tiendo_core::model::DocKind;
use tiendo_core::schema::{self, genesis, Document, PlanDoc, WorkspaceDoc};

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
    fn doc_path(&self, id: &str) -> PathBuf {
        self.root.join("docs").join(format!("{id}.automerge"))
    }
    /// Whether it holds a workspace.
    pub fn is_initialised(&self) -> bool {
        self.doc_path(WORKSPACE_DOC).is_file()
    }
    /// Writes a document's bytes atomically: temporary file, fsync, rename, fsync of the folder.
    pub fn write_doc(&self, id: &str, bytes: &[u8]) -> Result<(), CliError> {
        self.write_file(&self.doc_path(id), bytes)
    }

    /// Writes a file atomically: temporary file, fsync, rename, fsync of the folder.
    pub fn write_file(&self, path: &Path, bytes: &[u8]) -> Result<(), CliError> {
        let path = path.to_path_buf();
        let dir = path.parent().unwrap_or(&self.root).to_path_buf();
        fs::create_dir_all(&dir).map_err(CliError::io(&dir))?;
        let tmp = path.with_extension("tmp");
        let mut f = fs::File::create(&tmp).map_err(CliError::io(&tmp))?;
        f.write_all(bytes).map_err(CliError::io(&tmp))?;
        f.sync_all().map_err(CliError::io(&tmp))?;
        fs::rename(&tmp, &path).map_err(CliError::io(&path))?;
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
    /// Reads and checks a typed document.
    pub fn read_doc<T: Document>(&self, id: &str) -> Result<T, CliError> {
        self.load_doc(id).map(|(_, v)| v)
    }
    /// Reads and checks a typed document, with its history to change it.
    pub fn load_doc<T: Document>(&self, id: &str) -> Result<(automerge::AutoCommit, T), CliError> {
        let path = self.doc_path(id);
        if id == WORKSPACE_DOC && !path.is_file() {
            return Err(CliError::NotInitialised(self.root.clone()));
        }
        let bytes = fs::read(&path).map_err(CliError::io(&path))?;
        schema::load::<T>(&bytes).map_err(|source| CliError::Doc { path, source: Box::new(source) })
    }
    /// Writes `value` into `doc` as a change and stores the document atomically.
    pub fn store_doc<T: Document>(&self, id: &str, doc: &mut automerge::AutoCommit, value: &T) -> Result<(), CliError> {
        schema::write(doc, value)
            .map_err(|source| CliError::Doc { path: self.doc_path(id), source: Box::new(source) })?;
        doc.commit();
        self.write_doc(id, &doc.save())
    }
    /// The workspace document.
    pub fn workspace(&self) -> Result<WorkspaceDoc, CliError> {
        self.read_doc(WORKSPACE_DOC)
    }
    /// The first plan of the workspace.
    pub fn first_plan(&self) -> Result<PlanDoc, CliError> {
        let ws = self.workspace()?;
        let entry = ws
            .documents
            .iter()
            .find(|d| d.kind == DocKind::Plan)
            .ok_or_else(|| CliError::NotInitialised(self.root.clone()))?;
        self.read_doc(&entry.id)
    }
    /// Creates the workspace with the built-in Trà Vinh 2020 plan. Returns `false` if one exists.
    pub fn init_builtin(&self) -> Result<bool, CliError> {
        if self.is_initialised() {
            return Ok(false);
        }
        let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020()?;
        let plan_id = parsed.plan.id.clone();
        let plan_doc = plan_doc_id(&plan_id);
        let ws = genesis::workspace_doc(tiendo_core::builtin::tra_vinh_workspace(), registry, &[&parsed.plan]);
        let plan = genesis::plan_doc(parsed.plan);
        // Genesis documents: byte for byte what every browser makes of the built-in plan.
        let to_bytes = |r: Result<automerge::AutoCommit, schema::DocError>, id: &str| {
            r.map(|mut d| d.save())
                .map_err(|source| CliError::Doc { path: self.doc_path(id), source: Box::new(source) })
        };
        // The plan first: a workspace never points at a document that is not there.
        self.write_doc(&plan_doc, &to_bytes(genesis::genesis(&plan), &plan_doc)?)?;
        self.write_doc(WORKSPACE_DOC, &to_bytes(genesis::genesis(&ws), WORKSPACE_DOC)?)?;
        Ok(true)
    }
}
