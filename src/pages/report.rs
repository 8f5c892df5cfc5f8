//! The report editor for one period: every assigned task, the targets, the general parts;
//! autosaved as typed; submitted once complete.

use crate::components::explanation_requests::ExplainOnReport;
use crate::components::labels::state_key;
use crate::components::plan_gate::PlanGate;
use crate::components::report_fields::{GeneralFields, TargetFields, TaskFields};
use crate::components::report_progress::{field_id, go_to, Flagged, ReportProgress};
use crate::state::settings::Settings;
use crate::state::{AppContext, PlanData};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;
use tiendo_core::engine::OfficeFile;
use tiendo_core::ids::PeriodId;
use tiendo_core::model::Submission;
use tiendo_core::rules::assignment::{targets_for, tasks_for, Role};
use tiendo_core::rules::state::{report_state, ReportState};
use tiendo_core::rules::submission::{missing_parts, required_parts, Missing};
use tiendo_core::Day;

/// The report editor page (`/report/:period`).
#[component]
pub fn ReportPage() -> impl IntoView {
    let ctx = AppContext::expect();
    let params = use_params_map();
    move || {
        if ctx.setup.get().is_none() {
            return view! { <Redirect path="/start"/> }.into_any();
        }
        let period = params.with(|p| p.get("period").and_then(|p| PeriodId::new(p).ok()));
        view! {
            <PlanGate page=move |data| {
                let period = period.clone();
                view! { <ReportEditor data=data period=period/> }
            }/>
        }
        .into_any()
    }
}

fn missing_text(ctx: AppContext, m: &Missing) -> String {
    match m {
        Missing::Status { task } => ctx.t_with("report.missing.status", &[("task", task.to_string())]),
        Missing::Results { task } => ctx.t_with("report.missing.results", &[("task", task.to_string())]),
        Missing::GeneralResults => ctx.t("report.missing.general"),
        Missing::SubmitterName => ctx.t("report.missing.name"),
    }
}

