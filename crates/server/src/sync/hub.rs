//! The sync hub, sans-IO: it holds the workspace's documents and each connection's sync state,
//! takes events (a connection opened, a message arrived, a device joined) and returns effects
//! (persist this chunk, send these bytes, close that connection). The adapter must carry out the
//! effects in order: a chunk is on disk before any later message goes out, so nothing the server
//! acknowledges can be lost.

mod attested;
mod effect;
mod kept;
mod shared;

pub use effect::Effect;
pub use kept::Kept;

use crate::identity::ServerDevice;
use crate::serve_error::ServeError;
use automerge::sync::{self, SyncDoc};
use std::collections::{BTreeMap, HashMap};
use tiendo_core::history::Via;
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::{Device, Plan, Registry};
use tiendo_core::schema::genesis::WORKSPACE_DOC;
use tiendo_core::schema::{self, PlanDoc, WorkspaceDoc};
use tiendo_core::storage::{StoredDoc, Write};
use tiendo_core::sync::{
    receive_checked, resume_state, Attestation, Attestations, Rights, Sender, ServerErrorCode, WireMessage,
    PROTOCOL_VERSION,
};

/// A connection's number.
pub type ConnId = u64;

/// The server's peer id in the protocol.
pub const SERVER_PEER: &str = "tiendo-server";

/// Snapshot a document after this many chunks.
const COMPACT_AFTER: usize = 64;

/// Attestations one connection may hand in before its changes (an office relaying a
/// province's worth of USB files needs a few hundred).
pub const MAX_PENDING_ATTESTATIONS: usize = 4096;

/// Changes waiting for a missing dependency that one document may hold, bytes. A message that
/// would leave more waiting is refused: such changes sit in memory until their dependency comes.
pub const MAX_WAITING_BYTES: usize = 4 << 20;

/// The same, for what one connection left waiting over all documents.
pub const MAX_WAITING_BYTES_PER_CONNECTION: usize = 8 << 20;

/// Who is at the other end of a connection, as its credential proved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    /// The device.
    pub device: DeviceId,
    /// Its agency.
    pub agency: AgencyId,
}

struct Conn {
    peer: Peer,
    client: Option<String>,
    /// Attestations handed in on this connection, for the changes it relays next.
    pending: Attestations,
    /// Bytes of its changes left waiting for a missing dependency (an estimate).
    waiting_bytes: usize,
}

struct HubDoc {
    stored: StoredDoc,
    peers: HashMap<ConnId, sync::State>,
    /// Bytes of received changes still waiting for a missing dependency (an estimate: reset
    /// once none waits).
    waiting_bytes: usize,
    /// The server's attestation of each actor's latest change held, made when first needed and
    /// again when the actor writes more (`None` until first needed).
    vouched: Option<BTreeMap<String, Attestation>>,
}

impl HubDoc {
    fn new(stored: StoredDoc) -> Self {
        Self { stored, peers: HashMap::new(), waiting_bytes: 0, vouched: None }
    }
}

/// The documents of one workspace and who is syncing them.
pub struct Hub {
    rights: Rights,
    registry: Registry,
    plans: Vec<Plan>,
    docs: HashMap<String, HubDoc>,
    conns: HashMap<ConnId, Conn>,
    kept: HashMap<(DeviceId, String), sync::State>,
    server: ServerDevice,
    /// The actor of this process's own changes (registrations): one for the process, not one
    /// per change, so that the workspace document does not gather an actor per laptop.
    server_actor: automerge::ActorId,
    /// The attestations each device was last given, per document: actor → sequence number.
    attested_to: HashMap<(DeviceId, String), BTreeMap<String, u64>>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").field("docs", &self.docs.len()).field("conns", &self.conns.len()).finish()
    }
}

