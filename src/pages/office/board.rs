//! `/office`: who reported for which period, on time or late, as of a chosen day.

use super::{snapshot_resource, OfficeOnly};
use crate::state::{office, AppContext};
use leptos::prelude::*;
use leptos_router::components::A;
use tiendo_core::model::Registry;
use tiendo_core::office::overdue::OverdueTask;
use tiendo_core::office::{Board, CellState, Totals};
use tiendo_core::rules::state::ReportState;
use tiendo_core::Day;

/// The words and the class of a cell.
pub fn cell_text(ctx: AppContext, state: CellState) -> (String, &'static str) {
    match state {
        CellState::OnTime { arrived: None } => (ctx.t("board.on_time"), "on-time"),
        CellState::OnTime { arrived: Some(d) } => {
            (ctx.t_with("board.on_time_arrived", &[("date", d.to_vietnamese())]), "on-time")
        }
        CellState::Late { days } => (ctx.t_with("board.late", &[("n", days.to_string())]), "late"),
        CellState::Missing { days_overdue, started: false } => {
            (ctx.t_with("board.missing", &[("n", days_overdue.to_string())]), "missing")
        }
        CellState::Missing { days_overdue, started: true } => {
            (ctx.t_with("board.missing_started", &[("n", days_overdue.to_string())]), "missing")
        }
        CellState::Draft { days_left } => (ctx.t_with("board.draft", &[("n", days_left.to_string())]), "draft"),
        CellState::NotYetDue { days_left } => {
            (ctx.t_with("board.not_yet_due", &[("n", days_left.to_string())]), "not-yet-due")
        }
    }
}

fn totals_text(ctx: AppContext, t: &Totals) -> String {
    ctx.t_with(
        "board.totals",
        &[("on_time", t.on_time.to_string()), ("late", t.late.to_string()), ("missing", t.missing.to_string())],
    )
}

/// The board page.
#[component]
pub fn BoardPage() -> impl IntoView {
    view! { <OfficeOnly><BoardView/></OfficeOnly> }
}

#[component]
fn BoardView() -> impl IntoView {
    let ctx = AppContext::expect();
    let snap = snapshot_resource();
    let as_of = RwSignal::new(Day::today_in_vietnam());
    let on_date = move |ev: leptos::ev::Event| {
        if let Ok(d) = event_target_value(&ev).parse::<Day>() {
            as_of.set(d);
        }
    };
    let xlsx = move |_| {
        let Some(Ok(s)) = snap.get() else { return };
        let now = js_sys::Date::now() as i64;
        match s.xlsx(&office::arrivals(), as_of.get_untracked(), now) {
            Ok(bytes) => crate::state::files::download(&format!("TienDo_{}.xlsx", as_of.get_untracked()), &bytes),
            Err(e) => leptos::logging::error!("{e}"),
        }
    };
    let table = move || match snap.get() {
        None => view! { <p>{move || ctx.t("office.loading")}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Some(Ok(s)) => {
            let board = s.board(&office::arrivals(), as_of.get());
            let overdue = s.overdue(as_of.get());
            let unreadable: Vec<String> = s.unreadable.iter().map(|(a, _)| s.registry.display_name(a)).collect();
            view! {
                {(!unreadable.is_empty()).then(|| view! {
                    <p class="notice" role="alert" id="board-unreadable">
                        {ctx.t_with("board.unreadable", &[("agencies", unreadable.join(", "))])}
                    </p>
                })}
                <BoardTable board=board/>
                <OverdueTasks tasks=overdue registry=s.registry.clone()/>
            }
            .into_any()
        }
    };
    view! {
        <section class="office board-page">
            <h1>{move || ctx.t("board.title")}</h1>
            <div class="toolbar no-print">
                <label>{move || ctx.t("board.as_of")}" "
                    <input type="date" id="board-as-of" prop:value=move || as_of.get().to_string() on:change=on_date/>
                </label>
                <button type="button" id="board-xlsx" on:click=xlsx>{move || ctx.t("board.xlsx")}</button>
                <A href="/office/targets">{move || ctx.t("nav.targets")}</A>
            </div>
            {table}
        </section>
    }
}

/// The table itself.
#[component]
fn BoardTable(
    /// The board.
    board: Board,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let all = board.totals();
    let head = board
        .columns
        .iter()
        .map(|c| {
            let href = format!("/office/compile/{}", c.period);
            view! {
                <th scope="col" data-period=c.period.to_string()>
                    {c.label.clone()}<br/><small>{format!("{} {}", ctx.t("board.due"), c.due.to_vietnamese())}</small>
                    <br/><A href=href attr:class="no-print compile-link">{move || ctx.t("board.compile")}</A>
                </th>
            }
        })
        .collect_view();
    let foot = board
        .columns
        .iter()
        .map(|c| view! { <td class="totals" data-period=c.period.to_string()>{totals_text(ctx, &c.totals)}</td> })
        .collect_view();
    let rows = board
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .map(|cell| match cell {
                    None => view! { <td class="na">"—"</td> }.into_any(),
                    Some(c) => {
                        let (text, class) = cell_text(ctx, c.state);
                        let review = match &c.review {
                            ReportState::Accepted => " ✓",
                            ReportState::Returned { .. } => " ↩",
                            _ => "",
                        };
                        let href = format!("/office/report/{}/{}", row.agency, c.period);
                        view! {
                            <td class=format!("cell {class}") data-period=c.period.to_string() data-state=class>
                                <A href=href>{text}{review}</A>
                            </td>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            view! {
                <tr data-agency=row.agency.to_string()>
                    <th scope="row">{row.name.clone()}</th>
                    {cells}
                    <td class="totals">{totals_text(ctx, &row.totals)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="board-scroll">
            <table class="board" id="board">
                <thead><tr><th scope="col">{move || ctx.t("board.agency")}</th>{head}<th scope="col">{move || ctx.t("board.sum")}</th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">{move || ctx.t("board.sum")}</th>{foot}<td class="totals" id="board-total">{totals_text(ctx, &all)}</td></tr></tfoot>
            </table>
        </div>
    }
}

/// The tasks past their own deadline that a lead agency has not reported done.
#[component]
fn OverdueTasks(
    /// The tasks, most overdue first.
    tasks: Vec<OverdueTask>,
    /// For the agencies' names.
    registry: Registry,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let count = tasks.len();
    let items = tasks
        .into_iter()
        .map(|t| {
            let pending: Vec<String> = t.pending.iter().map(|a| registry.display_name(a)).collect();
            let href = format!("/task/{}", t.task);
            let (id_attr, id_text) = (t.task.to_string(), t.task.to_string());
            view! {
                <li data-overdue-task=id_attr>
                    <A href=href>{id_text}</A>" "{t.text}
                    <br/><small>
                        {ctx.t_with("board.overdue.row", &[
                            ("deadline", t.written),
                            ("date", t.due.to_vietnamese()),
                            ("n", t.days_overdue.to_string()),
                            ("agencies", pending.join(", ")),
                        ])}
                    </small>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="overdue-tasks" id="overdue-tasks" aria-labelledby="overdue-title">
            <h2 id="overdue-title">{move || ctx.t_with("board.overdue.title", &[("n", count.to_string())])}</h2>
            {(count == 0).then(|| view! { <p class="muted">{move || ctx.t("board.overdue.none")}</p> })}
            <ol>{items}</ol>
        </section>
    }
}
