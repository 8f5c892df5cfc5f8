//! The storage contract on PostgreSQL: one row per chunk, keyed by its encoded storage key. A
//! write returns once the database has committed it, so an acknowledged change is durable there.

use super::PgStore;
use tiendo_core::storage::{Storage, StorageError, StorageKey};

fn backend(e: impl std::fmt::Display) -> StorageError {
    StorageError::Backend(format!("postgresql: {e}"))
}

/// The first encoded key past every key under `prefix`: `/` is followed by `0` in byte order.
fn past(prefix: &str) -> String {
    format!("{prefix}0")
}

impl Storage for PgStore {
    async fn load(&self, key: &StorageKey) -> Result<Option<Vec<u8>>, StorageError> {
        let client = self.client().await.map_err(backend)?;
        let row =
            client.query_opt("SELECT bytes FROM chunks WHERE key = $1", &[&key.encode()]).await.map_err(backend)?;
        Ok(row.map(|r| r.get(0)))
    }

    async fn put(&self, key: &StorageKey, data: &[u8]) -> Result<(), StorageError> {
        let client = self.client().await.map_err(backend)?;
        client
            .execute(
                "INSERT INTO chunks (key, bytes) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET bytes = EXCLUDED.bytes",
                &[&key.encode(), &data],
            )
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn put_all(&self, entries: &[(StorageKey, Vec<u8>)]) -> Result<(), StorageError> {
        let mut client = self.client().await.map_err(backend)?;
        let tx = client.transaction().await.map_err(backend)?;
        let statement = tx
            .prepare("INSERT INTO chunks (key, bytes) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET bytes = EXCLUDED.bytes")
            .await
            .map_err(backend)?;
        for (key, bytes) in entries {
            tx.execute(&statement, &[&key.encode(), bytes]).await.map_err(backend)?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn remove(&self, key: &StorageKey) -> Result<(), StorageError> {
        let client = self.client().await.map_err(backend)?;
        client.execute("DELETE FROM chunks WHERE key = $1", &[&key.encode()]).await.map_err(backend)?;
        Ok(())
    }

    async fn load_range(&self, prefix: &StorageKey) -> Result<Vec<(StorageKey, Vec<u8>)>, StorageError> {
        let client = self.client().await.map_err(backend)?;
        let rows = if prefix.parts().is_empty() {
            client.query("SELECT key, bytes FROM chunks ORDER BY key", &[]).await
        } else {
            let exact = prefix.encode();
            let under = format!("{exact}/");
            client
                .query(
                    "SELECT key, bytes FROM chunks WHERE key = $1 OR (key >= $2 AND key < $3) ORDER BY key",
                    &[&exact, &under, &past(&under[..under.len() - 1])],
                )
                .await
        }
        .map_err(backend)?;
        rows.into_iter()
            .map(|r| {
                let key: String = r.get(0);
                let key = StorageKey::decode(&key).map_err(backend)?;
                Ok((key, r.get(1)))
            })
            .collect()
    }
}
