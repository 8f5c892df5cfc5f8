//! A client's side of one connection, sans-IO: it makes the messages to send and reads the ones
//! received; the caller owns the documents, the socket and the storage.
//!
//! Per document it keeps an Automerge sync state whose persisted part (the heads both sides
//! share) the caller saves, so that a reconnect sends a summary of only what changed since, not
//! of the whole history.

use super::message::{WireError, WireMessage, PROTOCOL_VERSION};
use automerge::sync::{self, SyncDoc};
use automerge::{AutoCommit, ChangeHash};
use std::collections::BTreeMap;

/// What a received message means for the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inbound {
    /// The server accepted the join: start syncing every document.
    Ready,
    /// A sync message for a document: pass it to [`ClientSession::apply`].
    Sync {
        /// The document.
        doc: String,
        /// The encoded sync message.
        data: Vec<u8>,
    },
    /// The server will not give this document.
    Unavailable(String),
    /// The server refused our changes to this document.
    Refused {
        /// The document.
        doc: String,
        /// The server's reason.
        reason: String,
        /// Its kind, to say in the user's language.
        code: Option<super::RefusalCode>,
    },
    /// Attestations the server gives of changes it holds: keep them, to hand the changes on.
    Attested(Vec<super::Attestation>),
    /// The server reported an error and will close.
    Error {
        /// Its words.
        message: String,
        /// Its kind, to say in the user's language.
        code: Option<super::ServerErrorCode>,
    },
    /// Nothing to do.
    Nothing,
}

/// Why a received message could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum ClientError {
    /// Not a protocol message.
    #[error(transparent)]
    Wire(#[from] WireError),
    /// A sync message that does not decode or apply.
    #[error("sync message for {doc} does not apply: {reason}")]
    Apply {
        /// The document.
        doc: String,
        /// Why.
        reason: String,
    },
    /// The server sent changes after which the document no longer reads as its kind (a server
    /// that does not check them, or a damaged one). They are dropped, and the document is not
    /// synced again in this session, so the laptop keeps what it had and can still work.
    #[error("the server's changes to {doc} break the document, so they were not taken: {reason}")]
    BreaksSchema {
        /// The document.
        doc: String,
        /// What no longer reads.
        reason: String,
    },
}

#[derive(Debug, Default)]
struct DocSync {
    state: sync::State,
    refused: Option<String>,
    unavailable: bool,
    /// Changes the server sent broke the document; nothing more is said about it this session.
    broken: bool,
}

/// One connection of a client to the server.
#[derive(Debug)]
pub struct ClientSession {
    me: String,
    server: Option<String>,
    docs: BTreeMap<String, DocSync>,
}

impl ClientSession {
    /// A session for peer `me` (the device id).
    pub fn new(me: &str) -> Self {
        Self { me: me.to_owned(), server: None, docs: BTreeMap::new() }
    }

    /// Restores a document's persisted sync state (bad bytes start afresh).
    pub fn restore(&mut self, doc: &str, persisted: &[u8]) {
        let state = sync::State::decode(persisted).unwrap_or_default();
        self.docs.entry(doc.to_owned()).or_default().state = state;
    }

    /// The document's sync state to persist.
    pub fn persisted(&self, doc: &str) -> Option<Vec<u8>> {
        self.docs.get(doc).map(|d| d.state.encode())
    }

    /// The first message: join.
    pub fn hello(&self) -> Vec<u8> {
        WireMessage::join(&self.me).encode()
    }

    /// Whether the server answered the join.
    pub fn is_ready(&self) -> bool {
        self.server.is_some()
    }

    /// The next message to send about `doc`, if there is anything to say.
    pub fn outgoing(&mut self, id: &str, doc: &mut AutoCommit) -> Option<Vec<u8>> {
        let target = self.server.clone()?;
        let entry = self.docs.entry(id.to_owned()).or_default();
        if entry.unavailable || entry.broken {
            return None;
        }
        let message = doc.sync().generate_sync_message(&mut entry.state)?;
        Some(WireMessage::Sync { doc: id.to_owned(), sender: self.me.clone(), target, data: message.encode() }.encode())
    }

