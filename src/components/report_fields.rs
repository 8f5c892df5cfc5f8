//! The fields of the report editor: one task, one target, the general parts. Each reads my
//! reports from the context and writes every keystroke through it.

use super::field_history::FieldHistory;
use super::labels::{status_key, status_of, status_value, STATUSES};
use super::report_progress::Flagged;
use super::target_list::describe;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::ids::{PeriodId, TaskId};
use tiendo_core::model::{PeriodReport, Target, TargetKind, Task, TaskReport};
use tiendo_core::rules::assignment::Role;
use tiendo_core::rules::submission::Missing;
use tiendo_core::{Day, LongText};

/// `aria-invalid` for a required part a refused submission found missing (and still is).
fn invalid(part: Missing) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static {
    let flagged = use_context::<Flagged>();
    move || flagged.is_some_and(|f| f.marks(&part)).then_some("true")
}

fn read_period<T: Default>(ctx: AppContext, period: &PeriodId, f: impl FnOnce(&PeriodReport) -> T) -> T {
    ctx.reports.with(|r| r.as_ref().and_then(|r| r.period(period)).map(f).unwrap_or_default())
}

fn read_task<T: Default>(ctx: AppContext, period: &PeriodId, task: &TaskId, f: impl FnOnce(&TaskReport) -> T) -> T {
    read_period(ctx, period, |p| p.task(task).map(f).unwrap_or_default())
}

/// A completion percentage as typed: blank is none; otherwise a whole number from 0 to 100
/// (`95%` and `95,0` too).
fn parse_percent(typed: &str) -> Result<Option<u8>, ()> {
    match tiendo_core::number::parse(typed) {
        Ok(None) => Ok(None),
        Ok(Some(x)) if (0.0..=100.0).contains(&x) && x.fract() == 0.0 => Ok(Some(x as u8)),
        _ => Err(()),
    }
}

/// Which text of a task report a textarea edits.
#[derive(Debug, Clone, Copy)]
enum TaskText {
    Results,
    Difficulties,
    Proposals,
}

impl TaskText {
    fn name(self) -> &'static str {
        match self {
            TaskText::Results => "results",
            TaskText::Difficulties => "difficulties",
            TaskText::Proposals => "proposals",
        }
    }
    fn get(self, t: &TaskReport) -> &LongText {
        match self {
            TaskText::Results => &t.results,
            TaskText::Difficulties => &t.difficulties,
            TaskText::Proposals => &t.proposals,
        }
    }
    fn get_mut(self, t: &mut TaskReport) -> &mut LongText {
        match self {
            TaskText::Results => &mut t.results,
            TaskText::Difficulties => &mut t.difficulties,
            TaskText::Proposals => &mut t.proposals,
        }
    }
}

