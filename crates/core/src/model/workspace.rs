//! A workspace: one province's space for one or more plans.

use crate::ids::WorkspaceId;
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
}
