//! The demo workspace's sample reports of the other agencies.

use crate::storage::AnyStorage;
use tiendo_core::engine::EngineError;
use tiendo_core::ids::AgencyId;
use tiendo_core::model::AgencyKind;
use tiendo_core::model::{Plan, Registry};
use tiendo_core::schema::genesis::reports_doc_id;
use tiendo_core::storage::{snapshot_key, DocStore, Storage};

/// The other agencies' sample reports, made the first time the demo opens (the office's board,
/// targets and compile pages then show what they are for); my own report starts empty. Made
/// after the demo has opened (about two seconds of work), so the first screen does not wait.
pub async fn add_demo_reports(
    store: &DocStore<AnyStorage>,
    registry: &Registry,
    plan: &Plan,
    me: &AgencyId,
) -> Result<bool, EngineError> {
    let Some(other) = registry.agencies.iter().find(|a| &a.id != me && a.kind != AgencyKind::ProvincialOffice) else {
        return Ok(false);
    };
    if store.open(&reports_doc_id(&plan.id, &other.id)).await?.is_some() {
        return Ok(false);
    }
    let today = tiendo_core::demo::demo_today(plan);
    let docs = tiendo_core::demo::demo_reports(plan, registry, me, today)?;
    let mut entries = Vec::new();
    for (id, mut doc) in docs {
        let bytes = doc.save();
        entries.push((snapshot_key(&id, &bytes)?, bytes));
    }
    // All or none: a demo half filled would be a wrong picture.
    store.storage().put_all(&entries).await?;
    Ok(true)
}
