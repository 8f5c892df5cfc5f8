//! Requests for an explanation (`yêu cầu giải trình`): the office asks an agency why a report or
//! a task is overdue (its reviews document), the agency answers on its own report (its reports
//! document), and both see the request and the answer.

use super::office::{edit_office_doc, is_office};
use super::{AppContext, EngineError};
use leptos::prelude::*;
use tiendo_core::ids::{AgencyId, PeriodId, TaskId};
use tiendo_core::model::{ExplanationAnswer, ExplanationRequest};
use tiendo_core::schema::explanations::{answers, put_request, requests};
use tiendo_core::schema::genesis::{empty_reviews, genesis, reports_doc_id, reviews_doc_id};

/// The requests of the open plan, and my agency's answers, shared through the context.
#[derive(Clone, Copy)]
pub struct Explanations {
    /// Every request (the office's view) or those to my agency.
    pub requests: RwSignal<Vec<ExplanationRequest>>,
    /// My agency's answers, as my reports hold them.
    pub mine: Memo<Vec<ExplanationAnswer>>,
}

impl Explanations {
    /// Starts reading them (again whenever documents change) and provides them.
    pub fn provide(ctx: AppContext) -> Self {
        let found = RwSignal::new(Vec::new());
        Effect::new(move |_| {
            ctx.docs_changed.track();
            ctx.data.track();
            let (Some(repo), Some(data)) = (ctx.repo(), ctx.plan()) else { return };
            let (office, me) = (is_office(&ctx), ctx.agency());
            leptos::task::spawn_local(async move {
                let Ok(Some(d)) = repo.store().open(&reviews_doc_id(&data.plan.id)).await else { return };
                let all = requests(&d.doc).unwrap_or_default();
                found.set(all.into_iter().filter(|r| office || Some(&r.agency) == me.as_ref()).collect());
            });
        });
        let mine = Memo::new(move |_| {
            ctx.reports.track();
            ctx.repo().map(|r| r.with_reports_doc(|d| answers(d).unwrap_or_default())).unwrap_or_default()
        });
        let me = Self { requests: found, mine };
        provide_context(me);
        me
    }

    /// The explanations, as provided.
    pub fn expect() -> Self {
        expect_context()
    }
}

/// The office asks `agency` to explain its overdue report of `period` (or `task` in it).
pub async fn ask(
    ctx: AppContext,
    agency: AgencyId,
    period: PeriodId,
    task: Option<TaskId>,
    question: String,
) -> Result<(), EngineError> {
    let data = ctx.plan().ok_or(EngineError::NotOpen)?;
    let at_ms = ctx.now_ms();
    let by = data.registry.provincial_office().map(|a| a.name.clone()).unwrap_or_default();
    let request = ExplanationRequest {
        id: ExplanationRequest::id_for(&agency, &period, task.as_ref(), at_ms),
        agency,
        period,
        task,
        question,
        by,
        at_ms,
    };
    let first = genesis(&empty_reviews(&data.plan.id))?;
    let id = reviews_doc_id(&data.plan.id);
    edit_office_doc(ctx, &id, first, move |doc| Ok(put_request(doc, request)?)).await
}

/// My agency answers a request on its report; written at once (and sent when online).
pub fn answer(ctx: AppContext, request: &ExplanationRequest, text: String) -> Result<(), EngineError> {
    let repo = ctx.repo().ok_or(EngineError::NotOpen)?;
    repo.answer(ExplanationAnswer { request: request.id.clone(), text, at_ms: ctx.now_ms() })?;
    ctx.reports.update(|_| ());
    ctx.flush_now();
    Ok(())
}

/// The answers in `agency`'s reports as this laptop holds them (the office's view).
pub async fn answers_of(ctx: AppContext, agency: &AgencyId) -> Vec<ExplanationAnswer> {
    let (Some(repo), Some(data)) = (ctx.repo(), ctx.plan()) else { return Vec::new() };
    if ctx.agency().as_ref() == Some(agency) {
        return repo.with_reports_doc(|d| answers(d).unwrap_or_default());
    }
    match repo.store().open(&reports_doc_id(&data.plan.id, agency)).await {
        Ok(Some(d)) => answers(&d.doc).unwrap_or_default(),
        _ => Vec::new(),
    }
}
