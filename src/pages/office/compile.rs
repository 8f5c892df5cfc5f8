//! `/office/compile/:period`: the province's report for a period, compiled from the agencies'
//! reports, edited by the office, saved in the office's document, exported as `.docx` and printed.

use super::OfficeOnly;
use crate::components::day_input::DayInput;
use crate::components::letter_view::LetterView;
use crate::state::{office, AppContext, EngineError};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use tiendo_core::engine::{CompileView, OfficeAsk, OfficeEdit, OfficeFile};
use tiendo_core::ids::PeriodId;
use tiendo_core::model::{GeneralParts, ProvinceReport};
use tiendo_core::office::Letter;
use tiendo_core::LongText;

/// The page.
#[component]
pub fn CompilePage() -> impl IntoView {
    view! { <OfficeOnly><Compiling/></OfficeOnly> }
}

#[component]
fn Compiling() -> impl IntoView {
    let ctx = AppContext::expect();
    let params = use_params_map();
    let period = move || params.get().get("period").and_then(|p| PeriodId::new(p).ok());
    let read =
        super::view_resource::<CompileView>(move || period().map(|period| OfficeAsk::Compile { period, fresh: false }));
    // The editor is drawn from the first reading only: reports that arrive while the office
    // edits (sync, a file) must not throw its unsaved text away; the page says they arrived,
    // and "Tổng hợp lại" compiles them.
    let opened = RwSignal::new(None::<Result<CompileView, EngineError>>);
    let newer = RwSignal::new(false);
    Effect::new(move || {
        let Some(now) = read.get() else { return };
        match (opened.get_untracked(), &now) {
            (None, _) => opened.set(Some(now)),
            // The office's own save reads the view again too, and is no news.
            (Some(Ok(first)), Ok(now)) if now.reports_seen != first.reports_seen => newer.set(true),
            _ => {}
        }
    });
    move || match (opened.get(), period()) {
        (None, _) => view! { <p>{move || ctx.t("office.loading")}</p> }.into_any(),
        (Some(Err(e)), _) => view! { <p class="error" role="alert">{ctx.error_text(&e)}</p> }.into_any(),
        (Some(Ok(c)), Some(p)) if c.report.period == p => view! { <Editor opened=c period=p newer=newer/> }.into_any(),
        _ => view! { <p class="error" role="alert">{move || ctx.t("report.no_period")}</p> }.into_any(),
    }
}

/// One text area bound to a part of the draft.
#[component]
fn Part(
    /// The label key.
    label: &'static str,
    /// The element id.
    id: &'static str,
    /// The draft.
    draft: RwSignal<ProvinceReport>,
    /// Reads the part.
    get: fn(&ProvinceReport) -> String,
    /// Writes the part.
    set: fn(&mut ProvinceReport, String),
) -> impl IntoView {
    let ctx = AppContext::expect();
    view! {
        <label class="pr-part">{move || ctx.t(label)}
            <textarea id=id rows="4" prop:value=move || draft.with(get) on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))></textarea>
        </label>
    }
}

fn general(d: &mut ProvinceReport) -> &mut GeneralParts {
    &mut d.general
}

