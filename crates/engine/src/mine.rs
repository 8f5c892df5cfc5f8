//! What the engine answers of my own reports beyond their values: what is only on this laptop,
//! how their changes arrived, a part's history. Reading the document's changes would close an
//! open edit with time 0, so the history waits until no edit is open.

use crate::Engine;
use tiendo_core::changes::OnlyHere;
use tiendo_core::history::{history, stored_log, ArrivalLog, Authors, Field, HistoryEntry, Of};

impl Engine {
    /// My changes that no exported sync file held yet (`exported`: the heads the last one held).
    pub fn only_here(&self, exported: &[String]) -> Option<OnlyHere> {
        let covered: Vec<automerge::ChangeHash> = exported.iter().filter_map(|h| h.parse().ok()).collect();
        Some(self.repo()?.only_here(&covered))
    }

    /// How my reports' changes reached this laptop.
    pub async fn arrival_log(&self) -> ArrivalLog {
        let Some(repo) = self.repo() else { return ArrivalLog::default() };
        stored_log(repo.store().storage(), &repo.reports_id()).await.unwrap_or_default()
    }

    /// The history of `fields` of my reports, or `None` while an edit is open.
    pub fn history_of(&self, fields: &[Field], authors: &Authors, log: &ArrivalLog) -> Option<Vec<HistoryEntry>> {
        let repo = self.repo().filter(|r| !r.has_open_edits())?;
        Some(repo.with_reports_doc(|doc| history(doc, authors, log, Of::Fields(fields))))
    }
}
