//! A laptop's sync, decided without IO: when to connect, how long to wait after a failure, what
//! to send, what to hold back while edits are open, when to save a document and its sync state.
//! Events in, effects out, like the server's hub; the browser's engine and the native client
//! are adapters that open sockets, keep timers and write storage as the effects say.
//!
//! The driver does not own the documents: the adapter lends them through [`SyncDocs`] for the
//! length of one event, so the one owner of the documents stays the adapter's engine.

mod effect;
mod event;

pub use effect::{DriverEffect, Link, SyncProblem};
pub use event::DriverEvent;

use super::{ClientError, ClientSession, Inbound};
use automerge::AutoCommit;

/// The documents a driver syncs, lent for one event.
pub trait SyncDocs {
    /// The ids of every document to sync, in the order to send them.
    fn ids(&self) -> Vec<String>;
    /// Runs `f` on document `id`, if it is held.
    fn with_doc(&mut self, id: &str, f: &mut dyn FnMut(&mut AutoCommit));
    /// Whether the document has edits open (typed, not yet written as a change): nothing of it
    /// may go out, and nothing may come in, until they are written ([`DriverEvent::Released`]).
    fn held_back(&self, id: &str) -> bool;
}

/// The wait before reconnect attempt `attempt` (from 0): 1, 2, 4 … seconds, at most a minute.
pub fn backoff(attempt: u32) -> u32 {
    1u32.checked_shl(attempt.min(6)).unwrap_or(64).min(60)
}

/// One laptop's sync with its server.
#[derive(Debug)]
pub struct SyncDriver {
    me: String,
    session: ClientSession,
    link: Link,
    attempt: u32,
    /// A retry is planned; a second close before it does not plan another.
    retrying: bool,
    /// Messages about documents with open edits, in the order they came.
    deferred: Vec<(String, Vec<u8>)>,
    /// The error the server gave before closing this connection, if any.
    said: Option<SyncProblem>,
}

impl SyncDriver {
    /// A driver for device `me` (its id in hex).
    pub fn new(me: &str) -> Self {
        Self {
            me: me.to_owned(),
            session: ClientSession::new(me),
            link: Link::Offline,
            attempt: 0,
            retrying: false,
            deferred: Vec::new(),
            said: None,
        }
    }

    /// Restores a document's persisted sync state (from storage, before `Start`).
    pub fn restore(&mut self, doc: &str, persisted: &[u8]) {
        self.session.restore(doc, persisted);
    }

    /// The link as it stands.
    pub fn link(&self) -> Link {
        self.link
    }

    /// This laptop's changes to `doc` that the server has not confirmed.
    pub fn only_here(&self, id: &str, doc: &mut AutoCommit) -> crate::changes::OnlyHere {
        self.session.only_here(id, doc)
    }

    /// Takes one event and says what to do.
    pub fn handle(&mut self, event: DriverEvent, docs: &mut dyn SyncDocs) -> Vec<DriverEffect> {
        let mut out = Vec::new();
        match event {
            DriverEvent::Start => self.connect(&mut out),
            DriverEvent::RetryDue => {
                if self.retrying {
                    self.connect(&mut out);
                }
            }
            DriverEvent::NetworkUp => {
                if self.link == Link::Offline {
                    self.connect(&mut out);
                }
            }
            DriverEvent::Opened => out.push(DriverEffect::Send(self.session.hello())),
            DriverEvent::Closed { reason } => self.closed(reason, docs, &mut out),
            DriverEvent::Received(bytes) => self.received(&bytes, docs, &mut out),
            DriverEvent::AttestedLoaded(items) => {
                if let Some(m) = self.session.attest(items) {
                    out.push(DriverEffect::Send(m));
                }
                for id in docs.ids() {
                    self.push(&id, docs, &mut out);
                }
            }
            DriverEvent::Changed(id) | DriverEvent::Added(id) => self.push(&id, docs, &mut out),
            DriverEvent::Released(id) => {
                if docs.held_back(&id) {
                    return out;
                }
                let waiting: Vec<(String, Vec<u8>)> = std::mem::take(&mut self.deferred);
                for (doc, data) in waiting {
                    self.apply(&doc, &data, docs, &mut out);
                }
                self.push(&id, docs, &mut out);
            }
            DriverEvent::Stored(id) => {
                if let Some(state) = self.session.persisted(&id) {
                    out.push(DriverEffect::SaveSyncState { doc: id, state });
                }
            }
            // Not stored: the sync state stays where it was, so the next session asks again.
            DriverEvent::NotStored(_) => {}
        }
        out
    }

    fn set_link(&mut self, link: Link, out: &mut Vec<DriverEffect>) {
        if self.link != link {
            self.link = link;
            out.push(DriverEffect::Link(link));
        }
    }

    fn connect(&mut self, out: &mut Vec<DriverEffect>) {
        self.retrying = false;
        self.set_link(Link::Connecting, out);
        out.push(DriverEffect::Connect);
    }

