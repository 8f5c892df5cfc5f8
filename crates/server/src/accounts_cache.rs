//! The accounts as a running server holds them: read once at start, not on every WebSocket
//! upgrade and join. Written through to the store, one change at a time. On PostgreSQL another
//! node (or `tiendo agency …`) may change them: what is held is read again when it is older than
//! [`FRESH_FOR`], and at once for a device it does not know (a laptop that joined on the
//! other node).

use crate::accounts::Accounts;
use crate::backend::Backend;
use crate::error::CliError;
use std::time::{Duration, Instant};
use tiendo_core::ids::{AgencyId, DeviceId};
use tokio::sync::Mutex;

/// How long what is held counts as current on a store others write to.
pub const FRESH_FOR: Duration = Duration::from_secs(5);

/// The accounts, held.
#[derive(Debug)]
pub struct AccountsCache {
    backend: Backend,
    held: Mutex<(Accounts, Instant)>,
}

impl AccountsCache {
    /// Reads the accounts from `backend`.
    pub async fn load(backend: Backend) -> Result<Self, CliError> {
        let accounts = backend.accounts().await?;
        Ok(Self { backend, held: Mutex::new((accounts, Instant::now())) })
    }

    /// Whether others may write the accounts while this server runs.
    fn shared(&self) -> bool {
        matches!(self.backend, Backend::Pg(_))
    }

    /// The agency of a device whose token is right, if any.
    pub async fn authenticate(&self, device: &DeviceId, token: &str) -> Result<Option<AgencyId>, CliError> {
        let mut held = self.held.lock().await;
        let found = held.0.authenticate(device, token).cloned();
        let stale = held.1.elapsed() > FRESH_FOR;
        if !self.shared() || (found.is_some() && !stale) {
            return Ok(found);
        }
        *held = (self.backend.accounts().await?, Instant::now());
        Ok(held.0.authenticate(device, token).cloned())
    }

    /// Changes the accounts with `f` in the store and holds the result.
    pub async fn update<R>(&self, f: impl FnOnce(&mut Accounts) -> Result<R, CliError>) -> Result<R, CliError> {
        let mut held = self.held.lock().await;
        let (r, accounts) = self.backend.update_accounts(f).await?;
        *held = (accounts, Instant::now());
        Ok(r)
    }
}
