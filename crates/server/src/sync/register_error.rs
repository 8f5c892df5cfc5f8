//! Why the hub did not register a joining laptop's device.

use tiendo_core::ids::AgencyId;

/// A device not registered: nothing of it is in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegisterError {
    /// Its agency was retired or merged by the office: its codes no longer join, whether the
    /// change came by `tiendo agency` or from the office's laptop by sync.
    #[error("agency {0} has ended (retired or merged)")]
    AgencyEnded(AgencyId),
    /// The workspace could not be changed, or the hub stopped.
    #[error("the device could not be registered: {0}")]
    Failed(String),
}