impl Hub {
    /// Takes every stored document; `server` is the server's own device (it writes
    /// registrations and vouches for what the hub holds).
    pub fn load(stored: BTreeMap<String, StoredDoc>, server: ServerDevice) -> Result<Self, ServeError> {
        let read_as = |id: &str| {
            let d = stored.get(id).ok_or(ServeError::EmptyStore)?;
            Ok::<_, ServeError>(d)
        };
        let ws: WorkspaceDoc = schema::read(&read_as(WORKSPACE_DOC)?.doc)
            .map_err(|source| ServeError::Unreadable { id: WORKSPACE_DOC.into(), source: Box::new(source) })?;
        let rights = Rights::from_workspace(&ws);
        let mut plans = Vec::new();
        for entry in ws.documents.iter().filter(|d| d.kind == tiendo_core::model::DocKind::Plan) {
            let plan: PlanDoc = schema::read(&read_as(&entry.id)?.doc)
                .map_err(|source| ServeError::Unreadable { id: entry.id.clone(), source: Box::new(source) })?;
            plans.push(plan.plan);
        }
        let docs = stored.into_iter().map(|(id, d)| (id, HubDoc::new(d))).collect();
        Ok(Self {
            rights,
            registry: ws.agencies,
            plans,
            docs,
            conns: HashMap::new(),
            kept: HashMap::new(),
            server_actor: server.actor(),
            server,
            attested_to: HashMap::new(),
        })
    }

    /// The rights in force.
    pub fn rights(&self) -> &Rights {
        &self.rights
    }

    /// A document as the server holds it.
    pub fn doc(&mut self, id: &str) -> Option<&mut automerge::AutoCommit> {
        self.docs.get_mut(id).map(|d| &mut d.stored.doc)
    }

    /// A connection proved its credential.
    pub fn connect(&mut self, conn: ConnId, peer: Peer) {
        self.conns.insert(conn, Conn { peer, client: None, pending: Attestations::default(), waiting_bytes: 0 });
    }

    /// A connection closed: its sync states are kept for its next connection.
    pub fn disconnect(&mut self, conn: ConnId) {
        let Some(c) = self.conns.remove(&conn) else { return };
        for (id, doc) in &mut self.docs {
            if let Some(state) = doc.peers.remove(&conn) {
                self.kept.insert((c.peer.device.clone(), id.clone()), state);
            }
        }
    }

    /// Writes failed: their changes count as unsaved again. `failed` in the order the writes
    /// were handed out (each document rolls its own back newest first).
    pub fn give_back(&mut self, failed: Vec<Write>) {
        let mut by_doc: HashMap<String, Vec<Write>> = HashMap::new();
        for w in failed {
            let key = match &w {
                Write::Chunk(c) => &c.key,
                Write::Compaction(c) => &c.snapshot.key,
            };
            if let Some(id) = key.parts().first() {
                by_doc.entry(id.clone()).or_default().push(w);
            }
        }
        for (id, writes) in by_doc {
            if let Some(d) = self.docs.get_mut(&id) {
                d.stored.give_back(writes.into_iter());
            }
        }
    }

    /// Registers a device in the workspace document (as the server) and tells the workspace's
    /// peers.
    pub fn register_device(&mut self, device: Device) -> Result<Vec<Effect>, super::RegisterError> {
        if !self.rights.is_active(&device.agency) {
            return Err(super::RegisterError::AgencyEnded(device.agency));
        }
        let Some(ws) = self.docs.get_mut(WORKSPACE_DOC) else {
            return Err(super::RegisterError::Failed("no workspace document".into()));
        };
        let doc = &mut ws.stored.doc;
        doc.set_actor(self.server_actor.clone());
        schema::edit::add_device(doc, device.clone()).map_err(|e| super::RegisterError::Failed(e.to_string()))?;
        tiendo_core::changes::commit_at(doc, crate::accounts::now_ms());
        // Made again when next needed, with this registration.
        ws.vouched = None;
        // Only the new device changes the rights: reading the whole workspace again for each of
        // a thousand laptops joining at once made registration quadratic.
        self.rights.add_device(&device);
        let mut effects = self.persist(WORKSPACE_DOC);
        self.fan_out(WORKSPACE_DOC, None, &mut effects);
        Ok(effects)
    }

