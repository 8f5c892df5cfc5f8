//! The hub's IO adapter: one task owns the [`Hub`], takes commands from connections in batches,
//! writes every chunk of a batch to disk (in parallel, fsynced) and only then sends the batch's
//! messages — a group commit: many writers share the cost of the disk's flushes.

use super::hub::{ConnId, Effect, Hub, Peer};
use crate::backend::Backend;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tiendo_core::history::ArrivalBatch;
use tiendo_core::model::Device;
use tiendo_core::storage::{StorageKey, Write};
use tokio::sync::{mpsc, oneshot};

/// What the hub sends to a connection.
#[derive(Debug)]
pub enum Outbound {
    /// A protocol message.
    Frame(Vec<u8>),
    /// Close, saying why.
    Close(String),
}

enum Command {
    Connect(ConnId, Peer, mpsc::UnboundedSender<Outbound>),
    Receive(ConnId, Vec<u8>),
    Disconnect(ConnId),
    Register(Box<Device>, oneshot::Sender<Result<(), super::RegisterError>>),
    Shutdown(oneshot::Sender<()>),
    /// Chunks another node stored.
    Stored(String, Vec<(StorageKey, Vec<u8>)>),
}

/// Where the hub keeps its peers' sync states over a graceful restart.
const KEPT: &str = "sync-states.json";

/// A cheap handle on the running hub.
#[derive(Debug, Clone)]
pub struct HubHandle {
    tx: mpsc::Sender<Command>,
    next: Arc<AtomicU64>,
}

/// Messages taken per batch at most.
const BATCH: usize = 512;

impl HubHandle {
    /// Starts the hub on the current tokio runtime, with the peers' sync states kept by the
    /// last graceful stop (used once: a crash later must not bring back stale states).
    pub async fn start(mut hub: Hub, backend: Backend) -> Self {
        let (tx, rx) = mpsc::channel(4096);
        if let Ok(Some(bytes)) = backend.blob(KEPT).await {
            if let Ok(states) = serde_json::from_slice(&bytes) {
                hub.restore_kept(states);
            }
            if let Err(e) = backend.put_blob(KEPT, None).await {
                tracing::warn!(error = %e, "could not remove the kept sync states");
            }
        }
        tokio::spawn(run(hub, rx, backend));
        Self { tx, next: Arc::new(AtomicU64::new(1)) }
    }

    /// Opens a connection for an authenticated peer; the hub's messages arrive on the receiver.
    pub async fn connect(&self, peer: Peer) -> Option<(ConnId, mpsc::UnboundedReceiver<Outbound>)> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::unbounded_channel();
        self.tx.send(Command::Connect(id, peer, tx)).await.ok()?;
        Some((id, rx))
    }

    /// Hands a received message to the hub (waits when the hub is behind: back-pressure).
    pub async fn receive(&self, conn: ConnId, bytes: Vec<u8>) -> bool {
        self.tx.send(Command::Receive(conn, bytes)).await.is_ok()
    }

    /// The connection is gone.
    pub async fn disconnect(&self, conn: ConnId) {
        let _ = self.tx.send(Command::Disconnect(conn)).await;
    }

    /// Keeps every peer's sync state on disk for the next start; the hub stops taking commands.
    pub async fn shutdown(&self) {
        let (tx, rx) = oneshot::channel();
        if self.tx.send(Command::Shutdown(tx)).await.is_ok() {
            let _ = rx.await;
        }
    }

    /// Takes in chunks of a document that another node stored, and tells this node's clients.
    pub async fn take_in_stored(&self, id: String, chunks: Vec<(StorageKey, Vec<u8>)>) {
        let _ = self.tx.send(Command::Stored(id, chunks)).await;
    }

    /// Registers a device in the workspace document; returns once it is on disk.
    pub async fn register(&self, device: Device) -> Result<(), super::RegisterError> {
        let stopped = || super::RegisterError::Failed("the sync hub stopped".into());
        let (tx, rx) = oneshot::channel();
        self.tx.send(Command::Register(Box::new(device), tx)).await.map_err(|_| stopped())?;
        rx.await.map_err(|_| stopped())?
    }
}

