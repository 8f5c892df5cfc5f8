//! `/office/targets`: every target with its planned value, latest reading and a chart; task
//! statuses per section for a period.

use super::{view_as_of_resource, AsOfRead, OfficeOnly};
use crate::components::as_of_bar::{AsOfBar, AsOfSaid};
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::engine::{OfficeAsk, TargetsView};
use tiendo_core::history::Basis;
use tiendo_core::ids::PeriodId;
use tiendo_core::model::{Plan, Registry};
use tiendo_core::office::chart::target_chart;
use tiendo_core::office::sections::SectionRow;
use tiendo_core::office::TargetRow;
use tiendo_core::rules::evaluation::Evaluation;

/// The targets and sections page.
#[component]
pub fn TargetsPage() -> impl IntoView {
    view! { <OfficeOnly><TargetsView/></OfficeOnly> }
}

fn evaluation_key(e: Evaluation) -> (&'static str, &'static str) {
    match e {
        Evaluation::Met => ("targets.met", "met"),
        Evaluation::NotMet => ("targets.not_met", "not-met"),
        Evaluation::NoData => ("targets.no_data", "no-data"),
    }
}

#[component]
fn TargetsView() -> impl IntoView {
    let ctx = AppContext::expect();
    let as_of = RwSignal::new(ctx.today());
    let basis = RwSignal::new(Basis::DeviceTime);
    let AsOfRead { view: read, tally, .. } =
        view_as_of_resource::<TargetsView>(as_of, basis, || Some(OfficeAsk::Targets));
    let period = RwSignal::new(None::<PeriodId>);
    let body = move || match (read.get(), ctx.plan()) {
        (None, _) | (_, None) => view! { <p>{move || ctx.t("office.loading")}</p> }.into_any(),
        (Some(Err(e)), _) => view! { <p class="error" role="alert">{ctx.error_text(&e)}</p> }.into_any(),
        (Some(Ok(t)), Some(data)) => view! {
            <TargetTable rows=t.rows registry=data.registry.clone()/>
            <SectionTable sections=t.sections plan=data.plan.clone() period=period/>
        }
        .into_any(),
    };
    view! {
        <section class="office targets-page">
            <h1>{move || ctx.t("targets.title")}</h1>
            <div class="toolbar no-print">
                <AsOfBar id="targets-as-of" as_of=as_of basis=basis/>
            </div>
            <AsOfSaid tally=tally/>
            {body}
        </section>
    }
}

/// The targets with their charts.
#[component]
fn TargetTable(
    /// The targets with their latest readings.
    rows: Vec<TargetRow>,
    /// For the agencies' names.
    registry: Registry,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let rows = rows
        .into_iter()
        .map(|r| {
            let (key, class) = evaluation_key(r.evaluation);
            let latest = r.latest.as_ref().map(|l| {
                format!(
                    "{} ({}, {})",
                    l.display(&r.target.unit),
                    l.day.to_vietnamese(),
                    registry.display_name(&l.agency)
                )
            });
            let chart = target_chart(&r);
            view! {
                <tr data-target=r.target.id.to_string() class=class>
                    <td>{r.target.task.to_string()}</td>
                    <td>{r.target.name.clone()}</td>
                    <td class="planned">{r.planned.clone()}</td>
                    <td class="latest">{latest.unwrap_or_else(|| String::from("—"))}</td>
                    <td class=format!("evaluation {class}") data-evaluation=class>{move || ctx.t(key)}</td>
                    <td class="chart" inner_html=chart></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="chart-legend" id="chart-legend">
            <span class="swatch reading" aria-hidden="true"></span>{move || ctx.t("targets.legend.reading")}
            <span class="swatch planned-band" aria-hidden="true"></span>{move || ctx.t("targets.legend.planned")}
            <span class="muted">{move || ctx.t("targets.legend.periods")}</span>
        </p>
        <table class="targets" id="targets">
            <thead><tr>
                <th>{move || ctx.t("targets.task")}</th><th>{move || ctx.t("targets.name")}</th>
                <th>{move || ctx.t("targets.planned")}</th><th>{move || ctx.t("targets.latest")}</th>
                <th>{move || ctx.t("targets.evaluation")}</th><th>{move || ctx.t("targets.chart")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Task statuses per section for one period.
#[component]
fn SectionTable(
    /// The sections' rows, per period.
    sections: Vec<(PeriodId, Vec<SectionRow>)>,
    /// The plan (its periods).
    plan: Plan,
    /// The period chosen (the first quarterly one if none).
    period: RwSignal<Option<PeriodId>>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let options: Vec<(PeriodId, String)> = plan.schedule.iter().map(|p| (p.id.clone(), p.label.clone())).collect();
    let default = plan
        .schedule
        .iter()
        .find(|p| p.kind == tiendo_core::model::PeriodKind::Quarterly)
        .or(plan.schedule.first())
        .map(|p| p.id.clone());
    let chosen = move || period.get().or_else(|| default.clone());
    let initial = chosen();
    let rows = move || {
        let Some(p) = chosen() else { return ().into_any() };
        let rows = sections.iter().find(|(q, _)| *q == p).map(|(_, rows)| rows.clone()).unwrap_or_default();
        rows.into_iter()
            .map(|r| {
                let pct = r.percent.map(|v| format!("{}%", tiendo_core::office::format::number(v))).unwrap_or_default();
                view! {
                    <tr data-section=r.section.to_string()>
                        <td>{format!("{}. {}", r.section, r.title)}</td>
                        <td>{r.counts[0]}</td><td>{r.counts[1]}</td><td>{r.counts[2]}</td><td>{r.counts[3]}</td>
                        <td>{r.unreported}</td><td>{pct}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let on_period = move |ev: leptos::ev::Event| period.set(PeriodId::new(event_target_value(&ev)).ok());
    view! {
        <h2>{move || ctx.t("sections.title")}</h2>
        <label class="no-print">{move || ctx.t("sections.period")}" "
            <select id="sections-period" on:change=on_period>
                {options.into_iter().map(|(id, label)| {
                    let selected = initial.as_ref() == Some(&id);
                    view! { <option value=id.to_string() selected=selected>{label}</option> }
                }).collect_view()}
            </select>
        </label>
        <table class="sections" id="sections">
            <thead><tr>
                <th>{move || ctx.t("sections.section")}</th>
                <th>{move || ctx.t("status.done_on_time")}</th><th>{move || ctx.t("status.done_late")}</th>
                <th>{move || ctx.t("status.in_progress")}</th><th>{move || ctx.t("status.overdue")}</th>
                <th>{move || ctx.t("sections.unreported")}</th><th>{move || ctx.t("sections.percent")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
