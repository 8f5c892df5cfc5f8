//! The storage contract on local files: `ROOT/<doc>/<kind>/<hash>`, each written atomically
//! and fsynced before `put` returns, so a chunk the server has acknowledged survives `kill -9`.
//!
//! The futures never wait (the IO is done inline): the hub runs it on a blocking thread.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tiendo_core::storage::{Storage, StorageError, StorageKey};

/// Files under one directory.
#[derive(Debug, Clone)]
pub struct FsStorage {
    root: Arc<PathBuf>,
}

fn backend(path: &Path, e: impl std::fmt::Display) -> StorageError {
    StorageError::Backend(format!("{}: {e}", path.display()))
}

impl FsStorage {
    /// Storage under `root` (created when first written).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: Arc::new(root.into()) }
    }

    fn path(&self, key: &StorageKey) -> Result<PathBuf, StorageError> {
        let mut path = self.root.as_ref().clone();
        for part in key.parts() {
            // Key parts never hold '/', but '.' and '..' would still leave the directory.
            if part == "." || part == ".." || part.contains('\\') || part.contains('\0') {
                return Err(StorageError::Backend(format!("storage key part {part:?} is not a file name")));
            }
            path.push(part);
        }
        Ok(path)
    }

    /// Writes `bytes` to `path` atomically: temporary file, fsync, rename, fsync of the folder.
    pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
        let dir = path.parent().ok_or_else(|| backend(path, "no parent directory"))?;
        fs::create_dir_all(dir).map_err(|e| backend(dir, e))?;
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".tmp");
        let tmp = dir.join(name);
        let mut f = fs::File::create(&tmp).map_err(|e| backend(&tmp, e))?;
        f.write_all(bytes).map_err(|e| backend(&tmp, e))?;
        f.sync_all().map_err(|e| backend(&tmp, e))?;
        fs::rename(&tmp, path).map_err(|e| backend(path, e))?;
        fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| backend(dir, e))?;
        Ok(())
    }

    fn walk(
        &self,
        dir: &Path,
        parts: &mut Vec<String>,
        out: &mut Vec<(StorageKey, Vec<u8>)>,
    ) -> Result<(), StorageError> {
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(backend(dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| backend(dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") || name == JOURNAL {
                continue;
            }
            let path = entry.path();
            parts.push(name);
            if entry.file_type().map_err(|e| backend(&path, e))?.is_dir() {
                self.walk(&path, parts, out)?;
            } else if let Ok(key) = StorageKey::new(parts.iter().cloned()) {
                out.push((key, fs::read(&path).map_err(|e| backend(&path, e))?));
            }
            parts.pop();
        }
        Ok(())
    }
}

/// The journal of a batch being stored: every entry in one file, renamed into place whole before
/// any entry is written, so a crash mid-batch is finished by [`FsStorage::recover`].
const JOURNAL: &str = ".batch.journal";

fn journal_encode(entries: &[(StorageKey, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (key, bytes) in entries {
        let k = key.encode();
        out.extend_from_slice(&(k.len() as u32).to_be_bytes());
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

fn journal_decode(mut b: &[u8]) -> Option<Vec<(StorageKey, Vec<u8>)>> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let klen = u32::from_be_bytes(b.get(..4)?.try_into().ok()?) as usize;
        let key = StorageKey::decode(std::str::from_utf8(b.get(4..4 + klen)?).ok()?).ok()?;
        b = b.get(4 + klen..)?;
        let len = usize::try_from(u64::from_be_bytes(b.get(..8)?.try_into().ok()?)).ok()?;
        out.push((key, b.get(8..8 + len)?.to_vec()));
        b = b.get(8 + len..)?;
    }
    Some(out)
}

impl FsStorage {
    fn journal(&self) -> PathBuf {
        self.root.join(JOURNAL)
    }

    /// Finishes a batch a crash interrupted (a no-op when there is none).
    pub fn recover(&self) -> Result<(), StorageError> {
        let path = self.journal();
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(backend(&path, e)),
        };
        for (key, data) in journal_decode(&bytes).unwrap_or_default() {
            Self::write_atomic(&self.path(&key)?, &data)?;
        }
        fs::remove_file(&path).map_err(|e| backend(&path, e))
    }
}

impl Storage for FsStorage {
    async fn load(&self, key: &StorageKey) -> Result<Option<Vec<u8>>, StorageError> {
        let path = self.path(key)?;
        match fs::read(&path) {
            Ok(b) if path.is_file() => Ok(Some(b)),
            Ok(_) => Ok(None),
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::IsADirectory) => Ok(None),
            Err(e) => Err(backend(&path, e)),
        }
    }

    async fn put(&self, key: &StorageKey, data: &[u8]) -> Result<(), StorageError> {
        Self::write_atomic(&self.path(key)?, data)
    }

    async fn put_all(&self, entries: &[(StorageKey, Vec<u8>)]) -> Result<(), StorageError> {
        Self::write_atomic(&self.journal(), &journal_encode(entries))?;
        self.recover()
    }

    async fn remove(&self, key: &StorageKey) -> Result<(), StorageError> {
        let path = self.path(key)?;
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(backend(&path, e)),
        }
    }

    async fn load_range(&self, prefix: &StorageKey) -> Result<Vec<(StorageKey, Vec<u8>)>, StorageError> {
        let path = self.path(prefix)?;
        let mut out = Vec::new();
        if path.is_file() {
            out.push((prefix.clone(), fs::read(&path).map_err(|e| backend(&path, e))?));
        }
        let mut parts = prefix.parts().to_vec();
        self.walk(&path, &mut parts, &mut out)?;
        out.sort_by_key(|(k, _)| k.encode());
        Ok(out)
    }
}
