//! Devices and the index of documents held in a workspace document.

use crate::ids::{AgencyId, DeviceId, PlanId};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// A registered device: one browser profile or server that may write its agency's documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Device {
    /// Stable id.
    #[key]
    pub id: DeviceId,
    /// The agency it writes for.
    pub agency: AgencyId,
    /// Its ed25519 public key, hex (empty until keys arrive).
    pub public_key: String,
    /// A name the user gave it.
    pub name: String,
    /// When it was registered, Unix milliseconds.
    pub registered_at_ms: i64,
}

/// What a document of the workspace holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// The workspace document itself.
    Workspace,
    /// A plan.
    Plan,
    /// An agency's reports on a plan.
    Reports,
    /// The office's review marks on a plan's reports.
    Reviews,
}

/// One entry of the workspace's document index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct DocEntry {
    /// The document id (automerge-repo style).
    #[key]
    pub id: String,
    /// What it holds.
    pub kind: DocKind,
    /// The plan it belongs to, if any.
    pub plan: Option<PlanId>,
    /// The agency that writes it, for report documents.
    pub agency: Option<AgencyId>,
}
