//! The accounts as a running server holds them: read once at start, not on every WebSocket
//! upgrade and join. Written through to the store, one change at a time. Others may change them
//! meanwhile: `tiendo agency code` rewrites a data directory's file (read again when its time
//! changes), and on PostgreSQL another node (read again when what is held is older than
//! [`FRESH_FOR`], and at once for a device it does not know: a laptop that joined there).

use crate::accounts::Accounts;
use crate::backend::Backend;
use crate::serve_error::ServeError;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use tiendo_core::ids::{AgencyId, DeviceId};
use tokio::sync::Mutex;

/// How long what is held counts as current on a store others write to.
pub const FRESH_FOR: Duration = Duration::from_secs(5);

/// What is held: the accounts, when they were read, and the file's time then.
#[derive(Debug, Clone)]
struct Held {
    accounts: Arc<Accounts>,
    read_at: Instant,
    stamp: Option<std::time::SystemTime>,
}

/// The accounts, held.
#[derive(Debug)]
pub struct AccountsCache {
    backend: Backend,
    /// What checks read: never held across a write, so an upgrade does not wait for joins.
    held: RwLock<Held>,
    /// One change at a time.
    writing: Mutex<()>,
}

impl AccountsCache {
    /// Reads the accounts from `backend`.
    pub async fn load(backend: Backend) -> Result<Self, ServeError> {
        let stamp = backend.accounts_stamp();
        let accounts = Arc::new(backend.accounts().await?);
        Ok(Self {
            backend,
            held: RwLock::new(Held { accounts, read_at: Instant::now(), stamp }),
            writing: Mutex::new(()),
        })
    }

    /// Whether others may write the accounts while this server runs.
    fn shared(&self) -> bool {
        matches!(self.backend, Backend::Pg(_))
    }

    fn snapshot(&self) -> Held {
        self.held.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    fn hold(&self, accounts: Accounts) {
        let held = Held { accounts: Arc::new(accounts), read_at: Instant::now(), stamp: self.backend.accounts_stamp() };
        *self.held.write().unwrap_or_else(std::sync::PoisonError::into_inner) = held;
    }

    /// What is held, read again first if the data directory's file changed behind it.
    async fn current(&self) -> Result<Held, ServeError> {
        let held = self.snapshot();
        if self.shared() || held.stamp == self.backend.accounts_stamp() {
            return Ok(held);
        }
        self.hold(self.backend.accounts().await?);
        Ok(self.snapshot())
    }

    /// The agency of a device whose token is right, if any.
    pub async fn authenticate(&self, device: &DeviceId, token: &str) -> Result<Option<AgencyId>, ServeError> {
        let held = self.current().await?;
        let found = held.accounts.authenticate(device, token).cloned();
        if !self.shared() || (found.is_some() && held.read_at.elapsed() <= FRESH_FOR) {
            return Ok(found);
        }
        let fresh = self.backend.accounts().await?;
        let found = fresh.authenticate(device, token).cloned();
        self.hold(fresh);
        Ok(found)
    }

    /// Changes the accounts with `f` in the store and holds the result.
    pub async fn update<R>(&self, f: impl FnOnce(&mut Accounts) -> Result<R, ServeError>) -> Result<R, ServeError> {
        let _one_at_a_time = self.writing.lock().await;
        let (r, accounts) = match &self.backend {
            // The file is read only if it changed since it was held.
            Backend::Dir(_) => {
                let mut accounts = Accounts::clone(&self.current().await?.accounts);
                let r = f(&mut accounts)?;
                self.backend.save_accounts(&accounts).await?;
                (r, accounts)
            }
            Backend::Pg(_) => self.backend.update_accounts(f).await?,
        };
        self.hold(accounts);
        Ok(r)
    }
}
