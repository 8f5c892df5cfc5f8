//! `tiendo backup` and `tiendo restore`: a whole workspace in one file (every document chunk, the
//! accounts, the server's key, the arrival records), from and to either store. A restore goes
//! only into an empty store, all at once: documents last, so a store whose workspace is there is
//! a whole one.

use crate::accounts::Accounts;
use crate::backend::Place;
use crate::error::CliError;
use crate::serve_error::ServeError;
use crate::store::{DataDir, WORKSPACE_DOC};
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use tiendo_core::history::ArrivalBatch;
use tiendo_core::storage::StorageKey;

/// What a backup file says it is.
const FORMAT: &str = "tiendo-backup";
/// The version this build writes and reads.
const VERSION: u32 = 1;
/// The blobs a workspace keeps (sync states are not: peers resync).
const BLOBS: &[&str] = &["device.json"];

/// A backup file.
#[derive(Debug, Serialize, Deserialize)]
struct BackupFile {
    format: String,
    version: u32,
    /// Encoded storage key → base64 bytes.
    chunks: BTreeMap<String, String>,
    accounts: Accounts,
    /// Name → base64 bytes.
    blobs: BTreeMap<String, String>,
    arrivals: Vec<ArrivalBatch>,
}

/// `tiendo backup`: writes the workspace of `place` to `out`.
pub fn backup(place: Place<'_>, out_file: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let rt = tokio::runtime::Runtime::new().map_err(CliError::io("tokio runtime"))?;
    let file = rt.block_on(async {
        let backend = place.open().await?;
        let chunks = backend.chunks().await?;
        if !chunks.iter().any(|(k, _)| k.parts().first().map(String::as_str) == Some(WORKSPACE_DOC)) {
            return Err(CliError::from(ServeError::EmptyStore));
        }
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut blobs = BTreeMap::new();
        for name in BLOBS {
            if let Some(bytes) = backend.blob(name).await? {
                blobs.insert((*name).to_owned(), b64.encode(bytes));
            }
        }
        Ok(BackupFile {
            format: FORMAT.into(),
            version: VERSION,
            chunks: chunks.into_iter().map(|(k, v)| (k.encode(), b64.encode(v))).collect(),
            accounts: backend.accounts().await?,
            blobs,
            arrivals: backend.all_arrivals().await?,
        })
    })?;
    let bytes = serde_json::to_vec(&file)?;
    DataDir::new(".").write_file(out_file, &bytes)?;
    writeln!(out, "đã sao lưu {} phần tài liệu vào {}", file.chunks.len(), out_file.display())
        .map_err(CliError::io("stdout"))
}

/// `tiendo restore`: puts the workspace of the backup `from` into the empty store `place`.
pub fn restore(from: &Path, place: Place<'_>, out: &mut dyn Write) -> Result<(), CliError> {
    let bytes = std::fs::read(from).map_err(CliError::io(from))?;
    let bad = |why: String| CliError::BadBackup { path: from.to_owned(), why };
    let file: BackupFile = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
    if file.format != FORMAT || file.version != VERSION {
        return Err(bad(format!(
            "{} version {}, this build reads {FORMAT} version {VERSION}",
            file.format, file.version
        )));
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut chunks = Vec::with_capacity(file.chunks.len());
    for (key, value) in &file.chunks {
        let key = StorageKey::decode(key).map_err(|e| bad(e.to_string()))?;
        chunks.push((key, b64.decode(value).map_err(|e| bad(e.to_string()))?));
    }
    let mut blobs = Vec::new();
    for (name, value) in &file.blobs {
        if !BLOBS.contains(&name.as_str()) {
            return Err(bad(format!("unknown entry {name:?}")));
        }
        blobs.push((name.clone(), b64.decode(value).map_err(|e| bad(e.to_string()))?));
    }
    let _lock = match place {
        Place::Dir(path) => {
            let dir = DataDir::new(path);
            let Some(lock) = dir.try_lock()? else { return Err(CliError::ServerRunning(path.to_owned())) };
            Some(lock)
        }
        Place::Postgres(_) => None,
    };
    let rt = tokio::runtime::Runtime::new().map_err(CliError::io("tokio runtime"))?;
    rt.block_on(async {
        let backend = place.open().await?;
        if backend.has_workspace().await? {
            return Err(CliError::StoreNotEmpty);
        }
        backend.save_accounts(&file.accounts).await?;
        for (name, bytes) in &blobs {
            backend.put_blob(name, Some(bytes)).await?;
        }
        backend.append_arrivals(file.arrivals).await?;
        Ok(backend.put_all(&chunks).await?)
    })?;
    writeln!(out, "đã khôi phục {} phần tài liệu từ {}", chunks.len(), from.display()).map_err(CliError::io("stdout"))
}
