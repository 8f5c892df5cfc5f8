//! What the driver asks its adapter to do. The adapter does it in order and reports back with
//! events; it decides nothing itself.

use crate::changes::OnlyHere;
use crate::sync::{Attestation, ClientError};

/// The connection to the server, as the laptop shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Link {
    /// Not connected; a retry is planned.
    #[default]
    Offline,
    /// Connecting or joining.
    Connecting,
    /// Connected and joined.
    Online,
}

impl Link {
    /// `offline`, `connecting`, `online`: for `data-state` and translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Link::Offline => "offline",
            Link::Connecting => "connecting",
            Link::Online => "online",
        }
    }
}

/// Why sync is not going well, for the laptop to show in its own words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum SyncProblem {
    /// The connection closed, with the reason the server or the platform gave.
    #[error("connection closed: {0}")]
    Closed(String),
    /// The server reported an error (and will close).
    #[error("the server said: {message}")]
    Server {
        /// Its words (English).
        message: String,
        /// Its kind, to say in the user's language.
        code: Option<crate::sync::ServerErrorCode>,
    },
    /// A message from the server could not be used.
    #[error(transparent)]
    Message(#[from] ClientError),
    /// What sync brought could not be kept in this laptop's storage.
    #[error("could not keep what sync brought: {0}")]
    Storage(String),
}

/// One thing for the adapter to do.
#[derive(Debug, Clone, PartialEq)]
pub enum DriverEffect {
    /// Open a socket to the server (answer with `Opened` or `Closed`).
    Connect,
    /// Send these bytes, if the socket is open.
    Send(Vec<u8>),
    /// Wait this many seconds, then send `RetryDue`.
    RetryIn(u32),
    /// Show the link.
    Link(Link),
    /// Show a problem, or clear it (`None`).
    Problem(Option<SyncProblem>),
    /// The server answered: show the time of the last sync as now.
    Synced,
    /// Load the attestations kept here by their authors and send `AttestedLoaded`.
    LoadAttested,
    /// Keep these attestations the server gave (of changes it holds).
    KeepAttested(Vec<Attestation>),
    /// The changes of this laptop to a document that the server has not confirmed.
    Unconfirmed {
        /// The document.
        doc: String,
        /// How many, and since when.
        only_here: OnlyHere,
    },
    /// The server refused this laptop's changes to a document.
    Refused {
        /// The document.
        doc: String,
        /// The server's reason.
        reason: String,
        /// Its kind, to say in the user's language.
        code: Option<crate::sync::RefusalCode>,
    },
    /// The server will not give this document.
    Unavailable(String),
    /// The server sent changes that break this document; they were not taken.
    Broken(String),
    /// Write a document's open edits soon: a message about it waits for them.
    FlushEdits(String),
    /// A document changed by sync: store it, refresh what shows it, then send `Stored` (or
    /// `NotStored`). `was_empty` when this laptop held nothing of it before.
    Save {
        /// The document.
        doc: String,
        /// Whether it was empty here before.
        was_empty: bool,
        /// The changes that came (none when it was empty here), to record their arrival.
        arrived: Vec<automerge::ChangeHash>,
    },
    /// Store a document's sync state (after the document itself, never ahead of it).
    SaveSyncState {
        /// The document.
        doc: String,
        /// The encoded state.
        state: Vec<u8>,
    },
}
