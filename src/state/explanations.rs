//! Requests for an explanation (`yêu cầu giải trình`): the office asks an agency why a report or
//! a task is overdue (its reviews document), the agency answers on its own report (its reports
//! document), and both see the request and the answer.

use super::office::is_office;
use super::{AppContext, EngineError};
use leptos::prelude::*;
use tiendo_core::engine::{OfficeEdit, OfficeEditError};
use tiendo_core::ids::{AgencyId, PeriodId, TaskId};
use tiendo_core::model::{ExplanationAnswer, ExplanationRequest};

/// The requests of the open plan, and my agency's answers, shared through the context.
#[derive(Clone, Copy)]
pub struct Explanations {
    /// Every request (the office's view) or those to my agency.
    pub requests: RwSignal<Vec<ExplanationRequest>>,
    /// My agency's answers, as my reports hold them.
    pub mine: RwSignal<Vec<ExplanationAnswer>>,
}

impl Explanations {
    /// Starts reading them (again whenever documents change) and provides them.
    pub fn provide(ctx: AppContext) -> Self {
        let found = RwSignal::new(Vec::new());
        Effect::new(move |_| {
            ctx.docs_changed.track();
            ctx.data.track();
            let (Some(engine), Some(_)) = (ctx.engine(), ctx.plan()) else { return };
            let (office, me) = (is_office(&ctx), ctx.agency());
            leptos::task::spawn_local(async move {
                let all = engine.explanation_requests().await;
                found.set(all.into_iter().filter(|r| office || Some(&r.agency) == me.as_ref()).collect());
            });
        });
        // Read again whenever my reports change (an answer is written into them).
        let mine = RwSignal::new(Vec::new());
        Effect::new(move |_| {
            ctx.reports.track();
            let (Some(engine), Some(me)) = (ctx.engine(), ctx.agency()) else { return };
            leptos::task::spawn_local(async move { mine.set(engine.answers_of(me).await) });
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
    match super::office::edit(ctx, OfficeEdit::Ask(request)).await {
        Ok(_) => Ok(()),
        Err(OfficeEditError::Storage(e)) => Err(e),
        Err(OfficeEditError::Refused(e)) => Err(EngineError::Document(e.to_string())),
    }
}

/// My agency answers a request on its report; written at once (and sent when online).
pub async fn answer(ctx: AppContext, request: &ExplanationRequest, text: String) -> Result<(), EngineError> {
    let engine = ctx.engine().ok_or(EngineError::NotOpen)?;
    engine.answer(ExplanationAnswer { request: request.id.clone(), text, at_ms: ctx.now_ms() }).await?;
    ctx.reports.update(|_| ());
    Ok(())
}

/// The answers in `agency`'s reports as this laptop holds them (the office's view).
pub async fn answers_of(ctx: AppContext, agency: &AgencyId) -> Vec<ExplanationAnswer> {
    match ctx.engine() {
        Some(engine) => engine.answers_of(agency.clone()).await,
        None => Vec::new(),
    }
}