    /// Reads a received message.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Inbound, ClientError> {
        Ok(match WireMessage::decode(bytes)? {
            WireMessage::Peer { sender, version, .. } if version == PROTOCOL_VERSION => {
                self.server = Some(sender);
                Inbound::Ready
            }
            WireMessage::Peer { version, .. } => Inbound::Error {
                message: format!("unsupported protocol version {version}"),
                code: Some(super::ServerErrorCode::NoCommonVersion),
            },
            WireMessage::Sync { doc, data, .. } | WireMessage::Request { doc, data, .. } => Inbound::Sync { doc, data },
            WireMessage::Unavailable { doc, .. } => {
                self.docs.entry(doc.clone()).or_default().unavailable = true;
                Inbound::Unavailable(doc)
            }
            WireMessage::Refused { doc, reason, code, .. } => {
                self.docs.entry(doc.clone()).or_default().refused = Some(reason.clone());
                Inbound::Refused { doc, reason, code }
            }
            WireMessage::Attest { items, .. } => Inbound::Attested(items),
            WireMessage::Error { message, code } => Inbound::Error { message, code },
            WireMessage::Join { .. } | WireMessage::Other { .. } => Inbound::Nothing,
        })
    }

    /// The message that hands the server the attestations of changes this device relays
    /// (send it before the changes); `None` before the join is answered or if there are none.
    pub fn attest(&self, items: Vec<super::Attestation>) -> Option<Vec<u8>> {
        let target = self.server.clone()?;
        (!items.is_empty()).then(|| WireMessage::Attest { sender: self.me.clone(), target, items }.encode())
    }

    /// Applies a sync message from the server to `doc`. Returns whether the document changed.
    pub fn apply(&mut self, id: &str, doc: &mut AutoCommit, data: &[u8]) -> Result<bool, ClientError> {
        let err = |reason: String| ClientError::Apply { doc: id.to_owned(), reason };
        let message = sync::Message::decode(data).map_err(|e| err(e.to_string()))?;
        let before = doc.get_heads();
        let entry = self.docs.entry(id.to_owned()).or_default();
        if entry.broken {
            return Ok(false);
        }
        doc.sync().receive_sync_message(&mut entry.state, message).map_err(|e| err(e.to_string()))?;
        if doc.get_heads() == before {
            return Ok(false);
        }
        // The server checks every change against the schema; this is the laptop's own check,
        // for a server that did not. Judged only when it fails: a document that was already
        // unreadable before (received before the check existed) goes on syncing.
        if let Err(reason) = super::gate::hydrates_as_its_kind(doc) {
            let mut kept = doc.fork_at(&before).map_err(|e| err(e.to_string()))?;
            if super::gate::hydrates_as_its_kind(&kept).is_ok() {
                kept.set_actor(doc.get_actor().clone());
                *doc = kept;
                entry.broken = true;
                return Err(ClientError::BreaksSchema { doc: id.to_owned(), reason });
            }
        }
        Ok(true)
    }

    /// The server's heads of `doc`, as last heard in this session.
    pub fn server_heads(&self, doc: &str) -> Option<&[ChangeHash]> {
        self.docs.get(doc)?.state.their_heads.as_deref()
    }

    /// How many of this device's changes to `doc` the server has not confirmed: those after the
    /// heads both sides are known to share (persisted, so this holds across reconnects).
    pub fn unconfirmed(&self, id: &str, doc: &mut AutoCommit) -> usize {
        self.only_here(id, doc).count
    }

    /// This device's changes to `doc` that the server has not confirmed, and the oldest one's
    /// time.
    pub fn only_here(&self, id: &str, doc: &mut AutoCommit) -> crate::changes::OnlyHere {
        let shared = self.docs.get(id).map(|d| d.state.shared_heads.clone()).unwrap_or_default();
        let mine = crate::hex::decode(&self.me).unwrap_or_default();
        crate::changes::only_here(doc, &mine, &shared)
    }

    /// The server's reason for refusing changes to `doc`, if it did in this session.
    pub fn refusal(&self, doc: &str) -> Option<&str> {
        self.docs.get(doc)?.refused.as_deref()
    }
}
