//! What the sync engine shows: the link to the server, the last successful sync, and per
//! document how many local changes the server has not confirmed, or why it refused them.

use std::collections::BTreeMap;

pub use crate::sync::Link;

/// One document's sync state.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct DocStatus {
    /// Changes made here that the server has not confirmed.
    pub unconfirmed: usize,
    /// The time of the oldest of them that carries one (Unix seconds).
    pub unconfirmed_since_s: Option<i64>,
    /// The server's reason for refusing changes, if it did.
    pub refused: Option<String>,
    /// Its kind, to say in the user's language.
    pub refused_code: Option<crate::sync::RefusalCode>,
    /// The server will not give this document.
    pub unavailable: bool,
    /// The server sent changes that break this document; they were not taken.
    pub broken: bool,
}

/// Everything the sync indicator and the settings page show.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct SyncStatus {
    /// The link.
    pub link: Link,
    /// When the server last answered, Unix milliseconds.
    pub last_sync_ms: Option<f64>,
    /// Seconds until the next attempt, when offline.
    pub retry_in_s: Option<u32>,
    /// Per document.
    pub docs: BTreeMap<String, DocStatus>,
    /// The last connection problem (shown in the user's words, `sync::problem`).
    pub problem: Option<crate::sync::SyncProblem>,
}

impl DocStatus {
    /// Takes in what the sync session says is only here.
    pub fn set_only_here(&mut self, only: crate::changes::OnlyHere) {
        self.unconfirmed = only.count;
        self.unconfirmed_since_s = only.oldest_s;
    }
}

impl SyncStatus {
    /// The state of a sync that has not made its first attempt yet: connecting, as it will once
    /// its documents are loaded. "Offline" would tell the person the server cannot be reached
    /// before anything was tried (each reload of a joined laptop said so for a moment).
    pub fn before_first_attempt() -> Self {
        Self { link: Link::Connecting, ..Self::default() }
    }
    /// Changes not yet confirmed, over all documents.
    pub fn unconfirmed(&self) -> usize {
        self.docs.values().map(|d| d.unconfirmed).sum()
    }
    /// Documents whose changes the server refused, with its reason.
    pub fn refused(&self) -> Vec<(String, String)> {
        self.docs.iter().filter_map(|(id, d)| d.refused.clone().map(|r| (id.clone(), r))).collect()
    }
    /// Whether the server sent changes that break a document (not taken).
    pub fn any_broken(&self) -> bool {
        self.docs.values().any(|d| d.broken)
    }
}
