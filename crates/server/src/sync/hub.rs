//! The sync hub, sans-IO: it holds the workspace's documents and each connection's sync state,
//! takes events (a connection opened, a message arrived, a device joined) and returns effects
//! (persist this chunk, send these bytes, close that connection). The adapter must carry out the
//! effects in order: a chunk is on disk before any later message goes out, so nothing the server
//! acknowledges can be lost.

use crate::error::CliError;
use crate::store::DataDir;
use automerge::sync::{self, SyncDoc};
use automerge::ActorId;
use std::collections::HashMap;
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::{Device, Plan, Registry};
use tiendo_core::schema::genesis::WORKSPACE_DOC;
use tiendo_core::schema::{self, PlanDoc, WorkspaceDoc};
use tiendo_core::storage::{Chunk, Compaction, StoredDoc};
use tiendo_core::sync::{receive_checked, resume_state, Rights, WireMessage, PROTOCOL_VERSION};

/// A connection's number.
pub type ConnId = u64;

/// The server's peer id in the protocol.
pub const SERVER_PEER: &str = "tiendo-server";

/// The actor of changes the server itself makes (device registrations).
pub const SERVER_ACTOR: &[u8] = b"tiendo-server";

/// Snapshot a document after this many chunks.
const COMPACT_AFTER: usize = 64;

/// Something the adapter must do, in order.
#[derive(Debug)]
pub enum Effect {
    /// Write this chunk durably.
    Persist(Chunk),
    /// Write this snapshot durably, then remove the chunks it replaces.
    Compact(Compaction),
    /// Send these bytes on a connection.
    Send(ConnId, Vec<u8>),
    /// Close a connection, saying why.
    Close(ConnId, String),
}

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
}

struct HubDoc {
    stored: StoredDoc,
    peers: HashMap<ConnId, sync::State>,
}

/// The documents of one workspace and who is syncing them.
pub struct Hub {
    rights: Rights,
    registry: Registry,
    plans: Vec<Plan>,
    docs: HashMap<String, HubDoc>,
    conns: HashMap<ConnId, Conn>,
    kept: HashMap<(DeviceId, String), sync::State>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").field("docs", &self.docs.len()).field("conns", &self.conns.len()).finish()
    }
}