    /// A message arrived on a connection.
    pub fn receive(&mut self, conn: ConnId, bytes: &[u8]) -> Vec<Effect> {
        let Some(c) = self.conns.get(&conn) else { return Vec::new() };
        let peer = c.peer.clone();
        let client = c.client.clone();
        // The office retired the agency, or merged it into another, since this laptop connected:
        // its devices stop here (the access codes and credentials went with the change).
        if !self.rights.is_active(&peer.agency) {
            return close(
                conn,
                ServerErrorCode::AgencyEnded,
                "agency ended: retired or merged by the provincial office",
            );
        }
        let message = match WireMessage::decode(bytes) {
            Ok(m) => m,
            Err(e) => return close(conn, ServerErrorCode::BadMessage, &format!("bad message: {e}")),
        };
        match message {
            WireMessage::Join { sender, versions } => {
                if !versions.iter().any(|v| v == PROTOCOL_VERSION) {
                    return close(
                        conn,
                        ServerErrorCode::NoCommonVersion,
                        "no protocol version in common (this server speaks \"1\")",
                    );
                }
                if let Some(c) = self.conns.get_mut(&conn) {
                    c.client = Some(sender.clone());
                }
                let peer =
                    WireMessage::Peer { sender: SERVER_PEER.into(), target: sender, version: PROTOCOL_VERSION.into() };
                vec![Effect::Send(conn, peer.encode())]
            }
            WireMessage::Sync { doc, data, .. } | WireMessage::Request { doc, data, .. } => {
                let Some(client) = client else { return close(conn, ServerErrorCode::JoinFirst, "join first") };
                self.sync(conn, &peer, &client, &doc, &data)
            }
            WireMessage::Attest { items, .. } => self.take_attestations(conn, items),
            WireMessage::Peer { .. } | WireMessage::Refused { .. } => {
                close(conn, ServerErrorCode::ServerOnly, "only a server sends that")
            }
            WireMessage::Unavailable { .. } | WireMessage::Error { .. } | WireMessage::Other { .. } => Vec::new(),
        }
    }

    fn sync(&mut self, conn: ConnId, peer: &Peer, client: &str, id: &str, data: &[u8]) -> Vec<Effect> {
        let unavailable = || {
            let m = WireMessage::Unavailable { doc: id.into(), sender: SERVER_PEER.into(), target: client.into() };
            vec![Effect::Send(conn, m.encode())]
        };
        if !self.rights.may_read(id, &peer.agency) || !self.ensure(id) {
            return unavailable();
        }
        let Some(doc) = self.docs.get_mut(id) else { return unavailable() };
        let kept = &mut self.kept;
        let state = doc.peers.entry(conn).or_insert_with(|| {
            kept.remove(&(peer.device.clone(), id.to_owned())).map(|s| resume_state(&s)).unwrap_or_default()
        });
        let mut effects = Vec::new();
        let Some(c) = self.conns.get(&conn) else { return effects };
        let sender = Sender { device: &peer.device, attested: &c.pending, is_server_file: false };
        let may_wait = MAX_WAITING_BYTES
            .saturating_sub(doc.waiting_bytes)
            .min(MAX_WAITING_BYTES_PER_CONNECTION.saturating_sub(c.waiting_bytes));
        match receive_checked(&mut doc.stored.doc, state, data, &self.rights, id, sender, may_wait) {
            Ok(received) => {
                doc.waiting_bytes = if received.waiting { doc.waiting_bytes + received.bytes } else { 0 };
                if received.waiting {
                    if let Some(c) = self.conns.get_mut(&conn) {
                        c.waiting_bytes += received.bytes;
                    }
                }
                if let Some(vouched) = doc.vouched.as_mut() {
                    for c in &received.applied {
                        let a = Attestation::sign(&self.server.key, &self.server.id, id, &c.actor, c.seq, c.hash);
                        if vouched.get(&a.actor).is_none_or(|known| known.seq < a.seq) {
                            vouched.insert(a.actor.clone(), a);
                        }
                    }
                }
                if !received.applied.is_empty() {
                    let n = received.applied.len();
                    tracing::info!(doc = id, device = %peer.device, agency = %peer.agency, changes = n, "changes accepted");
                    effects.extend(self.persist(id));
                    let via = Via::Sync { device: peer.device.clone(), agency: peer.agency.clone() };
                    let changes = received.applied.iter().map(|c| c.hash).collect();
                    effects.push(Effect::Arrived { doc: id.to_owned(), via, changes });
                    if id == WORKSPACE_DOC {
                        self.refresh_rights();
                    }
                    self.fan_out(id, Some(conn), &mut effects);
                }
            }
            Err(refusal) => {
                tracing::warn!(doc = id, device = %peer.device, agency = %peer.agency, %refusal, "changes refused");
                // Whatever waited for a dependency may be what keeps the document from taking
                // anything: it is only in memory, and its senders send it again.
                tiendo_core::sync::drop_waiting(&mut doc.stored.doc);
                doc.waiting_bytes = 0;
                let m = WireMessage::Refused {
                    doc: id.into(),
                    sender: SERVER_PEER.into(),
                    target: client.into(),
                    reason: refusal.to_string(),
                    code: Some(refusal.code()),
                };
                effects.push(Effect::Send(conn, m.encode()));
            }
        }
        // Changes whose write failed earlier (a full disk, the database away) are written
        // before any message about them goes out: a peer told the server holds a change may
        // count it as safe.
        if self.docs.get_mut(id).is_some_and(|d| d.stored.has_unsaved()) {
            effects.extend(self.persist(id));
        }
        if let Some(doc) = self.docs.get_mut(id) {
            if let Some(state) = doc.peers.get_mut(&conn) {
                if let Some(m) = doc.stored.doc.sync().generate_sync_message(state) {
                    let m = WireMessage::Sync {
                        doc: id.into(),
                        sender: SERVER_PEER.into(),
                        target: client.into(),
                        data: m.encode(),
                    };
                    effects.push(Effect::Send(conn, m.encode()));
                }
            }
        }
        self.vouch(conn, id, &mut effects);
        effects
    }

