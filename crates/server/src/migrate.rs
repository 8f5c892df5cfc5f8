//! `tiendo migrate --from DIR --to postgres://…`: moves a data directory into PostgreSQL, whole:
//! every document chunk, the accounts, the server's key and the arrival records. The directory
//! is left as it was; the database must hold no workspace yet.

use crate::backend::Backend;
use crate::error::CliError;
use crate::pg::PgStore;
use crate::serve_error::ServeError;
use crate::store::DataDir;
use std::io::Write;
use std::path::Path;

/// Runs the move on its own runtime.
pub fn migrate(from: &Path, to: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(from);
    // The server must not write under the move.
    let Some(_lock) = dir.try_lock()? else { return Err(CliError::ServerRunning(from.to_owned())) };
    if !dir.is_initialised() {
        return Err(CliError::NotInitialised(from.to_owned()));
    }
    dir.recover()?;
    let rt = tokio::runtime::Runtime::new().map_err(CliError::io("tokio runtime"))?;
    let moved = rt.block_on(async {
        let pg = PgStore::connect(to).await.map_err(|e| ServeError::Backend(e.into()))?;
        let target = Backend::Pg(pg);
        if target.has_workspace().await? {
            return Err(CliError::StoreNotEmpty);
        }
        move_all(&dir, &target).await
    })?;
    writeln!(out, "đã chuyển {} phần tài liệu, tài khoản và nhật ký nhận vào PostgreSQL", moved)
        .map_err(CliError::io("stdout"))
}

/// Copies everything; returns how many chunks.
async fn move_all(dir: &DataDir, target: &Backend) -> Result<usize, CliError> {
    let source = Backend::Dir(dir.clone());
    let chunks = source.chunks().await?;
    let accounts = source.accounts().await?;
    target.save_accounts(&accounts).await?;
    for blob in ["device.json"] {
        if let Some(bytes) = source.blob(blob).await? {
            target.put_blob(blob, Some(&bytes)).await?;
        }
    }
    target.append_arrivals(source.all_arrivals().await?).await?;
    // The documents last: a store whose workspace is there is a whole one.
    target.put_all(&chunks).await?;
    Ok(chunks.len())
}
