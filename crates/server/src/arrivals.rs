//! The server's arrival records: when each change it accepted arrived, and how (which device's
//! connection, or which signed sync file). One JSON line per batch, appended to
//! `DIR/arrivals/<doc-id>.jsonl` and synced to disk, so that the province's timeliness can be
//! settled from the server's record as well as from the laptops' clocks.

use crate::serve_error::ServeError;
use crate::store::DataDir;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use tiendo_core::history::{ArrivalBatch, ArrivalLog};
use tiendo_core::storage::StorageKey;

/// Where a document's arrival records are.
fn path(dir: &DataDir, doc: &str) -> Option<PathBuf> {
    // The same rule as the documents' folders: an id that is not a safe key has no file.
    StorageKey::new([doc]).ok()?;
    Some(dir.root().join("arrivals").join(format!("{doc}.jsonl")))
}

/// Appends batches to their documents' records, durably (fsync) before returning.
pub fn append(dir: &DataDir, batches: &[ArrivalBatch]) -> Result<(), ServeError> {
    for b in batches.iter().filter(|b| !b.changes.is_empty()) {
        let Some(path) = path(dir, &b.doc) else { continue };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(ServeError::io(parent))?;
        }
        let mut line = serde_json::to_vec(b)?;
        line.push(b'\n');
        let mut file =
            std::fs::OpenOptions::new().create(true).append(true).open(&path).map_err(ServeError::io(&path))?;
        file.write_all(&line).map_err(ServeError::io(&path))?;
        file.sync_data().map_err(ServeError::io(&path))?;
    }
    Ok(())
}

/// The arrival log of a document: empty when nothing was recorded. A line that does not read
/// (the last one, torn by a crash mid-write) is skipped.
pub fn read(dir: &DataDir, doc: &str) -> Result<ArrivalLog, ServeError> {
    let Some(path) = path(dir, doc) else { return Ok(ArrivalLog::default()) };
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ArrivalLog::default()),
        Err(e) => return Err(ServeError::Io { path, source: e }),
    };
    let batches = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<ArrivalBatch>(&l).ok())
        .filter(|b| b.doc == doc);
    Ok(ArrivalLog::of(batches))
}
