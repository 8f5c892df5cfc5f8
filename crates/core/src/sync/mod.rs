//! Sync between devices and the server: the automerge-repo wire protocol, the rights of a
//! workspace, the gate that applies a peer's changes only when their authors may write, and a
//! sans-IO client session.

mod attest;
mod client;
pub mod driver;
mod gate;
mod join;
mod message;
mod refusal_code;
mod rights;

pub use attest::{attest, latest_changes, AttestError, Attestation, Attestations, ATTESTED};
pub use client::{ClientError, ClientSession, Inbound};
pub use driver::{DriverEffect, DriverEvent, Link, SyncDocs, SyncDriver, SyncProblem};
pub use gate::{
    check_authors, check_changes, drop_waiting, hydrates_as, kind_name, new_changes, reads_as, receive_checked,
    NewChange, Received, Refusal, Sender,
};
pub use join::{ApiError, ApiErrorCode, Credential, JoinRequest, Joined};
pub use message::{WireError, WireMessage, AUTH_PREFIX, PROTOCOL_VERSION, SUBPROTOCOL};
pub use refusal_code::{RefusalCode, ServerErrorCode, UnknownRefusalCode};
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

/// A server's kept sync state as bytes, for a graceful restart: what both sides share, what the
/// peer was last told and last said. (`sync::State::encode` keeps only the first, so a restarted
/// server would have to answer every idle reconnect.)
pub fn encode_kept(state: &automerge::sync::State) -> Vec<u8> {
    let hex = |h: &[automerge::ChangeHash]| h.iter().map(ToString::to_string).collect::<Vec<_>>();
    let value = serde_json::json!({
        "shared": hex(&state.shared_heads),
        "sent": hex(&state.last_sent_heads),
        "theirs": state.their_heads.as_deref().map(hex),
        "responded": state.have_responded,
    });
    serde_json::to_vec(&value).unwrap_or_default()
}

/// A state written by [`encode_kept`]; `None` for anything else.
pub fn decode_kept(bytes: &[u8]) -> Option<automerge::sync::State> {
    let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let heads = |v: &serde_json::Value| -> Option<Vec<automerge::ChangeHash>> {
        v.as_array()?.iter().map(|h| h.as_str()?.parse().ok()).collect()
    };
    let mut state = automerge::sync::State::new();
    state.shared_heads = heads(&v["shared"])?;
    state.last_sent_heads = heads(&v["sent"])?;
    state.their_heads = if v["theirs"].is_null() { None } else { Some(heads(&v["theirs"])?) };
    state.have_responded = v["responded"].as_bool()?;
    Some(state)
}
