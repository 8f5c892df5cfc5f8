//! Sync between devices and the server: the automerge-repo wire protocol, the rights of a
//! workspace, the gate that applies a peer's changes only when their authors may write, and a
//! sans-IO client session.

mod client;
mod gate;
mod message;
mod rights;

pub use client::{ClientError, ClientSession, Inbound};
pub use gate::{check_changes, kind_name, reads_as, receive_checked, Refusal};
pub use message::{WireError, WireMessage, AUTH_PREFIX, PROTOCOL_VERSION, SUBPROTOCOL};
pub use rights::{DocRights, Rights, Writer, DEVICE_ID_BYTES};

/// A server's sync state for a peer, kept from its last connection, made safe for a new one:
/// what the peer was last told and last said is kept (so an idle reconnect needs no answer), what
/// was in flight is forgotten (so nothing lost with the old connection stays unsent).
pub fn resume_state(kept: &automerge::sync::State) -> automerge::sync::State {
    let mut state = kept.clone();
    state.sent_hashes.clear();
    state.in_flight = false;
    state.their_need = None;
    state.their_have = None;
    state
}
