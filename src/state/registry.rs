//! The office's changes to its agency registry from the app: checked by the core against the
//! registry this laptop holds, written to the workspace document as the office's change (synced
//! or carried by file like any other), then shown at once.

use super::{AppContext, EngineError};
use tiendo_core::engine::{OfficeEdit, OfficeEditError, OfficeEdited};
use tiendo_core::ids::{AgencyId, GroupId};
use tiendo_core::model::{GroupChange, RegistryChange};

/// Why a registry change did not happen. Nothing was changed.
pub type RegistryFailure = OfficeEditError;

/// Applies `change` as of today; returns the agency it concerns (the new one for an addition,
/// the one that goes on for a merger).
pub async fn change(ctx: AppContext, change: RegistryChange) -> Result<AgencyId, RegistryFailure> {
    match super::office::edit(ctx, OfficeEdit::Registry(change, ctx.today())).await? {
        OfficeEdited::Agency(id) => Ok(id),
        _ => Err(OfficeEditError::Storage(EngineError::Document("no agency was changed".into()))),
    }
}

/// Applies a change to the office's groups; returns the group it concerns.
pub async fn change_group(ctx: AppContext, change: GroupChange) -> Result<GroupId, RegistryFailure> {
    match super::office::edit(ctx, OfficeEdit::Groups(change)).await? {
        OfficeEdited::Group(id) => Ok(id),
        _ => Err(OfficeEditError::Storage(EngineError::Document("no group was changed".into()))),
    }
}
