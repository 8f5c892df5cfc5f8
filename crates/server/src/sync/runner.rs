//! The hub's IO adapter: one task owns the [`Hub`], takes commands from connections in batches,
//! writes every chunk of a batch to disk (in parallel, fsynced) and only then sends the batch's
//! messages — a group commit: many writers share the cost of the disk's flushes.

use super::hub::{ConnId, Effect, Hub, Peer};
use crate::fs_storage::FsStorage;
use crate::store::DataDir;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tiendo_core::history::ArrivalBatch;
use tiendo_core::model::Device;
use tiendo_core::storage::{run_ready, Storage};
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
    Register(Box<Device>, oneshot::Sender<Result<(), String>>),
    Shutdown(oneshot::Sender<()>),
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
    /// Starts the hub on the current tokio runtime.
    pub fn start(mut hub: Hub, data: &DataDir) -> Self {
        let (tx, rx) = mpsc::channel(4096);
        let storage = FsStorage::new(data.root().join("docs"));
        let kept = data.root().join(KEPT);
        if let Ok(states) = std::fs::read(&kept).map(|b| serde_json::from_slice(&b).unwrap_or_default()) {
            hub.restore_kept(states);
            // Used once: a crash later must not bring back stale states.
            let _ = std::fs::remove_file(&kept);
        }
        tokio::spawn(run(hub, storage, rx, data.clone()));
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

    /// Registers a device in the workspace document; returns once it is on disk.
    pub async fn register(&self, device: Device) -> Result<(), String> {
        let (tx, rx) = oneshot::channel();
        self.tx.send(Command::Register(Box::new(device), tx)).await.map_err(|_| "the sync hub stopped".to_owned())?;
        rx.await.map_err(|_| "the sync hub stopped".to_owned())?
    }
}

async fn run(mut hub: Hub, storage: FsStorage, mut rx: mpsc::Receiver<Command>, data: DataDir) {
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
                Command::Register(device, reply) => match hub.register_device(*device) {
                    Ok(e) => {
                        effects.extend(e);
                        replies.push(reply);
                    }
                    Err(e) => {
                        let _ = reply.send(Err(e.to_string()));
                    }
                },
            }
        }
        let (writes, sends): (Vec<Effect>, Vec<Effect>) =
            effects.into_iter().partition(|e| matches!(e, Effect::Persist(_) | Effect::Compact(_)));
        let (arrived, sends): (Vec<Effect>, Vec<Effect>) =
            sends.into_iter().partition(|e| matches!(e, Effect::Arrived { .. }));
        let failed = persist_all(&mut hub, &storage, writes).await;
        if failed {
            // Nothing of this batch is acknowledged: its writers reconnect and send again.
            for tx in conns.values() {
                let _ = tx.send(Outbound::Close("the server could not save; try again".into()));
            }
            for reply in replies {
                let _ = reply.send(Err("the server could not save".into()));
            }
            if let Some(done) = stop {
                let _ = done.send(());
                return;
            }
            continue;
        }
        record_arrivals(&data, arrived).await;
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
                if let Err(e) = data.write_file(&data.root().join(KEPT), &bytes) {
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
async fn record_arrivals(data: &DataDir, arrived: Vec<Effect>) {
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
    let data = data.clone();
    match tokio::task::spawn_blocking(move || crate::arrivals::append(&data, &batches)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::error!(error = %e, "could not record when changes arrived"),
        Err(e) => tracing::error!(error = %e, "could not record when changes arrived"),
    }
}

/// Writes every chunk, in parallel on blocking threads; compactions remove what they replace
/// only after their snapshot is written. Returns whether any write failed.
async fn persist_all(hub: &mut Hub, storage: &FsStorage, writes: Vec<Effect>) -> bool {
    let mut tasks = Vec::new();
    for effect in writes {
        let storage = storage.clone();
        tasks.push(tokio::task::spawn_blocking(move || match effect {
            Effect::Persist(chunk) => match run_ready(storage.put(&chunk.key, &chunk.bytes)) {
                Ok(()) => Ok(()),
                Err(e) => Err((e, Some(chunk))),
            },
            Effect::Compact(c) => {
                run_ready(storage.put(&c.snapshot.key, &c.snapshot.bytes)).map_err(|e| (e, None))?;
                for key in &c.replaced {
                    if let Err(e) = run_ready(storage.remove(key)) {
                        tracing::warn!(key = %key, error = %e, "could not remove a compacted chunk");
                    }
                }
                Ok(())
            }
            Effect::Send(..) | Effect::Close(..) | Effect::Arrived { .. } => Ok(()),
        }));
    }
    let mut failed = false;
    for task in tasks {
        match task.await {
            Ok(Ok(())) => {}
            Ok(Err((e, chunk))) => {
                tracing::error!(error = %e, "could not save a document chunk");
                if let Some(chunk) = chunk {
                    hub.rollback(chunk);
                }
                failed = true;
            }
            Err(e) => {
                tracing::error!(error = %e, "a save task failed");
                failed = true;
            }
        }
    }
    failed
}
