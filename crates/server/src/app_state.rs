//! What every request handler shares: the store, the accounts, the sync hub and the limits.
//! Handlers (`join`, `sync::socket`) depend on this, and the router (`serve`) on them: no circle.

use crate::accounts_cache::AccountsCache;
use crate::backend::Backend;
use crate::serve_error::ServeError;
use crate::store::WORKSPACE_DOC;
use crate::sync::{Hub, HubHandle, SyncLimits};
use std::path::PathBuf;
use tiendo_core::schema::WorkspaceDoc;
use tiendo_core::storage::Write;

/// Shared server state.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Where the data is kept.
    pub backend: Backend,
    /// The built app.
    pub dist: PathBuf,
    /// The accounts, held (read once, written through).
    pub accounts: std::sync::Arc<AccountsCache>,
    /// The sync hub, owner of the documents while the server runs.
    pub hub: HubHandle,
    /// Limits on sync connections.
    pub limits: SyncLimits,
    /// Origins besides the server's own whose pages may connect to `/sync`.
    pub allowed_origins: Vec<String>,
    /// The workspace served.
    pub workspace_id: String,
    /// Wrong access codes seen (answers to guessers slow down).
    pub codes: std::sync::Arc<crate::throttle::CodeThrottle>,
    /// Sync connections open, per device and per address.
    pub open: std::sync::Arc<crate::sync::OpenConnections>,
}

impl AppState {
    /// Loads the documents of a store into a sync hub started on the current tokio runtime.
    pub async fn start(backend: Backend, dist: PathBuf, limits: SyncLimits) -> Result<Self, ServeError> {
        let mut docs = backend.docs().await?;
        let ws = docs.get_mut(WORKSPACE_DOC).ok_or(ServeError::EmptyStore)?;
        let server = crate::identity::ServerDevice::load_or_create_in(&backend, ws).await?;
        // The server's registration, the first time: stored before anyone is told of it.
        let registration = ws.take_chunk().map_err(|e| ServeError::Backend(e.into()))?;
        if let Some(chunk) = registration {
            if let Err(failed) = backend.write(vec![Write::Chunk(chunk)]).await {
                ws.give_back(failed.into_iter());
                let why =
                    tiendo_core::storage::StorageError::Backend("the server's registration was not stored".into());
                return Err(ServeError::Backend(why.into()));
            }
        }
        let workspace: WorkspaceDoc = tiendo_core::schema::read(&ws.doc)
            .map_err(|source| ServeError::Unreadable { id: WORKSPACE_DOC.into(), source: Box::new(source) })?;
        let accounts = std::sync::Arc::new(AccountsCache::load(backend.clone()).await?);
        let hub = HubHandle::start(Hub::load(docs, server)?, backend.clone()).await;
        if let Backend::Pg(pg) = &backend {
            crate::sync::follow_other_nodes(pg.clone(), hub.clone());
        }
        Ok(Self {
            backend,
            dist,
            accounts,
            hub,
            limits,
            allowed_origins: Vec::new(),
            workspace_id: workspace.workspace.id.to_string(),
            codes: std::sync::Arc::default(),
            open: std::sync::Arc::default(),
        })
    }
}
