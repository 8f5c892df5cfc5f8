//! A workspace: one province's space for one or more plans.

use crate::ids::{DeviceId, WorkspaceId};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// One province's space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Workspace {
    /// Stable id, e.g. `tra-vinh-2020`.
    pub id: WorkspaceId,
    /// Display name, e.g. `Kế hoạch hành động 2020 — Trà Vinh`.
    pub name: String,
    /// Province name, e.g. `Trà Vinh`.
    pub province: String,
    /// The year the plans of this workspace cover.
    pub year: i32,
    /// The sync server's own device, if the workspace has a server: it vouches for changes it
    /// accepted (`sync::Attestation`), so its word carries them to laptops by file. Absent until
    /// a server registers itself, so a genesis stays byte for byte the same.
    #[autosurgeon(reconcile = "crate::schema::absent_when_none", missing = "Option::default")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<DeviceId>,
}
