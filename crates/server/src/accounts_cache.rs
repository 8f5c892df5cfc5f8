//! The accounts as a running server holds them: read once at start, not on every WebSocket
//! upgrade and join. Written through to the store, one change at a time. On PostgreSQL another
//! node (or `tiendo agency …`) may change them: what is held is read again when it is older than
//! [`FRESH_FOR`], and at once for a device it does not know (a laptop that joined on the
//! other node).

use crate::accounts::Accounts;
use crate::backend::Backend;
use crate::error::CliError;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use tiendo_core::ids::{AgencyId, DeviceId};
use tokio::sync::Mutex;

/// How long what is held counts as current on a store others write to.
pub const FRESH_FOR: Duration = Duration::from_secs(5);

/// The accounts, held.
#[derive(Debug)]
pub struct AccountsCache {
    backend: Backend,
    /// What checks read: never held across a write, so an upgrade does not wait for joins.
    held: RwLock<(Arc<Accounts>, Instant)>,
    /// One change at a time.
    writing: Mutex<()>,
}

impl AccountsCache {
    /// Reads the accounts from `backend`.
    pub async fn load(backend: Backend) -> Result<Self, CliError> {
        let accounts = backend.accounts().await?;
        Ok(Self { backend, held: RwLock::new((Arc::new(accounts), Instant::now())), writing: Mutex::new(()) })
    }

    /// Whether others may write the accounts while this server runs.
    fn shared(&self) -> bool {
        matches!(self.backend, Backend::Pg(_))
    }

    fn snapshot(&self) -> (Arc<Accounts>, Instant) {
        self.held.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    fn hold(&self, accounts: Accounts) {
        *self.held.write().unwrap_or_else(std::sync::PoisonError::into_inner) = (Arc::new(accounts), Instant::now());
    }

    /// The agency of a device whose token is right, if any.
    pub async fn authenticate(&self, device: &DeviceId, token: &str) -> Result<Option<AgencyId>, CliError> {
        let (accounts, at) = self.snapshot();
        let found = accounts.authenticate(device, token).cloned();
        if !self.shared() || (found.is_some() && at.elapsed() <= FRESH_FOR) {
            return Ok(found);
        }
        let fresh = self.backend.accounts().await?;
        let found = fresh.authenticate(device, token).cloned();
        self.hold(fresh);
        Ok(found)
    }

    /// Changes the accounts with `f` in the store and holds the result.
    pub async fn update<R>(&self, f: impl FnOnce(&mut Accounts) -> Result<R, CliError>) -> Result<R, CliError> {
        let _one_at_a_time = self.writing.lock().await;
        let (r, accounts) = self.backend.update_accounts(f).await?;
        self.hold(accounts);
        Ok(r)
    }
}
