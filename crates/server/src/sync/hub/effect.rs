//! What the hub asks its adapter to do.

use super::ConnId;
use tiendo_core::history::Via;
use tiendo_core::storage::{Chunk, Compaction};

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
    /// Record that these changes of `doc` arrived now, by `via` (after the chunks that hold them
    /// are written, before anyone is told).
    Arrived {
        /// The document.
        doc: String,
        /// How they came.
        via: Via,
        /// The changes.
        changes: Vec<automerge::ChangeHash>,
    },
}
