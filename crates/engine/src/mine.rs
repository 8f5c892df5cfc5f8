//! What the engine answers of my own reports beyond their values: what is only on this laptop,
//! how their changes arrived, a part's history, my answers to the office, whether a period was
//! edited after it was sent. Reading the document's changes would close an open edit with time
//! 0, so the history waits until no edit is open.

use crate::Engine;
use tiendo_core::changes::OnlyHere;
use tiendo_core::history::{history, stored_log, ArrivalLog, Authors, Field, HistoryEntry, Of};
use tiendo_core::ids::PeriodId;
use tiendo_core::model::ExplanationAnswer;
use tiendo_core::schema::explanations::answers;

impl Engine {
    /// My reports' document id, once open.
    pub fn reports_id(&self) -> Option<String> {
        self.repo().map(|r| r.reports_id())
    }

    /// My changes that no exported sync file held yet (`exported`: the heads the last one held).
    pub fn only_here(&self, exported: &[String]) -> Option<OnlyHere> {
        let covered: Vec<automerge::ChangeHash> = exported.iter().filter_map(|h| h.parse().ok()).collect();
        Some(self.repo()?.only_here(&covered))
    }

    /// The heads of my reports.
    pub fn heads(&self) -> Vec<String> {
        self.repo().map(|r| r.heads()).unwrap_or_default()
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

    /// My agency's answers to the office's requests, as my reports hold them.
    pub fn my_answers(&self) -> Vec<ExplanationAnswer> {
        self.repo().map(|r| r.with_reports_doc(|d| answers(d).unwrap_or_default())).unwrap_or_default()
    }

    /// Whether my report of `period` changed after it was last sent.
    pub fn edited_since_sent_mine(&self, period: &PeriodId) -> bool {
        self.repo().is_some_and(|r| {
            r.with_reports_doc(|d| tiendo_core::rules::edited::edited_since_sent(d, period).unwrap_or(false))
        })
    }
}
