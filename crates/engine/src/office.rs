//! What the provincial office's pages read and write, answered by the engine: every agency's
//! reports with the office's review marks and province reports (a [`Snapshot`], today's or as
//! of a past day), one report's record, and the office's edits ([`OfficeEdit`]).

use crate::repo::{tab_actor, Repo};
use crate::Engine;
use std::rc::Rc;
use std::sync::Arc;
use tiendo_core::engine::{
    EngineError, EngineEvent, OfficeEdit, OfficeEditError, OfficeEdited, PlanData, ReportRecord,
};
use tiendo_core::history::{stored_log, Authors, Basis, Of};
use tiendo_core::ids::{AgencyId, PeriodId};
use tiendo_core::model::{AgencyReports, ExplanationAnswer, ExplanationRequest, Plan};
use tiendo_core::office::as_of::AsOfTally;
use tiendo_core::office::Snapshot;
use tiendo_core::schema::edit::{change_groups, change_registry, RegistryEditError};
use tiendo_core::schema::explanations::{answers, put_request, requests};
use tiendo_core::schema::genesis::{empty_reviews, genesis, reports_doc_id, reviews_doc_id, WORKSPACE_DOC};
use tiendo_core::schema::{self, ReportsDoc, ReviewsDoc, WorkspaceDoc};
use tiendo_core::Day;

impl Engine {
    /// Reads everything the office's views need from this laptop's storage (what was read
    /// ahead, if nothing changed since), with my own reports as typed.
    pub async fn snapshot(&self) -> Result<Snapshot, EngineError> {
        let repo = self.repo().ok_or(EngineError::NotOpen)?;
        let data = self.plan().ok_or(EngineError::NotOpen)?;
        let ahead = self.ahead.borrow_mut().take().filter(|(plan, _)| *plan == data.plan.id);
        let stored = match ahead {
            Some((_, reading)) => reading.await,
            None => Rc::new(read_stored(Rc::clone(&repo), data).await),
        };
        let mut snap = (*stored).clone()?;
        // My own reports with what is typed and not written yet.
        if let Ok(mine) = repo.reports() {
            snap.reports.retain(|r| r.agency != mine.agency);
            snap.reports.push(mine);
        }
        Ok(snap)
    }

    /// The snapshot as of the end of `day` by `basis`, and what it counted; today's snapshot
    /// (and no tally) when `day` is not before `today`.
    pub async fn snapshot_as_of(
        &self,
        day: Day,
        basis: Basis,
        today: Day,
    ) -> Result<(Snapshot, Option<AsOfTally>), EngineError> {
        let mut snap = self.snapshot().await?;
        if day >= today {
            return Ok((snap, None));
        }
        let repo = self.repo().ok_or(EngineError::NotOpen)?;
        let store = repo.store();
        let mut tally = AsOfTally::new(day, basis);
        let plan = snap.plan.id.clone();
        for report in &mut snap.reports {
            let id = reports_doc_id(&plan, &report.agency);
            let Ok(Some(mut d)) = store.open(&id).await else { continue };
            let arrivals = stored_log(store.storage(), &id).await.unwrap_or_default();
            if let Ok(then) = tally.read::<ReportsDoc>(&mut d.doc, &arrivals) {
                *report = then.reports;
            }
        }
        let id = reviews_doc_id(&plan);
        if let Ok(Some(mut d)) = store.open(&id).await {
            let arrivals = stored_log(store.storage(), &id).await.unwrap_or_default();
            if let Ok(then) = tally.read::<ReviewsDoc>(&mut d.doc, &arrivals) {
                snap.marks = then.marks;
                snap.province_reports = then.province_reports;
            }
        }
        Ok((snap, Some(tally)))
    }

    /// Whether `agency`'s report for `period`, as this laptop holds it, was changed after it
    /// was last sent (`false` if it cannot be read).
    pub async fn edited_since_sent(&self, agency: &AgencyId, period: &PeriodId) -> bool {
        let (Some(repo), Some(data)) = (self.repo(), self.plan()) else { return false };
        if self.agency().as_ref() == Some(agency) {
            return repo
                .with_reports_doc(|d| tiendo_core::rules::edited::edited_since_sent(d, period).unwrap_or(false));
        }
        match repo.store().open(&reports_doc_id(&data.plan.id, agency)).await {
            Ok(Some(mut d)) => tiendo_core::rules::edited::edited_since_sent(&mut d.doc, period).unwrap_or(false),
            _ => false,
        }
    }

    /// The office's reviews document of the open plan (empty if none is here yet).
    pub async fn read_reviews(&self) -> Result<ReviewsDoc, EngineError> {
        let repo = self.repo().ok_or(EngineError::NotOpen)?;
        let plan = self.plan().ok_or(EngineError::NotOpen)?.plan.id.clone();
        let found = repo.store().read_cached::<ReviewsDoc>(&reviews_doc_id(&plan)).await?;
        Ok(found.unwrap_or_else(|| empty_reviews(&plan)))
    }