/// One assigned task: status, % done, results, difficulties, proposals.
#[component]
pub fn TaskFields(
    /// The period reported on.
    period: PeriodId,
    /// The task.
    task: Task,
    /// The agency's role in it (coordinating tasks are optional).
    role: Role,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let tid = task.id.clone();
    let text_area = |which: TaskText| {
        let (p, t, p2, t2) = (period.clone(), tid.clone(), period.clone(), tid.clone());
        let id = format!("task-{}-{}", tid, which.name());
        let bad = matches!(which, TaskText::Results).then(|| invalid(Missing::Results { task: tid.clone() }));
        view! {
            <label for=id.clone()>{move || ctx.t(&format!("report.{}", which.name()))}</label>
            <textarea id=id name=which.name() rows="3" aria-invalid=move || bad.as_ref().and_then(|b| b())
                prop:value=move || read_task(ctx, &p, &t, |r| which.get(r).as_str().to_owned())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    ctx.edit_task(&p2, &t2, |r| *which.get_mut(r) = LongText::from(v.as_str()));
                }></textarea>
        }
    };
    let (p1, t1, p2, t2) = (period.clone(), tid.clone(), period.clone(), tid.clone());
    let status_now = move || read_task(ctx, &p1, &t1, |r| r.status.map(status_value).unwrap_or_default().to_owned());
    let on_status = move |ev| {
        let v = event_target_value(&ev);
        ctx.edit_task(&p2, &t2, |r| r.status = status_of(&v));
    };
    let (p3, t3, p4, t4) = (period.clone(), tid.clone(), period.clone(), tid.clone());
    let percent_now = move || read_task(ctx, &p3, &t3, |r| r.percent.map(|p| p.to_string()).unwrap_or_default());
    let percent_bad = RwSignal::new(None::<String>);
    // Saved on input, as the long texts are: a value typed and then reloaded at once is kept.
    // What is not (yet) a whole number from 0 to 100 is left in the field, not written.
    let on_percent = move |ev| {
        let v = event_target_value(&ev);
        match parse_percent(&v) {
            Ok(pct) => {
                percent_bad.set(None);
                ctx.edit_task(&p4, &t4, |r| r.percent = pct);
            }
            Err(()) => percent_bad.set(Some(v)),
        }
    };
    let options = STATUSES
        .into_iter()
        .map(|s| view! { <option value=status_value(s)>{move || ctx.t(status_key(s))}</option> })
        .collect_view();
    let role_key = if role == Role::Lead { "task.lead" } else { "task.coordinating" };
    let summary = task.title(300);
    let status_id = format!("task-{tid}-status");
    let percent_id = format!("task-{tid}-percent");
    view! {
        <section class="card task-report" id=format!("task-report-{tid}") data-task-report=tid.to_string()>
            <h3>{tid.to_string()}" "<span class="role">{move || ctx.t(role_key)}</span></h3>
            <p class="task-text">{summary}</p>
            <div class="row">
                <span>
                    <label for=status_id.clone()>{move || ctx.t("report.status")}</label>
                    <select id=status_id name="status" prop:value=status_now on:change=on_status
                        aria-invalid=invalid(Missing::Status { task: tid.clone() })>
                        <option value="">{move || ctx.t("report.status.pick")}</option>
                        {options}
                    </select>
                </span>
                <span>
                    <label for=percent_id.clone()>{move || ctx.t("report.percent")}</label>
                    <input id=percent_id.clone() name="percent" type="text" inputmode="numeric" size="4"
                        aria-describedby=format!("{percent_id}-hint") prop:value=percent_now on:input=on_percent/>
                    <span class="field-hint" id=format!("{percent_id}-hint") role="status">
                        {move || percent_bad.get().map(|v| ctx.t_with("report.percent.bad", &[("typed", v)]))}
                    </span>
                </span>
            </div>
            <FieldHistory period=period.clone() task=tid.clone()/>
            {text_area(TaskText::Results)}
            {text_area(TaskText::Difficulties)}
            {text_area(TaskText::Proposals)}
        </section>
    }
}