async fn run(mut hub: Hub, mut rx: mpsc::Receiver<Command>, backend: Backend) {
    let mut conns: HashMap<ConnId, mpsc::UnboundedSender<Outbound>> = HashMap::new();
    let mut batch = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        let mut effects = Vec::new();
        let mut replies = Vec::new();
        let mut stop = None;
        for command in batch.drain(..) {
            match command {
                Command::Connect(id, peer, tx) => {
                    hub.connect(id, peer);
                    conns.insert(id, tx);
                }
                Command::Receive(id, bytes) => effects.extend(hub.receive(id, &bytes)),
                Command::Disconnect(id) => {
                    hub.disconnect(id);
                    conns.remove(&id);
                }
                Command::Shutdown(done) => stop = Some(done),
                Command::Stored(id, chunks) => effects.extend(hub.take_in_stored(&id, chunks)),
                Command::Register(device, reply) => match hub.register_device(*device) {
                    Ok(e) => {
                        effects.extend(e);
                        replies.push(reply);
                    }
                    Err(e) => {
                        let _ = reply.send(Err(e));
                    }
                },
            }
        }
        let (writes, sends): (Vec<Effect>, Vec<Effect>) =
            effects.into_iter().partition(|e| matches!(e, Effect::Persist(_) | Effect::Compact(_)));
        let (arrived, sends): (Vec<Effect>, Vec<Effect>) =
            sends.into_iter().partition(|e| matches!(e, Effect::Arrived { .. }));
        let failed = persist_all(&mut hub, &backend, writes).await;
        if failed {
            // Nothing of this batch is acknowledged: its writers reconnect and send again.
            for tx in conns.values() {
                let _ = tx.send(Outbound::Close("the server could not save; try again".into()));
            }
            for reply in replies {
                let _ = reply.send(Err(super::RegisterError::Failed("the server could not save".into())));
            }
            if let Some(done) = stop {
                let _ = done.send(());
                return;
            }
            continue;
        }
        record_arrivals(&backend, arrived).await;
        for reply in replies {
            let _ = reply.send(Ok(()));
        }
        for effect in sends {
            match effect {
                Effect::Send(id, bytes) => {
                    if let Some(tx) = conns.get(&id) {
                        let _ = tx.send(Outbound::Frame(bytes));
                    }
                }
                Effect::Close(id, why) => {
                    if let Some(tx) = conns.get(&id) {
                        let _ = tx.send(Outbound::Close(why));
                    }
                }
                Effect::Persist(_) | Effect::Compact(_) | Effect::Arrived { .. } => {}
            }
        }
        if let Some(done) = stop {
            // Everything of this batch is on disk and sent; keep the peers' states and stop.
            if let Ok(bytes) = serde_json::to_vec(&hub.kept_states()) {
                if let Err(e) = backend.put_blob(KEPT, Some(&bytes)).await {
                    tracing::warn!(error = %e, "could not keep the sync states");
                }
            }
            let _ = done.send(());
            return;
        }
    }
}

/// Appends the batch's arrival records, stamped with the server's clock. The changes are on
/// disk already; a record that cannot be written is logged, and the change is still accepted
/// (its history then says it arrived by an unknown way).
async fn record_arrivals(backend: &Backend, arrived: Vec<Effect>) {
    if arrived.is_empty() {
        return;
    }
    let at_ms = chrono::Utc::now().timestamp_millis();
    let batches: Vec<ArrivalBatch> = arrived
        .into_iter()
        .filter_map(|e| match e {
            Effect::Arrived { doc, via, changes } => Some(ArrivalBatch::new(&doc, at_ms, via, &changes)),
            _ => None,
        })
        .collect();
    if let Err(e) = backend.append_arrivals(batches).await {
        tracing::error!(error = %e, "could not record when changes arrived");
    }
}

/// Writes every chunk and compaction of the batch; what was not written goes back to its
/// document for the next save. Returns whether any write failed.
async fn persist_all(hub: &mut Hub, backend: &Backend, effects: Vec<Effect>) -> bool {
    let writes: Vec<Write> = effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Persist(chunk) => Some(Write::Chunk(chunk)),
            Effect::Compact(c) => Some(Write::Compaction(c)),
            Effect::Send(..) | Effect::Close(..) | Effect::Arrived { .. } => None,
        })
        .collect();
    let written: Vec<String> = writes
        .iter()
        .map(|w| match w {
            Write::Chunk(c) => c.key.encode(),
            Write::Compaction(c) => c.snapshot.key.encode(),
        })
        .collect();
    match backend.write(writes).await {
        Ok(()) => {
            // The other nodes read these chunks and tell their clients.
            if let Backend::Pg(pg) = backend {
                if !written.is_empty() {
                    if let Err(e) = pg.notify(&written).await {
                        tracing::warn!(error = %e, "could not tell the other nodes what changed");
                    }
                }
            }
            false
        }
        Err(failed) => {
            hub.give_back(failed);
            true
        }
    }
}