    /// Makes sure the hub holds `id`: a report or review document nobody wrote yet starts as its
    /// genesis, byte for byte what every browser makes.
    fn ensure(&mut self, id: &str) -> bool {
        if self.docs.contains_key(id) {
            return true;
        }
        let made = self.rights.genesis_for(id, &self.plans, &self.registry);
        match made {
            Some(doc) => {
                self.docs.insert(id.to_owned(), HubDoc::new(StoredDoc::new(id, doc)));
                true
            }
            None => false,
        }
    }

    fn refresh_rights(&mut self) {
        if let Some(ws) = self.docs.get(WORKSPACE_DOC) {
            if let Ok(value) = schema::read::<WorkspaceDoc, _>(&ws.stored.doc) {
                self.rights = Rights::from_workspace(&value);
                self.registry = value.agencies;
            }
        }
    }

    fn persist(&mut self, id: &str) -> Vec<Effect> {
        let Some(doc) = self.docs.get_mut(id) else { return Vec::new() };
        let mut out = Vec::new();
        match doc.stored.take_chunk() {
            Ok(Some(chunk)) => out.push(Effect::Persist(chunk)),
            Ok(None) => {}
            Err(e) => tracing::error!(doc = id, error = %e, "document id cannot be stored"),
        }
        if doc.stored.chunk_count() > COMPACT_AFTER {
            if let Ok(c) = doc.stored.take_compaction() {
                out.push(Effect::Compact(c));
            }
        }
        out
    }

    /// Tells every other connection syncing `id` what changed (written first, if a write of it
    /// failed before).
    fn fan_out(&mut self, id: &str, except: Option<ConnId>, effects: &mut Vec<Effect>) {
        if self.docs.get_mut(id).is_some_and(|d| d.stored.has_unsaved()) {
            effects.extend(self.persist(id));
        }
        let Some(doc) = self.docs.get_mut(id) else { return };
        let mut told = Vec::new();
        for (other, state) in &mut doc.peers {
            if Some(*other) == except {
                continue;
            }
            let Some(client) = self.conns.get(other).and_then(|c| c.client.clone()) else { continue };
            if let Some(m) = doc.stored.doc.sync().generate_sync_message(state) {
                let m =
                    WireMessage::Sync { doc: id.into(), sender: SERVER_PEER.into(), target: client, data: m.encode() };
                effects.push(Effect::Send(*other, m.encode()));
                told.push(*other);
            }
        }
        for other in told {
            self.vouch(other, id, effects);
        }
    }
}

fn close(conn: ConnId, code: ServerErrorCode, why: &str) -> Vec<Effect> {
    let said = WireMessage::Error { message: why.into(), code: Some(code) };
    vec![Effect::Send(conn, said.encode()), Effect::Close(conn, why.into())]
}
