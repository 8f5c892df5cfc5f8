//! Where a running server keeps its data: a data directory (the default, nothing else to
//! install) or PostgreSQL (a deployment past one machine). The hub, the WebSocket checks and
//! the join endpoint go through this, never through files themselves.

use crate::accounts::Accounts;
use crate::fs_storage::FsStorage;
use crate::pg::{PgError, PgStore};
use crate::serve_error::ServeError;
use crate::store::DataDir;

mod write;
use std::collections::BTreeMap;
use tiendo_core::history::ArrivalBatch;
use tiendo_core::storage::{open_chunks, run_ready, Storage, StorageError, StorageKey, StoredDoc};

/// Which store a command works on, as given on its command line.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// A data directory (`--data DIR`).
    Dir(&'a std::path::Path),
    /// A PostgreSQL database (`--store URL`).
    Postgres(&'a str),
}

impl<'a> Place<'a> {
    /// `--store` if given, else `--data`.
    pub fn of(data: &'a std::path::Path, store: Option<&'a str>) -> Self {
        store.map_or(Place::Dir(data), Place::Postgres)
    }

    /// Opens it (connects to the database).
    pub async fn open(self) -> Result<Backend, ServeError> {
        Ok(match self {
            Place::Dir(path) => Backend::Dir(DataDir::new(path)),
            Place::Postgres(url) => Backend::Pg(PgStore::connect(url).await.map_err(db)?),
        })
    }
}

/// The server's store.
#[derive(Debug, Clone)]
pub enum Backend {
    /// A data directory.
    Dir(DataDir),
    /// A PostgreSQL database.
    Pg(PgStore),
}

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// PostgreSQL failed.
    #[error(transparent)]
    Pg(#[from] PgError),
    /// The storage contract failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A key is not a storage key.
    #[error(transparent)]
    Key(#[from] tiendo_core::storage::KeyError),
    /// A blocking task stopped.
    #[error("a storage task stopped: {0}")]
    Task(#[from] tokio::task::JoinError),
}

fn db(e: impl Into<PgError>) -> ServeError {
    ServeError::Backend(BackendError::Pg(e.into()))
}

fn files(dir: &DataDir) -> FsStorage {
    FsStorage::new(dir.root().join("docs"))
}

const ACCOUNTS: &str = "accounts.json";

fn storage(e: impl Into<BackendError>) -> ServeError {
    ServeError::Backend(e.into())
}

impl Backend {
    /// Every document with every chunk stored for it.
    pub async fn docs(&self) -> Result<BTreeMap<String, StoredDoc>, ServeError> {
        let chunks = self
            .chunks()
            .await?
            .into_iter()
            .filter_map(|(key, bytes)| key.parts().first().cloned().map(|id| (id, key, bytes)))
            .collect();
        Ok(open_chunks(chunks))
    }

    /// The accounts (access codes and devices).
    pub async fn accounts(&self) -> Result<Accounts, ServeError> {
        match self {
            Backend::Dir(dir) => {
                let path = dir.root().join(ACCOUNTS);
                match std::fs::read(&path) {
                    Ok(bytes) => Ok(serde_json::from_slice(&bytes)?),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Accounts::default()),
                    Err(e) => Err(ServeError::io(path)(e)),
                }
            }
            Backend::Pg(pg) => {
                let client = pg.client().await.map_err(db)?;
                let row = client.query_opt("SELECT json::text FROM accounts WHERE id = 1", &[]).await.map_err(db)?;
                match row {
                    Some(r) => Ok(serde_json::from_str(r.get::<_, &str>(0))?),
                    None => Ok(Accounts::default()),
                }
            }
        }
    }

    /// When the accounts last changed on disk, for a data directory (`None` on PostgreSQL, or
    /// before any is written): what a running server holds is read again only when it differs.
    pub fn accounts_stamp(&self) -> Option<std::time::SystemTime> {
        match self {
            Backend::Dir(dir) => std::fs::metadata(dir.root().join(ACCOUNTS)).and_then(|m| m.modified()).ok(),
            Backend::Pg(_) => None,
        }
    }

    /// Changes the accounts with `f`, read and written as one step (on PostgreSQL under a row
    /// lock, so two nodes never lose each other's change). Returns what `f` gave and the accounts
    /// as written.
    pub async fn update_accounts<R>(
        &self,
        f: impl FnOnce(&mut Accounts) -> Result<R, ServeError>,
    ) -> Result<(R, Accounts), ServeError> {
        match self {
            Backend::Dir(_) => {
                let mut accounts = self.accounts().await?;
                let r = f(&mut accounts)?;
                self.save_accounts(&accounts).await?;
                Ok((r, accounts))
            }
            Backend::Pg(pg) => {
                let mut client = pg.client().await.map_err(db)?;
                let tx = client.transaction().await.map_err(db)?;
                tx.execute("INSERT INTO accounts (id, json) VALUES (1, '{}'::jsonb) ON CONFLICT DO NOTHING", &[])
                    .await
                    .map_err(db)?;
                let row =
                    tx.query_one("SELECT json::text FROM accounts WHERE id = 1 FOR UPDATE", &[]).await.map_err(db)?;
                let text: &str = row.get(0);
                let mut accounts: Accounts =
                    if text == "{}" { Accounts::default() } else { serde_json::from_str(text)? };
                let r = f(&mut accounts)?;
                let json = serde_json::to_string(&accounts)?;
                tx.execute("UPDATE accounts SET json = $1::text::jsonb WHERE id = 1", &[&json]).await.map_err(db)?;
                tx.commit().await.map_err(db)?;
                Ok((r, accounts))
            }
        }
    }

    /// Writes the accounts whole (a data directory's file, atomically; PostgreSQL's row).
    pub async fn save_accounts(&self, accounts: &Accounts) -> Result<(), ServeError> {
        match self {
            Backend::Dir(dir) => {
                let bytes = serde_json::to_vec_pretty(accounts)?;
                FsStorage::write_atomic(&dir.root().join(ACCOUNTS), &bytes).map_err(storage)
            }
            Backend::Pg(pg) => {
                let json = serde_json::to_string(accounts)?;
                let client = pg.client().await.map_err(db)?;
                client
                    .execute(
                        "INSERT INTO accounts (id, json) VALUES (1, $1::text::jsonb) ON CONFLICT (id) DO UPDATE SET json = EXCLUDED.json",
                        &[&json],
                    )
                    .await
                    .map_err(db)?;
                Ok(())
            }
        }
    }

    /// Appends arrival records, durably.
    pub async fn append_arrivals(&self, batches: Vec<ArrivalBatch>) -> Result<(), ServeError> {
        match self {
            Backend::Dir(dir) => {
                let dir = dir.clone();
                tokio::task::spawn_blocking(move || crate::arrivals::append(&dir, &batches)).await.map_err(storage)?
            }
            Backend::Pg(pg) => {
                let client = pg.client().await.map_err(db)?;
                for b in batches.iter().filter(|b| !b.changes.is_empty()) {
                    let json = serde_json::to_string(b)?;
                    client
                        .execute("INSERT INTO arrivals (doc, batch) VALUES ($1, $2::text::jsonb)", &[&b.doc, &json])
                        .await
                        .map_err(db)?;
                }
                Ok(())
            }
        }
    }

    /// A small named blob (`device.json`, `sync-states.json`), if stored.
    pub async fn blob(&self, name: &str) -> Result<Option<Vec<u8>>, ServeError> {
        match self {
            Backend::Dir(dir) => {
                let path = dir.root().join(name);
                match std::fs::read(&path) {
                    Ok(b) => Ok(Some(b)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(ServeError::Io { path, source: e }),
                }
            }
            Backend::Pg(pg) => {
                let client = pg.client().await.map_err(db)?;
                let row = client.query_opt("SELECT bytes FROM blobs WHERE name = $1", &[&name]).await.map_err(db)?;
                Ok(row.map(|r| r.get(0)))
            }
        }
    }

    /// Stores a blob durably (`None` removes it).
    pub async fn put_blob(&self, name: &str, bytes: Option<&[u8]>) -> Result<(), ServeError> {
        match (self, bytes) {
            (Backend::Dir(dir), Some(b)) => FsStorage::write_atomic(&dir.root().join(name), b).map_err(storage),
            (Backend::Dir(dir), None) => match std::fs::remove_file(dir.root().join(name)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(ServeError::io(dir.root().join(name))(e)),
                _ => Ok(()),
            },
            (Backend::Pg(pg), Some(b)) => {
                let client = pg.client().await.map_err(db)?;
                client
                    .execute(
                        "INSERT INTO blobs (name, bytes) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET bytes = EXCLUDED.bytes",
                        &[&name, &b],
                    )
                    .await
                    .map_err(db)?;
                Ok(())
            }
            (Backend::Pg(pg), None) => {
                let client = pg.client().await.map_err(db)?;
                client.execute("DELETE FROM blobs WHERE name = $1", &[&name]).await.map_err(db)?;
                Ok(())
            }
        }
    }

    /// Every document chunk, raw.
    pub async fn chunks(&self) -> Result<Vec<(StorageKey, Vec<u8>)>, ServeError> {
        let all = StorageKey::new(Vec::<String>::new()).map_err(storage)?;
        match self {
            Backend::Dir(dir) => run_ready(files(dir).load_range(&all)).map_err(storage),
            Backend::Pg(pg) => pg.load_range(&all).await.map_err(storage),
        }
    }

    /// Every arrival record, oldest first per document.
    pub async fn all_arrivals(&self) -> Result<Vec<ArrivalBatch>, ServeError> {
        match self {
            Backend::Dir(dir) => {
                let mut out = Vec::new();
                let folder = dir.root().join("arrivals");
                for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                    let text = std::fs::read_to_string(entry.path()).map_err(ServeError::io(entry.path()))?;
                    out.extend(text.lines().filter_map(|l| serde_json::from_str::<ArrivalBatch>(l).ok()));
                }
                Ok(out)
            }
            Backend::Pg(pg) => {
                let client = pg.client().await.map_err(db)?;
                let rows = client.query("SELECT batch::text FROM arrivals ORDER BY seq", &[]).await.map_err(db)?;
                Ok(rows.iter().filter_map(|r| serde_json::from_str(r.get::<_, &str>(0)).ok()).collect())
            }
        }
    }

    /// One document with every chunk stored for it; `None` if there is none.
    pub async fn doc(&self, id: &str) -> Result<Option<StoredDoc>, ServeError> {
        let prefix = StorageKey::new([id]).map_err(storage)?;
        let chunks = match self {
            Backend::Dir(dir) => run_ready(files(dir).load_range(&prefix)).map_err(storage)?,
            Backend::Pg(pg) => pg.load_range(&prefix).await.map_err(storage)?,
        };
        Ok(StoredDoc::from_entries(id, chunks))
    }

    /// Whether the store holds a workspace (reads only the workspace document's chunks).
    pub async fn has_workspace(&self) -> Result<bool, ServeError> {
        let prefix = StorageKey::new([crate::store::WORKSPACE_DOC]).map_err(storage)?;
        let found = match self {
            Backend::Dir(dir) => run_ready(files(dir).load_range(&prefix)).map_err(storage)?,
            Backend::Pg(pg) => pg.load_range(&prefix).await.map_err(storage)?,
        };
        Ok(!found.is_empty())
    }

    /// Creates the workspace with the built-in Trà Vinh 2020 plan if the store holds none.
    /// Returns whether it did.
    pub async fn init_builtin(&self) -> Result<bool, ServeError> {
        if self.has_workspace().await? {
            return Ok(false);
        }
        self.put_all(&crate::store::builtin_snapshots()?).await?;
        Ok(true)
    }

    /// Stores chunks of several documents all or nothing.
    pub async fn put_all(&self, entries: &[(StorageKey, Vec<u8>)]) -> Result<(), ServeError> {
        match self {
            Backend::Dir(dir) => run_ready(files(dir).put_all(entries)).map_err(storage),
            Backend::Pg(pg) => pg.put_all(entries).await.map_err(storage),
        }
    }
}
