//! The page's side of the engine's notices: each one becomes the signal it changes. The only
//! place the engine's news reaches the page's state.

use super::AppContext;
use leptos::prelude::*;
use tiendo_core::engine::EngineEvent;

/// Takes one notice from the engine.
pub fn take(ctx: AppContext, event: EngineEvent) {
    match event {
        EngineEvent::Save(state) => ctx.saved(state),
        EngineEvent::Written(through) => ctx.written(through),
        EngineEvent::Tab { reports, tab, unstashed } => {
            for key in &unstashed {
                super::stash::forget(key);
            }
            ctx.opened_in(reports, tab);
        }
        EngineEvent::Mark(name) => super::boot::mark(&name),
        EngineEvent::Sync(status) => ctx.sync.set(Some(status)),
        // The engine's own notice (it opens the documents, then says so with `Plan`).
        EngineEvent::WorkspaceReady => {}
        EngineEvent::Failed(e) => ctx.data.set(Some(Err(e))),
        EngineEvent::Plan(data) => ctx.data.set(Some(Ok(data))),
        EngineEvent::FlushEdits => ctx.flush_now(),
        EngineEvent::DocsChanged => ctx.docs_changed_soon(),
        EngineEvent::MyReports(reports) => ctx.reports.set(Some(reports)),
        EngineEvent::ReportsArrived(reports) => {
            super::office::record_all_arrivals(&reports, js_sys::Date::now() as i64);
        }
    }
}