impl Hub {
    /// Loads every document of the data directory.
    pub fn load(data: &DataDir) -> Result<Self, CliError> {
        let (_, ws) = data.load_doc::<WorkspaceDoc>(WORKSPACE_DOC)?;
        let mut docs = HashMap::new();
        for id in data.doc_ids()? {
            if let Some(stored) = data.open(&id)? {
                docs.insert(id, HubDoc { stored, peers: HashMap::new() });
            }
        }
        let rights = Rights::from_workspace(&ws);
        let mut plans = Vec::new();
        for entry in ws.documents.iter().filter(|d| d.kind == tiendo_core::model::DocKind::Plan) {
            plans.push(data.read_doc::<PlanDoc>(&entry.id)?.plan);
        }
        Ok(Self { rights, registry: ws.agencies, plans, docs, conns: HashMap::new(), kept: HashMap::new() })
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
        self.conns.insert(conn, Conn { peer, client: None });
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

    /// Every peer's sync state (of open connections too), to keep across a restart.
    pub fn kept_states(&self) -> Vec<(String, String, Vec<u8>)> {
        let mut out: Vec<(String, String, Vec<u8>)> = self
            .kept
            .iter()
            .map(|((device, doc), s)| (device.to_string(), doc.clone(), tiendo_core::sync::encode_kept(s)))
            .collect();
        for (id, doc) in &self.docs {
            for (conn, state) in &doc.peers {
                if let Some(c) = self.conns.get(conn) {
                    out.push((c.peer.device.to_string(), id.clone(), tiendo_core::sync::encode_kept(state)));
                }
            }
        }
        out
    }

    /// Takes in states kept before a restart.
    pub fn restore_kept(&mut self, states: Vec<(String, String, Vec<u8>)>) {
        for (device, doc, bytes) in states {
            if let (Ok(device), Some(state)) = (device.parse(), tiendo_core::sync::decode_kept(&bytes)) {
                self.kept.insert((device, doc), state);
            }
        }
    }

    /// A write of `chunk` failed: its changes count as unsaved again.
    pub fn rollback(&mut self, chunk: Chunk) {
        if let Some(id) = chunk.key.parts().first() {
            if let Some(d) = self.docs.get_mut(id) {
                d.stored.rollback(chunk);
            }
        }
    }

    /// Registers a device in the workspace document (as the server) and tells the workspace's
    /// peers.
    pub fn register_device(&mut self, device: Device) -> Result<Vec<Effect>, Box<schema::DocError>> {
        let Some(ws) = self.docs.get_mut(WORKSPACE_DOC) else {
            return Err(Box::new(schema::DocError::NoKind { expected: "tiendo/workspace" }));
        };
        let doc = &mut ws.stored.doc;
        doc.set_actor(ActorId::from(SERVER_ACTOR));
        schema::edit::add_device(doc, device)?;
        tiendo_core::changes::commit_at(doc, crate::accounts::now_ms());
        self.refresh_rights();
        let mut effects = self.persist(WORKSPACE_DOC);
        self.fan_out(WORKSPACE_DOC, None, &mut effects);
        Ok(effects)
    }

    /// A message arrived on a connection.
    pub fn receive(&mut self, conn: ConnId, bytes: &[u8]) -> Vec<Effect> {
        let Some(c) = self.conns.get(&conn) else { return Vec::new() };
        let peer = c.peer.clone();
        let client = c.client.clone();
        let message = match WireMessage::decode(bytes) {
            Ok(m) => m,
            Err(e) => return close(conn, &format!("bad message: {e}")),
        };
        match message {
            WireMessage::Join { sender, versions } => {
                if !versions.iter().any(|v| v == PROTOCOL_VERSION) {
                    return close(conn, "no protocol version in common (this server speaks \"1\")");
                }
                if let Some(c) = self.conns.get_mut(&conn) {
                    c.client = Some(sender.clone());
                }
                let peer =
                    WireMessage::Peer { sender: SERVER_PEER.into(), target: sender, version: PROTOCOL_VERSION.into() };
                vec![Effect::Send(conn, peer.encode())]
            }
            WireMessage::Sync { doc, data, .. } | WireMessage::Request { doc, data, .. } => {
                let Some(client) = client else { return close(conn, "join first") };
                self.sync(conn, &peer, &client, &doc, &data)
            }
            WireMessage::Peer { .. } | WireMessage::Refused { .. } => close(conn, "only a server sends that"),
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
        match receive_checked(&mut doc.stored.doc, state, data, &self.rights, id) {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(doc = id, device = %peer.device, agency = %peer.agency, changes = n, "changes accepted");
                effects.extend(self.persist(id));
                if id == WORKSPACE_DOC {
                    self.refresh_rights();
                }
                self.fan_out(id, Some(conn), &mut effects);
            }
            Err(refusal) => {
                tracing::warn!(doc = id, device = %peer.device, agency = %peer.agency, %refusal, "changes refused");
                let m = WireMessage::Refused {
                    doc: id.into(),
                    sender: SERVER_PEER.into(),
                    target: client.into(),
                    reason: refusal.to_string(),
                };
                effects.push(Effect::Send(conn, m.encode()));
            }
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
                self.docs.insert(id.to_owned(), HubDoc { stored: StoredDoc::new(id, doc), peers: HashMap::new() });
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

    /// Tells every other connection syncing `id` what changed.
    fn fan_out(&mut self, id: &str, except: Option<ConnId>, effects: &mut Vec<Effect>) {
        let Some(doc) = self.docs.get_mut(id) else { return };
        for (other, state) in &mut doc.peers {
            if Some(*other) == except {
                continue;
            }
            let Some(client) = self.conns.get(other).and_then(|c| c.client.clone()) else { continue };
            if let Some(m) = doc.stored.doc.sync().generate_sync_message(state) {
                let m =
                    WireMessage::Sync { doc: id.into(), sender: SERVER_PEER.into(), target: client, data: m.encode() };
                effects.push(Effect::Send(*other, m.encode()));
            }
        }
    }
}

fn close(conn: ConnId, why: &str) -> Vec<Effect> {
    vec![Effect::Send(conn, WireMessage::Error { message: why.into() }.encode()), Effect::Close(conn, why.into())]
}
