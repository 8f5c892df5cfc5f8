//! PostgreSQL as the server's store (`--store postgres://…`): document chunks, accounts, arrival
//! records and small blobs in the tables of `migrations/`. One connection, made again when the
//! database went away (a restart): what fails meanwhile is refused, and clients send it again.

mod notify;
mod storage;

pub use notify::Notice;

use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, MutexGuard};
use tokio_postgres::{Client, Config, NoTls};

/// The migrations, in order; each is idempotent.
const MIGRATIONS: &[&str] = &[include_str!("../../migrations/0001_init.sql")];

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    /// The connection string does not read.
    #[error("cannot read the PostgreSQL address {url:?}: {source}")]
    Address {
        /// What was given (without its password).
        url: String,
        /// Why.
        source: tokio_postgres::Error,
    },
    /// Connecting, or a statement, failed.
    #[error("postgresql: {0}")]
    Db(#[from] tokio_postgres::Error),
}

/// A PostgreSQL database holding one workspace's data. Clones share the connection.
#[derive(Clone)]
pub struct PgStore(Arc<Inner>);

struct Inner {
    config: Config,
    client: Mutex<Option<Client>>,
    /// This process among the nodes (its own notices are not news to it).
    node: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("dbname", &self.0.config.get_dbname()).finish()
    }
}

/// The connection, held for one statement or transaction (`DerefMut` for a transaction).
pub struct Conn<'a>(MutexGuard<'a, Option<Client>>);

impl Deref for Conn<'_> {
    type Target = Client;
    fn deref(&self) -> &Client {
        // `client` only hands out a guard it filled.
        self.0.as_ref().unwrap_or_else(|| unreachable!("a connection is made before it is lent"))
    }
}

impl DerefMut for Conn<'_> {
    fn deref_mut(&mut self) -> &mut Client {
        self.0.as_mut().unwrap_or_else(|| unreachable!("a connection is made before it is lent"))
    }
}

/// `url` without a password, for messages.
fn shown(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => match url[s + 3..at].find(':') {
            Some(colon) => format!("{}:***{}", &url[..s + 3 + colon], &url[at..]),
            None => url.to_owned(),
        },
        _ => url.to_owned(),
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host/db`, `postgresql:///db?host=/run/sock`, or
    /// `host=… dbname=…`) and brings its tables up to date.
    pub async fn connect(url: &str) -> Result<Self, PgError> {
        let mut config: Config = url.parse().map_err(|source| PgError::Address { url: shown(url), source })?;
        // A database that went silent (a cut cable, not a clean stop) must fail the write that
        // waits on it, not hold the hub forever: its laptops keep their edits and send again.
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        config.keepalives_idle(Duration::from_secs(30));
        if config.get_tcp_user_timeout().is_none() {
            config.tcp_user_timeout(Duration::from_secs(30));
        }
        let node = tiendo_core::hex::encode(&automerge::ActorId::random().to_bytes()[..8]);
        let store = Self(Arc::new(Inner { config, client: Mutex::new(None), node }));
        {
            let client = store.client().await?;
            for m in MIGRATIONS {
                client.batch_execute(m).await?;
            }
        }
        Ok(store)
    }

    /// The connection, made again if it closed.
    pub async fn client(&self) -> Result<Conn<'_>, PgError> {
        let mut guard = self.0.client.lock().await;
        if guard.as_ref().is_none_or(Client::is_closed) {
            let (client, connection) = self.0.config.connect(NoTls).await?;
            tokio::spawn(async move {
                if let Err(e) = connection.await {
                    tracing::warn!(error = %e, "the PostgreSQL connection ended");
                }
            });
            *guard = Some(client);
        }
        Ok(Conn(guard))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_password_is_never_shown_in_messages() {
        assert_eq!(super::shown("postgres://tiendo:secret@db/tiendo"), "postgres://tiendo:***@db/tiendo");
        assert_eq!(super::shown("postgres://tiendo@db/tiendo"), "postgres://tiendo@db/tiendo");
        assert_eq!(super::shown("host=/run dbname=x"), "host=/run dbname=x");
    }
}