/// The editor and the print view.
#[component]
fn Editor(
    /// The province's report as the page opened it.
    opened: CompileView,
    /// The period.
    period: PeriodId,
    /// Whether reports changed since the page opened (the form is not redrawn for it).
    newer: RwSignal<bool>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let initial = opened.report;
    let draft = RwSignal::new(initial.clone());
    // The document view follows the form when a field is left (`change`), not on every key: it
    // is the whole report, dozens of pages, laid out by the engine.
    let shown = RwSignal::new(initial);
    let message = RwSignal::new(opened.edited.then(|| ctx.t("compile.edited")));
    let letter = LocalResource::new(move || {
        let report = shown.get();
        async move {
            let ask = OfficeAsk::ProvinceLetter(Box::new(report));
            office::view_of::<Letter>(ctx, office::today(&ctx), ask).await.ok().map(|(l, _)| l)
        }
    });
    let recompile = move |_| {
        let period = period.clone();
        leptos::task::spawn_local(async move {
            let ask = OfficeAsk::Compile { period, fresh: true };
            match office::view_of::<CompileView>(ctx, office::today(&ctx), ask).await {
                Ok((fresh, _)) => {
                    draft.set(fresh.report.clone());
                    shown.set(fresh.report);
                    newer.set(false);
                    message.set(Some(ctx.t("compile.recompiled")));
                }
                Err(e) => message.set(Some(ctx.error_text(&e))),
            }
        });
    };
    let save = move |_| {
        let value = draft.get_untracked();
        leptos::task::spawn_local(async move {
            let result = office::edit(ctx, OfficeEdit::ProvinceReport(value)).await;
            message.set(Some(result.map_or_else(|e| super::agencies::refusal(ctx, &e), |_| ctx.t("compile.saved"))));
        });
    };
    let export = move |_| {
        let file = OfficeFile::ProvinceDocx(Box::new(draft.get_untracked()));
        office::download(ctx, office::today(&ctx), file, move |e| message.set(Some(e)));
    };
    let tasks = move || {
        draft.with(|d| d.tasks.iter().map(|t| t.task.clone()).collect::<Vec<_>>()).into_iter().map(|task| {
            let (t1, t2) = (task.clone(), task.clone());
            view! {
                <label class="pr-task">{format!("{} {task}", ctx.t("compile.task"))}
                    <textarea data-task=task.to_string() rows="4"
                        prop:value=move || draft.with(|d| d.task(&t1).map(|t| t.as_str().to_owned()).unwrap_or_default())
                        on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| *d.task_mut(&t2) = LongText(v)); }></textarea>
                </label>
            }
        }).collect_view()
    };
    view! {
        <section class="office compile-page">
            <h1>{move || ctx.t("compile.title")}</h1>
            <div class="toolbar no-print">
                <button type="button" id="pr-save" on:click=save>{move || ctx.t("compile.save")}</button>
                <button type="button" id="pr-recompile" on:click=recompile>{move || ctx.t("compile.recompile")}</button>
                <button type="button" id="pr-docx" on:click=export>{move || ctx.t("letter.docx")}</button>
                <button type="button" on:click=move |_| { let _ = window().print(); }>{move || ctx.t("print")}</button>
            </div>
            {move || message.get().map(|m| view! { <p role="status" id="pr-message">{m}</p> })}
            {move || newer.get().then(|| view! { <p class="notice no-print" id="pr-newer">{ctx.t("compile.newer")}</p> })}
            <div class="pr-form no-print" on:change=move |_| shown.set(draft.get_untracked())>
                <label>{move || ctx.t("compile.number")}
                    <input id="pr-number" prop:value=move || draft.with(|d| d.number.clone()) on:input=move |ev| draft.update(|d| d.number = event_target_value(&ev))/>
                </label>
                <DayInput id="pr-date" label="compile.date" day=Signal::derive(move || draft.with(|d| d.date))
                    on_day=Callback::new(move |d| draft.update(|r| r.date = d))/>
                <Part label="compile.summary" id="pr-summary" draft=draft get=|d| d.summary.clone() set=|d, v| d.summary = v/>
                <Part label="report.general-results" id="pr-general-results" draft=draft
                    get=|d| d.general.results.0.clone() set=|d, v| general(d).results = LongText(v)/>
                {tasks}
                <Part label="report.general-shortcomings" id="pr-general-shortcomings" draft=draft
                    get=|d| d.general.shortcomings.0.clone() set=|d, v| general(d).shortcomings = LongText(v)/>
                <Part label="report.general-next" id="pr-general-next" draft=draft
                    get=|d| d.general.next_tasks.0.clone() set=|d, v| general(d).next_tasks = LongText(v)/>
                <Part label="report.general-proposals" id="pr-general-proposals" draft=draft
                    get=|d| d.general.proposals.0.clone() set=|d, v| general(d).proposals = LongText(v)/>
                <Part label="compile.recipients" id="pr-recipients" draft=draft
                    get=|d| d.recipients.join("\n") set=|d, v| d.recipients = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()/>
                <Part label="compile.signer" id="pr-signer" draft=draft
                    get=|d| d.signer.lines.join("\n") set=|d, v| d.signer.lines = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()/>
                <label>{move || ctx.t("compile.signer_name")}
                    <input id="pr-signer-name" prop:value=move || draft.with(|d| d.signer.name.clone()) on:input=move |ev| draft.update(|d| d.signer.name = event_target_value(&ev))/>
                </label>
            </div>
            {move || letter.get().flatten().map(|l| view! { <LetterView letter=l/> })}
        </section>
    }
    .into_any()
}