    /// The requests for an explanation of the open plan (all of them: the page shows the
    /// office every one, an agency its own).
    pub async fn explanation_requests(&self) -> Vec<ExplanationRequest> {
        let (Some(repo), Some(data)) = (self.repo(), self.plan()) else { return Vec::new() };
        match repo.store().open(&reviews_doc_id(&data.plan.id)).await {
            Ok(Some(d)) => requests(&d.doc).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// The answers in `agency`'s reports as this laptop holds them.
    pub async fn answers_of(&self, agency: &AgencyId) -> Vec<ExplanationAnswer> {
        let (Some(repo), Some(data)) = (self.repo(), self.plan()) else { return Vec::new() };
        if self.agency().as_ref() == Some(agency) {
            return repo.with_reports_doc(|d| answers(d).unwrap_or_default());
        }
        match repo.store().open(&reports_doc_id(&data.plan.id, agency)).await {
            Ok(Some(d)) => answers(&d.doc).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// My agency answers a request on its report; written at once (and sent when online).
    pub fn answer(&self, answer: ExplanationAnswer) -> Result<(), EngineError> {
        self.repo().ok_or(EngineError::NotOpen)?.answer(answer)?;
        self.flush_now();
        Ok(())
    }

    /// Writes one of the office's edits: through sync when joined (it holds the document and
    /// sends the change), else in storage directly. Nothing is written when it is refused.
    pub async fn office_edit(&self, edit: OfficeEdit) -> Result<OfficeEdited, OfficeEditError> {
        let plan = self.plan().ok_or(OfficeEditError::Storage(EngineError::NotOpen))?.plan.id.clone();
        let reviews = || -> Result<_, OfficeEditError> {
            Ok((reviews_doc_id(&plan), genesis(&empty_reviews(&plan)).map_err(|e| OfficeEditError::Storage(e.into()))?))
        };
        let (id, first, done) = match &edit {
            OfficeEdit::Review(_) | OfficeEdit::ProvinceReport(_) | OfficeEdit::Ask(_) => {
                let (id, first) = reviews()?;
                (id, first, OfficeEdited::Done)
            }
            OfficeEdit::Registry(..) | OfficeEdit::Groups(_) => {
                (WORKSPACE_DOC.to_owned(), automerge::AutoCommit::new(), OfficeEdited::Done)
            }
        };
        let outcome = std::rc::Rc::new(std::cell::RefCell::new(Ok(done)));
        let out = outcome.clone();
        let write = move |doc: &mut automerge::AutoCommit| -> Result<(), EngineError> {
            let result = write_edit(doc, edit);
            let refused = matches!(result, Err(OfficeEditError::Refused(_)));
            if let Err(OfficeEditError::Storage(e)) = result {
                return Err(e);
            }
            *out.borrow_mut() = result;
            // A refused change must not be committed: the writer then writes nothing (the
            // refusal itself is told from `outcome`).
            if refused {
                return Err(EngineError::Document("refused".into()));
            }
            Ok(())
        };
        let written = self.edit_office_doc(&id, first, write).await;
        let outcome = outcome.replace(Ok(OfficeEdited::Done));
        match (outcome, written) {
            (Err(refused @ OfficeEditError::Refused(_)), _) => Err(refused),
            (_, Err(e)) => Err(OfficeEditError::Storage(e)),
            (Ok(done), Ok(())) => {
                if id == WORKSPACE_DOC {
                    self.show_registry().await;
                }
                self.tell(EngineEvent::DocsChanged);
                Ok(done)
            }
            (Err(e), Ok(())) => Err(e),
        }
    }

    /// Changes a document the office writes: through sync when joined, else in storage. `first`
    /// is the document's genesis, for one not here yet. Nothing is written if `edit` fails.
    async fn edit_office_doc(
        &self,
        id: &str,
        first: automerge::AutoCommit,
        edit: impl FnOnce(&mut automerge::AutoCommit) -> Result<(), EngineError>,
    ) -> Result<(), EngineError> {
        let repo = self.repo().ok_or(EngineError::NotOpen)?;
        let device = self.device().ok_or(EngineError::NotOpen)?;
        if let Some(sync) = self.sync() {
            return sync.edit_doc(id, &device, first, edit).await;
        }
        let store = repo.store();
        let mut d = match store.open(id).await? {
            Some(d) => d,
            None => store.create(id, first).await?,
        };
        d.doc.set_actor(tab_actor(&device));
        edit(&mut d.doc)?;
        tiendo_core::changes::commit_at(&mut d.doc, js_sys::Date::now() as i64);
        store.save(&mut d).await?;
        Ok(())
    }

    /// Tells the page the registry as the workspace now holds it.
    async fn show_registry(&self) {
        let (Some(repo), Some(data)) = (self.repo(), self.plan()) else { return };
        let ws = match repo.store().open(WORKSPACE_DOC).await {
            Ok(Some(d)) => schema::read::<WorkspaceDoc, _>(&d.doc).ok(),
            _ => None,
        };
        if let Some(ws) = ws {
            let data = PlanData { registry: ws.agencies, plan: data.plan.clone(), plans: data.plans.clone() };
            self.tell(EngineEvent::Plan(Arc::new(data)));
        }
    }

    /// One agency's report record for one period, with its history when `with_history`.
    pub async fn report_record(&self, agency: &AgencyId, period: &PeriodId, with_history: bool) -> ReportRecord {
        let (Some(repo), Some(data)) = (self.repo(), self.plan()) else { return ReportRecord::default() };
        let store = repo.store();
        let ws: Option<WorkspaceDoc> = store.read_cached(WORKSPACE_DOC).await.ok().flatten();
        let id = reports_doc_id(&data.plan.id, agency);
        let Ok(Some(mut d)) = store.open(&id).await else { return ReportRecord::default() };
        let value: Option<ReportsDoc> = schema::read(&d.doc).ok();
        let authors = ws.map(|ws| Authors::of(&ws, value.as_ref().map(|v| &v.reports))).unwrap_or_default();
        let conflicts = tiendo_core::history::conflicts(&id, &mut d.doc, &authors)
            .into_iter()
            .filter(|c| &c.field.period == period)
            .collect();
        let history = if with_history {
            let arrivals = stored_log(store.storage(), &id).await.unwrap_or_default();
            tiendo_core::history::history(&mut d.doc, &authors, &arrivals, Of::Period(period))
        } else {
            Vec::new()
        };
        ReportRecord { conflicts, history, authors }
    }
}

/// Writes `edit` into its document (the reviews document, or the workspace).
fn write_edit(doc: &mut automerge::AutoCommit, edit: OfficeEdit) -> Result<OfficeEdited, OfficeEditError> {
    let storage = |e: EngineError| OfficeEditError::Storage(e);
    let edit_reviews = |doc: &mut automerge::AutoCommit, f: &dyn Fn(&mut ReviewsDoc)| {
        let mut value: ReviewsDoc = schema::read(doc).map_err(EngineError::from).map_err(storage)?;
        f(&mut value);
        schema::write(doc, &value).map_err(EngineError::from).map_err(storage)?;
        Ok(OfficeEdited::Done)
    };
    match edit {
        OfficeEdit::Review(mark) => edit_reviews(doc, &|r| match r.marks.iter_mut().find(|m| m.id == mark.id) {
            Some(m) => *m = mark.clone(),
            None => r.marks.push(mark.clone()),
        }),
        OfficeEdit::ProvinceReport(value) => {
            edit_reviews(doc, &|r| match r.province_reports.iter_mut().find(|p| p.period == value.period) {
                Some(p) => *p = value.clone(),
                None => r.province_reports.push(value.clone()),
            })
        }
        OfficeEdit::Ask(request) => {
            put_request(doc, request).map_err(EngineError::from).map_err(storage)?;
            Ok(OfficeEdited::Done)
        }
        OfficeEdit::Registry(change, today) => {
            change_registry(doc, &change, today).map(OfficeEdited::Agency).map_err(registry_error)
        }
        OfficeEdit::Groups(change) => change_groups(doc, &change).map(OfficeEdited::Group).map_err(registry_error),
    }
}

fn registry_error(e: RegistryEditError) -> OfficeEditError {
    match e {
        RegistryEditError::Refused(e) => OfficeEditError::Refused(e),
        RegistryEditError::Doc(e) => OfficeEditError::Storage(EngineError::from(*e)),
    }
}

/// Everything the office's views need, as this laptop's storage holds it: the workspace, every
/// agency's reports (in one pass over storage: a range read per document would wait behind
/// sync's work), and the office's reviews.
pub(crate) async fn read_stored(repo: Rc<Repo>, data: Arc<PlanData>) -> Result<Snapshot, EngineError> {
    let store = repo.store();
    let ws: Option<WorkspaceDoc> = store.read_cached(WORKSPACE_DOC).await?;
    let workspace = ws.map(|w| w.workspace).unwrap_or_else(tiendo_core::builtin::tra_vinh_workspace);
    let plan: &Plan = &data.plan;
    let ids: Vec<String> = data.registry.agencies.iter().map(|a| reports_doc_id(&plan.id, &a.id)).collect();
    crate::timer::mark("tiendo:office-workspace");
    let found = store.read_cached_many::<ReportsDoc>(&ids).await?;
    crate::timer::mark("tiendo:office-reports");
    let reports: Vec<AgencyReports> =
        ids.iter().filter_map(|id| found.values.get(id)).map(|r| r.reports.clone()).collect();
    // A damaged document is named on the office's pages; the rest are read.
    let unreadable = found
        .unreadable
        .iter()
        .filter_map(|(id, why)| {
            let agency = data.registry.agencies.iter().find(|a| reports_doc_id(&plan.id, &a.id) == *id)?;
            Some((agency.id.clone(), why.clone()))
        })
        .collect();
    let reviews = store.read_cached::<ReviewsDoc>(&reviews_doc_id(&plan.id)).await?;
    let reviews = reviews.unwrap_or_else(|| empty_reviews(&plan.id));
    Ok(Snapshot {
        workspace,
        registry: data.registry.clone(),
        plan: plan.clone(),
        reports,
        marks: reviews.marks,
        province_reports: reviews.province_reports,
        unreadable,
    })
}
