//! What the engine tells the page, in the order it happened.

use super::{PlanData, SaveState, SyncStatus};
use crate::model::AgencyReports;
use std::sync::Arc;

/// A notice from the engine to the page. The page redraws from it; it never reaches into the
/// engine's documents for what a notice already carries.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum EngineEvent {
    /// Whether my edits are on disk changed.
    Save(SaveState),
    /// Every edit of my reports up to the `n`th the engine took is on disk (as a draft or a
    /// change): the page need not keep them for a page that goes away any more.
    Written(u64),
    /// My reports are open in this tab: their document, the tab's name (what the page keeps
    /// as it goes away is under both), and the pages' stashes the opening replayed, which the
    /// page may now forget.
    Tab {
        /// My reports' document.
        reports: String,
        /// This tab's name.
        tab: String,
        /// The keys of the stashes replayed.
        unstashed: Vec<String>,
    },
    /// A moment of a longer piece of work, for the benchmark (`performance.mark` on the page).
    Mark(String),
    /// Sync's state changed: the link, what the server has not confirmed, its refusals.
    Sync(SyncStatus),
    /// Sync brought a complete workspace and plan while no plan is open here (the engine's own
    /// notice: it opens them, and the page hears [`EngineEvent::Plan`]).
    WorkspaceReady,
    /// The documents could not be opened.
    Failed(super::EngineError),
    /// The open plan, the registry or the list of plans changed.
    Plan(Arc<PlanData>),
    /// Sync waits for my open edits: write them now.
    FlushEdits,
    /// Documents other than my reports changed (sync, a file, the office's edits).
    DocsChanged,
    /// Sync brought changes to my reports.
    MyReports(AgencyReports),
    /// Another agency's reports reached this laptop (the office notes when each submission
    /// arrived).
    ReportsArrived(AgencyReports),
}
