//! What happens to a laptop's sync, as the adapter (the browser's worker, a native client) tells
//! the driver.

use crate::sync::Attestation;

/// One thing that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriverEvent {
    /// The documents are loaded: connect.
    Start,
    /// The socket opened.
    Opened,
    /// The socket closed (or could not open); `reason` as the server or the platform gave it.
    Closed {
        /// Why, if anyone said.
        reason: String,
    },
    /// The wait of an earlier [`super::DriverEffect::RetryIn`] is over.
    RetryDue,
    /// The platform says the network is back (the browser's `online` event).
    NetworkUp,
    /// A message came from the server.
    Received(Vec<u8>),
    /// The attestations kept on this laptop by their authors, loaded after
    /// [`super::DriverEffect::LoadAttested`]: handed to the server before the documents.
    AttestedLoaded(Vec<Attestation>),
    /// This laptop changed a document (an edit was written).
    Changed(String),
    /// A document's open edits were written: what waited for them goes on.
    Released(String),
    /// A document that [`super::DriverEffect::Save`] asked for is stored.
    Stored(String),
    /// The document could not be stored (a full disk): its sync state must not get ahead of it.
    NotStored(String),
    /// A document was added to those synced (the workspace named a new one).
    Added(String),
}
