//! `/office/league`: the agencies ranked for a quarter, the first six months or the year — reports
//! on time, late, missing and returned; tasks done on time, late and not done — as of a day,
//! printable and in the board's .xlsx.

use super::{view_as_of_resource, AsOfRead, OfficeOnly};
use crate::components::as_of_bar::{AsOfBar, AsOfSaid};
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::engine::OfficeAsk;
use tiendo_core::history::Basis;
use tiendo_core::office::{LeagueTable, Span};

/// A span's value in the select.
fn span_value(span: Span) -> String {
    match span {
        Span::Quarter(q) => format!("q{q}"),
        Span::FirstHalf => "h1".into(),
        Span::Year => "year".into(),
    }
}

/// The page.
#[component]
pub fn LeaguePage() -> impl IntoView {
    view! { <OfficeOnly><League/></OfficeOnly> }
}

#[component]
fn League() -> impl IntoView {
    let ctx = AppContext::expect();
    let as_of = RwSignal::new(ctx.today());
    let basis = RwSignal::new(Basis::DeviceTime);
    let span = RwSignal::new(Span::Year);
    let AsOfRead { view: read, day, tally } =
        view_as_of_resource::<Vec<LeagueTable>>(as_of, basis, || Some(OfficeAsk::Leagues));
    let year = move || ctx.plan().map_or(2026, |d| d.plan.decision.date.year());
    let xlsx = move |_| super::download_xlsx(day.get_untracked(), basis.get_untracked());
    let table = move || match read.get() {
        None => view! { <p>{move || ctx.t("office.loading")}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{ctx.error_text(&e)}</p> }.into_any(),
        Some(Ok(tables)) => {
            let chosen = span.get();
            let table = tables.into_iter().find(|t| t.span == chosen);
            table.map(|t| view! { <LeagueView table=t/> }.into_any()).unwrap_or_else(|| ().into_any())
        }
    };
    view! {
        <section class="office league-page">
            <h1 id="league-title">{move || ctx.t_with("league.title", &[("span", span.get().label(year()))])}</h1>
            <div class="toolbar no-print">
                <label>{move || ctx.t("league.span")}" "
                    <select id="league-span" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(s) = Span::ALL.into_iter().find(|s| span_value(*s) == v) { span.set(s) }
                    }>
                        {Span::ALL.into_iter().map(|s| view! {
                            <option value=span_value(s) selected=move || span.get() == s>{move || s.label(year())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <AsOfBar id="league-as-of" as_of=as_of basis=basis/>
                <button type="button" id="league-xlsx" on:click=xlsx>{move || ctx.t("board.xlsx")}</button>
            </div>
            <AsOfSaid tally=tally/>
            <p class="muted">{move || ctx.t("league.rule")}</p>
            {table}
        </section>
    }
}

/// One span's table, best first.
#[component]
fn LeagueView(
    /// The table.
    table: LeagueTable,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let heads = [
        "league.rank",
        "league.agency",
        "league.on_time",
        "league.late",
        "league.missing",
        "league.returned",
        "league.tasks_on_time",
        "league.tasks_late",
        "league.tasks_not_done",
    ];
    view! {
        <table class="league" id="league">
            <caption>{table.label.clone()}</caption>
            <thead><tr>{heads.into_iter().map(|k| view! { <th scope="col">{move || ctx.t(k)}</th> }).collect_view()}</tr></thead>
            <tbody>
                {table.rows.into_iter().map(|r| view! {
                    <tr data-league-agency=r.agency.to_string()>
                        <td class="rank">{r.rank}</td>
                        <th scope="row">{r.name}</th>
                        <td>{r.on_time}</td>
                        <td>{r.late}</td>
                        <td>{r.missing}</td>
                        <td>{r.returned}</td>
                        <td>{r.tasks_on_time}</td>
                        <td>{r.tasks_late}</td>
                        <td>{r.tasks_not_done}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