    fn closed(&mut self, reason: String, docs: &mut dyn SyncDocs, out: &mut Vec<DriverEffect>) {
        // A new session that keeps every document's persisted sync state: a reconnect sends a
        // summary of what changed since, not of the whole history.
        let mut fresh = ClientSession::new(&self.me);
        for id in docs.ids() {
            if let Some(state) = self.session.persisted(&id) {
                fresh.restore(&id, &state);
            }
        }
        self.session = fresh;
        if self.retrying {
            return;
        }
        self.retrying = true;
        let wait = backoff(self.attempt);
        self.attempt = self.attempt.saturating_add(1);
        self.set_link(Link::Offline, out);
        if let Some(said) = self.said.take() {
            out.push(DriverEffect::Problem(Some(said)));
        } else if !reason.is_empty() {
            out.push(DriverEffect::Problem(Some(SyncProblem::Closed(reason))));
        }
        out.push(DriverEffect::RetryIn(wait));
    }

    fn received(&mut self, bytes: &[u8], docs: &mut dyn SyncDocs, out: &mut Vec<DriverEffect>) {
        match self.session.receive(bytes) {
            Ok(Inbound::Ready) => {
                self.attempt = 0;
                self.set_link(Link::Online, out);
                out.push(DriverEffect::Problem(None));
                out.push(DriverEffect::Synced);
                // The authors' attestations first, then the documents they cover.
                out.push(DriverEffect::LoadAttested);
            }
            Ok(Inbound::Sync { doc, data }) => self.apply(&doc, &data, docs, out),
            Ok(Inbound::Refused { doc, reason, code }) => out.push(DriverEffect::Refused { doc, reason, code }),
            Ok(Inbound::Unavailable(doc)) => out.push(DriverEffect::Unavailable(doc)),
            Ok(Inbound::Attested(items)) => out.push(DriverEffect::KeepAttested(items)),
            Ok(Inbound::Error { message, code }) => {
                let said = SyncProblem::Server { message, code };
                // The close that follows says less: what the server said is what stays shown.
                self.said = Some(said.clone());
                out.push(DriverEffect::Problem(Some(said)));
            }
            Ok(Inbound::Nothing) => {}
            Err(e) => out.push(DriverEffect::Problem(Some(e.into()))),
        }
    }

    /// Sends what the server lacks of `id`, unless its edits are open.
    fn push(&mut self, id: &str, docs: &mut dyn SyncDocs, out: &mut Vec<DriverEffect>) {
        if docs.held_back(id) {
            return;
        }
        let session = &mut self.session;
        let mut message = None;
        let mut only_here = None;
        docs.with_doc(id, &mut |doc| {
            message = session.outgoing(id, doc);
            only_here = Some(session.only_here(id, doc));
        });
        if let Some(only_here) = only_here {
            out.push(DriverEffect::Unconfirmed { doc: id.to_owned(), only_here });
        }
        if let Some(m) = message {
            out.push(DriverEffect::Send(m));
        }
    }

    /// Applies a sync message and answers it; while the document's edits are open, keeps it
    /// for after their write (a tab that died would otherwise replay its draft into a second
    /// copy of what the server already has).
    fn apply(&mut self, id: &str, data: &[u8], docs: &mut dyn SyncDocs, out: &mut Vec<DriverEffect>) {
        if docs.held_back(id) {
            self.deferred.push((id.to_owned(), data.to_vec()));
            out.push(DriverEffect::FlushEdits(id.to_owned()));
            return;
        }
        let session = &mut self.session;
        let mut result: Option<(Result<bool, ClientError>, bool)> = None;
        let mut reply = None;
        let mut only_here = None;
        let mut arrived = Vec::new();
        docs.with_doc(id, &mut |doc| {
            let before = doc.get_heads();
            let applied = session.apply(id, doc, data);
            if applied.is_ok() {
                reply = session.outgoing(id, doc);
                only_here = Some(session.only_here(id, doc));
                // What arrived, for the arrival records; not on first sight (a new laptop's
                // first sync does not claim that everything arrived today).
                if matches!(applied, Ok(true)) && !before.is_empty() {
                    arrived = doc.get_changes_meta(&before).into_iter().map(|c| c.hash).collect();
                }
            }
            result = Some((applied, before.is_empty()));
        });
        let Some((applied, was_empty)) = result else { return };
        match applied {
            Ok(changed) => {
                if let Some(m) = reply {
                    out.push(DriverEffect::Send(m));
                }
                if let Some(only_here) = only_here {
                    out.push(DriverEffect::Unconfirmed { doc: id.to_owned(), only_here });
                }
                out.push(DriverEffect::Synced);
                if changed {
                    out.push(DriverEffect::Save { doc: id.to_owned(), was_empty, arrived });
                } else if let Some(state) = self.session.persisted(id) {
                    out.push(DriverEffect::SaveSyncState { doc: id.to_owned(), state });
                }
            }
            Err(e) => {
                if matches!(e, ClientError::BreaksSchema { .. }) {
                    out.push(DriverEffect::Broken(id.to_owned()));
                }
                out.push(DriverEffect::Problem(Some(e.into())));
            }
        }
    }
}