/// The editor once the plan is open.
#[component]
fn ReportEditor(
    /// The plan and registry.
    data: Arc<PlanData>,
    /// The period, if the address names a valid one.
    period: Option<PeriodId>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let (Some(agency), Some(period)) = (ctx.agency(), period.and_then(|id| data.plan.period(&id).cloned())) else {
        return view! { <p class="error" role="alert">{move || ctx.t("report.no_period")}</p> }.into_any();
    };
    let pid = period.id.clone();
    let tasks: Vec<_> =
        tasks_for(&data.plan, &data.registry, &agency).into_iter().map(|(t, r)| (t.clone(), r)).collect::<Vec<_>>();
    let (mut led, coordinated): (Vec<_>, Vec<_>) = tasks.into_iter().partition(|(_, r)| *r == Role::Lead);
    led.extend(coordinated);
    let targets: Vec<_> = targets_for(&data.plan, &data.registry, &agency).into_iter().cloned().collect();
    let state = {
        let pid = pid.clone();
        let agency = agency.clone();
        Memo::new(move |_| {
            let marks = ctx.marks.get();
            ctx.reports.with(|r| report_state(&agency, r.as_ref().and_then(|r| r.period(&pid)), &marks))
        })
    };
    let submitted_at = {
        let pid = pid.clone();
        move || {
            ctx.reports.with(|r| {
                r.as_ref()
                    .and_then(|r| r.period(&pid))
                    .and_then(|p| p.last_submission())
                    .map(|s| (s.by.clone(), Day::in_vietnam(s.at_ms).map(Day::to_vietnamese).unwrap_or_default()))
            })
        }
    };
    // Sent, then changed: the office holds what was sent, so the clerk is asked to send again.
    let edited = {
        let pid = pid.clone();
        let (agency, edited) = (agency.clone(), RwSignal::new(false));
        // Asked again whenever my reports change.
        Effect::new(move || {
            ctx.reports.track();
            let (Some(engine), pid, agency) = (ctx.engine(), pid.clone(), agency.clone()) else { return };
            leptos::task::spawn_local(async move { edited.set(engine.edited_since_sent(agency, pid).await) });
        });
        edited
    };
    let sent_at = {
        let pid = pid.clone();
        Memo::new(move |_| {
            ctx.reports.with(|r| {
                let at = r.as_ref()?.period(&pid)?.last_submission()?.at_ms;
                Some((Day::vietnam_clock(at)?, Day::in_vietnam(at)?.to_vietnamese()))
            })
        })
    };
    let state_words = {
        let pid = pid.clone();
        Memo::new(move |_| {
            let s = state.get();
            if edited.get() && s != ReportState::Draft {
                (ctx.t("state.edited_after"), "edited")
            } else {
                let started =
                    ctx.reports.with(|r| r.as_ref().and_then(|r| r.period(&pid)).is_some_and(|p| p.has_content()));
                let (key, class) = state_key(&s, started);
                (ctx.t(key), class)
            }
        })
    };
    let name = RwSignal::new(Settings::reporter());
    let required = required_parts(&data.plan, &data.registry, &agency);
    let total = required.len();
    let flagged = Flagged::new(pid.clone(), required, name);
    provide_context(flagged);
    let missing = flagged.refused;
    let submit = {
        let (data, agency, pid) = (data.clone(), agency.clone(), pid.clone());
        move |_| {
            let by = name.get_untracked();
            let found = ctx.reports.with_untracked(|r| {
                let empty = tiendo_core::model::PeriodReport::new(pid.clone());
                let report = r.as_ref().and_then(|r| r.period(&pid)).unwrap_or(&empty);
                missing_parts(&data.plan, &data.registry, &agency, report, &by)
            });
            missing.set(found.clone());
            if !found.is_empty() {
                return;
            }
            Settings::save_reporter(by.trim());
            let submission = Submission {
                device: Settings::device(),
                by: by.trim().to_owned(),
                at_ms: ctx.now_ms(),
                heads: Vec::new(),
            };
            ctx.submit(&pid, submission);
        }
    };
    // My report as the official document (Decree 30 layout), made here, offline.
    let docx = {
        let (pid, agency) = (pid.clone(), agency.clone());
        move |_| {
            let file = OfficeFile::AgencyDocx { agency: agency.clone(), period: pid.clone() };
            let today = crate::state::office::today(&ctx);
            crate::state::office::download(ctx, today, file, |e| leptos::logging::error!("{e}"));
        }
    };
    // Arriving from a task's page (`#task-report-2.1`): that task, once it is drawn.
    Effect::new(move |_| {
        request_animation_frame(|| {
            let hash = window().location().hash().unwrap_or_default();
            if let Some(el) = hash.strip_prefix('#').and_then(|id| document().get_element_by_id(id)) {
                el.scroll_into_view();
            }
        });
    });
    let jumps: Vec<_> = led.iter().map(|(t, r)| (t.id.clone(), *r)).collect();
    let task_views = led
        .into_iter()
        .map(|(task, role)| view! { <TaskFields period=pid.clone() task=task role=role/> })
        .collect_view();
    let has_targets = !targets.is_empty();
    let target_views =
        targets.into_iter().map(|target| view! { <TargetFields period=pid.clone() target=target/> }).collect_view();
    view! {
        <div class="report-page" data-report=pid.to_string()>
            <h1>{period.label.clone()}" — "{data.agency_name(&agency)}</h1>
            <p class="report-meta">
                {move || ctx.t("plan.due")}": "<strong>{period.due.to_vietnamese()}</strong>" · "
                <span id="report-state" data-edited=move || edited.get().to_string()
                    class=move || format!("state {}", state_words.get().1)>
                    {move || state_words.get().0}
                </span>
                {move || submitted_at().map(|(by, day)| view! {
                    " · "<span id="submitted-at">{ctx.t_with("report.submitted_by", &[("by", by), ("day", day)])}</span>
                })}
                " "<button type="button" id="report-docx" class="no-print" on:click=docx>{move || ctx.t("letter.docx")}</button>
            </p>
            <ReportProgress flagged=flagged total=total tasks=jumps/>
            <ExplainOnReport period=pid.clone()/>
            <GeneralFields period=pid.clone()/>
            <h2>{move || ctx.t("report.tasks")}</h2>
            {task_views}
            <Show when=move || has_targets>
                <h2>{move || ctx.t("plan.targets")}</h2>
            </Show>
            <div class="target-fields">{target_views}</div>
            <section class="card submit-box no-print">
                <h2>{move || ctx.t("report.submit.title")}</h2>
                <label for="submitter">{move || ctx.t("report.submit.name")}</label>
                <input id="submitter" type="text" autocomplete="name" prop:value=move || name.get()
                    aria-invalid=move || flagged.marks(&Missing::SubmitterName).then_some("true")
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="button" id="submit-report" class="primary" on:click=submit>
                    {move || ctx.t(if sent_at.with(Option::is_some) { "report.submit.again" } else { "report.submit.go" })}
                </button>
                <p id="submit-confirmation" role="status" aria-live="polite"
                    class=move || if edited.get() { "sent edited" } else { "sent" }>
                    {move || sent_at.get().map(|(time, day)| {
                        let key = if edited.get() { "report.sent_then_edited" } else { "report.sent_at" };
                        ctx.t_with(key, &[("time", time), ("day", day)])
                    })}
                </p>
                <Show when=move || !missing.get().is_empty()>
                    <div class="missing" role="alert">
                        <p>{move || ctx.t("report.missing.title")}</p>
                        <ul>{move || missing.get().iter().map(|m| {
                            let id = field_id(m);
                            view! {
                                <li><a href=format!("#{id}") data-missing=id.clone()
                                    on:click=move |ev| { ev.prevent_default(); go_to(&id); }>{missing_text(ctx, m)}</a></li>
                            }
                        }).collect_view()}</ul>
                    </div>
                </Show>
            </section>
        </div>
    }
    .into_any()
}
