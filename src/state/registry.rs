//! The office's changes to its agency registry from the app: checked by the core against the
//! registry this laptop holds, written to the workspace document as the office's change (synced
//! or carried by file like any other), then shown at once.

use super::office::edit_office_doc;
use super::{AppContext, EngineError, PlanData};
use leptos::prelude::Set;
use std::sync::Arc;
use tiendo_core::ids::{AgencyId, GroupId};
use tiendo_core::model::{GroupChange, RegistryChange, RegistryError};
use tiendo_core::schema::edit::{change_groups, change_registry, RegistryEditError};
use tiendo_core::schema::genesis::WORKSPACE_DOC;
use tiendo_core::schema::{self, WorkspaceDoc};

/// Why a registry change did not happen. Nothing was changed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RegistryFailure {
    /// The registry refused it (a name taken, an agency ended …).
    #[error(transparent)]
    Refused(#[from] RegistryError),
    /// The workspace could not be read or written here.
    #[error("the workspace could not be changed: {0}")]
    Storage(EngineError),
}

/// Applies `change` as of today; returns the agency it concerns (the new one for an addition,
/// the one that goes on for a merger).
pub async fn change(ctx: AppContext, change: RegistryChange) -> Result<AgencyId, RegistryFailure> {
    let today = ctx.today();
    apply(ctx, move |doc| change_registry(doc, &change, today)).await
}

/// Applies a change to the office's groups; returns the group it concerns.
pub async fn change_group(ctx: AppContext, change: GroupChange) -> Result<GroupId, RegistryFailure> {
    apply(ctx, move |doc| change_groups(doc, &change)).await
}

/// Writes `edit` to the workspace as the office's change, or nothing when the registry refuses
/// it; then shows the registry as it now stands.
async fn apply<T: 'static>(
    ctx: AppContext,
    edit: impl FnOnce(&mut automerge::AutoCommit) -> Result<T, RegistryEditError> + 'static,
) -> Result<T, RegistryFailure> {
    let first = automerge::AutoCommit::new();
    let done = std::rc::Rc::new(std::cell::RefCell::new(None::<Result<T, RegistryError>>));
    let out = done.clone();
    let edit = move |doc: &mut automerge::AutoCommit| -> Result<(), EngineError> {
        let result = edit(doc);
        let refused = matches!(result, Err(RegistryEditError::Refused(_)));
        *out.borrow_mut() = Some(match result {
            Ok(id) => Ok(id),
            Err(RegistryEditError::Refused(e)) => Err(e),
            Err(RegistryEditError::Doc(e)) => return Err(EngineError::from(*e)),
        });
        // A refused change must not be committed: say so to the writer, which then writes nothing
        // (the refusal itself is told from `out`).
        if refused {
            return Err(EngineError::Document("refused".into()));
        }
        Ok(())
    };
    let written = edit_office_doc(ctx, WORKSPACE_DOC, first, edit).await;
    let result = done.borrow_mut().take();
    match (result, written) {
        (Some(Err(refused)), _) => Err(RegistryFailure::Refused(refused)),
        (Some(Ok(id)), Ok(())) => {
            show(ctx).await;
            Ok(id)
        }
        (_, Err(e)) => Err(RegistryFailure::Storage(e)),
        (None, Ok(())) => Err(RegistryFailure::Storage(EngineError::Document("nothing was changed".into()))),
    }
}

/// Shows the registry as the workspace now holds it.
async fn show(ctx: AppContext) {
    let (Some(repo), Some(data)) = (ctx.repo(), ctx.plan()) else { return };
    let ws = match repo.store().open(WORKSPACE_DOC).await {
        Ok(Some(d)) => schema::read::<WorkspaceDoc, _>(&d.doc).ok(),
        _ => None,
    };
    if let Some(ws) = ws {
        ctx.data.set(Some(Ok(Arc::new(PlanData {
            registry: ws.agencies,
            plan: data.plan.clone(),
            plans: data.plans.clone(),
        }))));
    }
}