/// The actual value of one target: a figure, or reached / not reached for a milestone.
#[component]
pub fn TargetFields(
    /// The period reported on.
    period: PeriodId,
    /// The target.
    target: Target,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let tid = target.id.clone();
    let milestone = matches!(target.kind, TargetKind::Milestone);
    let planned = {
        let target = target.clone();
        move || describe(ctx.lang.get(), &target.kind, &target.unit)
    };
    let (p1, t1, p2, t2) = (period.clone(), tid.clone(), period.clone(), tid.clone());
    let value_now = move || {
        read_period(ctx, &p1, |p| {
            p.target(&t1)
                .map(|v| {
                    if milestone {
                        v.achieved.map(|a| if a { "yes" } else { "no" }.to_owned()).unwrap_or_default()
                    } else {
                        v.shown()
                    }
                })
                .unwrap_or_default()
        })
    };
    let (p5, t5) = (period.clone(), tid.clone());
    let not_understood =
        move || read_period(ctx, &p5, |p| p.target(&t5).and_then(|v| v.not_understood().map(str::to_owned)));
    // Saved on input, as the long texts are. The figure is kept as typed, so what is not a
    // number stays in the field (and is said so), and a typed comma is never lost.
    let on_value = move |ev| {
        let v = event_target_value(&ev);
        ctx.edit_target(&p2, &t2, |t| {
            if milestone {
                t.achieved = match v.as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                };
            } else {
                let _ = t.set_typed(&v);
            }
        });
    };
    let (p3, t3, p4, t4) = (period.clone(), tid.clone(), period.clone(), tid.clone());
    let date_now = move || {
        read_period(ctx, &p3, |p| p.target(&t3).and_then(|v| v.as_of).map(|d| d.to_vietnamese()).unwrap_or_default())
    };
    let date_bad = RwSignal::new(None::<String>);
    // A date is written once it reads as one (dd/mm/yyyy); a date being typed stays in the field.
    let on_date = move |ev| {
        let v = event_target_value(&ev);
        match Day::parse_typed(&v) {
            Ok(day) => {
                date_bad.set(None);
                ctx.edit_target(&p4, &t4, |t| t.as_of = day);
            }
            Err(_) => date_bad.set(Some(v)),
        }
    };
    let id = format!("target-{tid}");
    let date_id = format!("target-{tid}-date");
    let hint_id = format!("target-{tid}-hint");
    let input = if milestone {
        view! {
            <select id=id.clone() prop:value=value_now on:change=on_value>
                <option value="">{move || ctx.t("report.status.pick")}</option>
                <option value="yes">{move || ctx.t("report.milestone.yes")}</option>
                <option value="no">{move || ctx.t("report.milestone.no")}</option>
            </select>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type="text" inputmode="decimal" aria-describedby=hint_id.clone()
                prop:value=value_now on:input=on_value/>
        }
        .into_any()
    };
    view! {
        <div class="target-field" data-target-field=tid.to_string()>
            <label for=id>{target.name.clone()}" ("{move || ctx.t("report.planned")}" "{planned}")"</label>
            {input}
            <label for=date_id.clone() class="target-date-label">{move || ctx.t("report.target.as_of")}</label>
            <input id=date_id type="text" inputmode="numeric" size="10" placeholder="dd/mm/yyyy"
                prop:value=date_now on:input=on_date/>
            <span class="field-hint" id=hint_id role="status">
                {move || not_understood().map(|v| ctx.t_with("report.target.bad", &[("typed", v)]))}
                {move || date_bad.get().map(|v| ctx.t_with("report.target.date_bad", &[("typed", v)]))}
            </span>
        </div>
    }
}

/// Which general part a textarea edits.
#[derive(Debug, Clone, Copy)]
enum Part {
    Results,
    Shortcomings,
    NextTasks,
    Proposals,
}

const PARTS: [(Part, &str); 4] = [
    (Part::Results, "general-results"),
    (Part::Shortcomings, "general-shortcomings"),
    (Part::NextTasks, "general-next"),
    (Part::Proposals, "general-proposals"),
];

/// The general parts of the report.
#[component]
pub fn GeneralFields(
    /// The period reported on.
    period: PeriodId,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let fields = PARTS
        .into_iter()
        .map(|(part, id)| {
            let (p1, p2) = (period.clone(), period.clone());
            let get = move |g: &tiendo_core::model::GeneralParts| match part {
                Part::Results => g.results.as_str().to_owned(),
                Part::Shortcomings => g.shortcomings.as_str().to_owned(),
                Part::NextTasks => g.next_tasks.as_str().to_owned(),
                Part::Proposals => g.proposals.as_str().to_owned(),
            };
            let bad = matches!(part, Part::Results).then(|| invalid(Missing::GeneralResults));
            view! {
                <label for=id>{move || ctx.t(&format!("report.{id}"))}</label>
                <textarea id=id rows="4" aria-invalid=move || bad.as_ref().and_then(|b| b())
                    prop:value=move || read_period(ctx, &p1, |p| get(&p.general))
                    on:input=move |ev| {
                        let v = LongText::from(event_target_value(&ev).as_str());
                        ctx.edit_general(&p2, |g| {
                            match part {
                                Part::Results => g.results = v,
                                Part::Shortcomings => g.shortcomings = v,
                                Part::NextTasks => g.next_tasks = v,
                                Part::Proposals => g.proposals = v,
                            }
                        });
                    }></textarea>
            }
        })
        .collect_view();
    view! { <section class="card general">{fields}</section> }
}
