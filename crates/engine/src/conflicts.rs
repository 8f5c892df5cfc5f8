//! Conflicts as the engine reads them: my reports' (only while no edit is open: reading the
//! document's changes would close the open one with time 0), and for the office every other
//! agency's, scanned in the background with what the last scan found kept per document.

use crate::Engine;
use tiendo_core::engine::Scanned;
use tiendo_core::history::{conflicts, Authors, ConflictEntry, ConflictScan};
use tiendo_core::schema::genesis::{reports_doc_id, WORKSPACE_DOC};
use tiendo_core::schema::WorkspaceDoc;

impl Engine {
    /// Who made changes: the workspace's devices and who submitted from them.
    pub async fn authors(&self) -> Option<Authors> {
        let repo = self.repo()?;
        let ws: WorkspaceDoc = repo.store().read_cached(WORKSPACE_DOC).await.ok().flatten()?;
        let reports = repo.reports().ok();
        Some(Authors::of(&ws, reports.as_ref()))
    }

    /// My reports' open conflicts, or `None` while an edit is open (ask again when it is saved).
    pub fn my_conflicts(&self, authors: &Authors) -> Option<Vec<ConflictEntry>> {
        let repo = self.repo().filter(|r| !r.has_open_edits())?;
        Some(repo.with_reports_doc(|doc| conflicts("", doc, authors)))
    }

    /// Every other agency's open conflicts (the office's view); `None` while a scan runs (the
    /// caller asks again after it). The scan waits for idle moments between documents.
    pub async fn scan_others(&self) -> Option<Scanned> {
        let mut scan = self.scan.borrow_mut().take()?;
        let result = self.run_scan(&mut scan).await;
        *self.scan.borrow_mut() = Some(scan);
        Some(result)
    }

    async fn run_scan(&self, scan: &mut ConflictScan) -> Scanned {
        let (Some(repo), Some(data)) = (self.repo(), self.plan()) else { return Scanned::default() };
        let ws: Option<WorkspaceDoc> = repo.store().read_cached(WORKSPACE_DOC).await.ok().flatten();
        let names = ws.map(|ws| Authors::of(&ws, None)).unwrap_or_default();
        let mine = self.agency();
        let ids: Vec<String> = data
            .registry
            .agencies
            .iter()
            .filter(|a| Some(&a.id) != mine.as_ref())
            .map(|a| reports_doc_id(&data.plan.id, &a.id))
            .collect();
        // Background work: what the person opened is drawn first.
        crate::idle().await;
        let started = js_sys::Date::now();
        let pause = || -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> { Box::pin(crate::idle()) };
        let found = scan.run(repo.store(), &ids, &names, Some(&pause)).await.unwrap_or_default();
        Scanned { found, ms: js_sys::Date::now() - started, documents: scan.scanned }
    }
}
