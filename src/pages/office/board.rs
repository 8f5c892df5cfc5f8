//! `/office`: who reported for which period, on time or late, as of a chosen day.

use super::board_table::{BoardTable, Unsent, UnsentPanel};
use super::explain_board::RequestsOnBoard;
use super::{view_as_of_resource, AsOfRead, OfficeOnly};
use crate::components::as_of_bar::{AsOfBar, AsOfSaid};
use crate::state::AppContext;
use leptos::prelude::*;
use leptos_router::components::A;
use tiendo_core::engine::{BoardView, OfficeAsk};
use tiendo_core::history::Basis;
use tiendo_core::ids::AgencyId;
use tiendo_core::model::Registry;
use tiendo_core::office::board_filter::{BoardFilter, KindFilter, StateFilter};
use tiendo_core::office::overdue::OverdueTask;
use tiendo_core::office::{CellState, Totals};
use tiendo_core::Day;

/// Overdue by at most this many days is said in days; longer, by the day it fell overdue.
const DAYS_SAID: i64 = 99;

/// "quá 12 ngày", or "quá hạn từ 11/03/2020" past [`DAYS_SAID`] days.
fn overdue_words(ctx: AppContext, days: i64, due: Day) -> String {
    if days <= DAYS_SAID {
        ctx.t_with("board.overdue_days", &[("n", days.to_string())])
    } else {
        ctx.t_with("board.overdue_since", &[("date", due.plus_days(1).to_vietnamese())])
    }
}

/// The words and the class of a cell of a period due on `due`.
pub fn cell_text(ctx: AppContext, state: CellState, due: Day) -> (String, &'static str) {
    match state {
        CellState::OnTime { arrived: None } => (ctx.t("board.on_time"), "on-time"),
        CellState::OnTime { arrived: Some(d) } => {
            (ctx.t_with("board.on_time_arrived", &[("date", d.to_vietnamese())]), "on-time")
        }
        CellState::Late { days } => (ctx.t_with("board.late", &[("n", days.to_string())]), "late"),
        CellState::Missing { days_overdue, started: false } => {
            (ctx.t_with("board.missing", &[("overdue", overdue_words(ctx, days_overdue, due))]), "missing")
        }
        CellState::Missing { days_overdue, started: true } => {
            (ctx.t_with("board.missing_started", &[("overdue", overdue_words(ctx, days_overdue, due))]), "missing")
        }
        // Due this very day: "due today", not "0 days left".
        CellState::Draft { days_left: 0 } => (ctx.t("board.draft_today"), "draft"),
        CellState::Draft { days_left } => (ctx.t_with("board.draft", &[("n", days_left.to_string())]), "draft"),
        CellState::NotYetDue { days_left: 0 } => (ctx.t("board.not_yet_due_today"), "not-yet-due"),
        CellState::NotYetDue { days_left } => {
            (ctx.t_with("board.not_yet_due", &[("n", days_left.to_string())]), "not-yet-due")
        }
    }
}

/// A row's or a column's counts in words.
pub fn totals_text(ctx: AppContext, t: &Totals) -> String {
    let counts = [("on_time", t.on_time.to_string()), ("late", t.late.to_string()), ("missing", t.missing.to_string())];
    let text = ctx.t_with("board.totals", &counts);
    // A returned report is not done until accepted: said apart, only when there is one.
    match t.returned {
        0 => text,
        n => format!("{text}{}", ctx.t_with("board.totals_returned", &[("returned", n.to_string())])),
    }
}

/// The board page.
#[component]
pub fn BoardPage() -> impl IntoView {
    view! { <OfficeOnly><BoardView/></OfficeOnly> }
}

#[component]
fn BoardView() -> impl IntoView {
    let ctx = AppContext::expect();
    let as_of = RwSignal::new(ctx.today());
    let basis = RwSignal::new(Basis::DeviceTime);
    let AsOfRead { view: read, day, tally } = view_as_of_resource::<BoardView>(as_of, basis, || Some(OfficeAsk::Board));
    let xlsx = move |_| super::download_xlsx(day.get_untracked(), basis.get_untracked());
    let filter = RwSignal::new(BoardFilter::default());
    let monthly = RwSignal::new(false);
    let unsent = RwSignal::new(None::<Unsent>);
    let last_sender = Callback::new(move |agency: AgencyId| {
        let Some(Ok(b)) = read.get_untracked() else { return None };
        b.last_sent.into_iter().find(|(a, ..)| *a == agency).map(|(_, by, day)| (by, day))
    });
    // For the benchmark: when the board is first on screen (effects run after the view is drawn).
    Effect::new(move |_| {
        if matches!(read.get(), Some(Ok(_))) {
            crate::state::boot::mark_interactive("tiendo:board");
        }
    });
    let table = move || match (read.get(), ctx.plan()) {
        (None, _) | (_, None) => view! { <p>{move || ctx.t("office.loading")}</p> }.into_any(),
        (Some(Err(e)), _) => view! { <p class="error" role="alert">{ctx.error_text(&e)}</p> }.into_any(),
        (Some(Ok(b)), Some(data)) => {
            let chosen = BoardFilter { monthly: monthly.get(), ..filter.get() };
            let (board, folded) = chosen.apply(&b.board, &data.plan, &data.registry);
            let (shown, total) = (board.rows.len(), b.board.rows.len());
            let unreadable: Vec<String> = b.unreadable.iter().map(|a| data.registry.display_name(a)).collect();
            view! {
                {(!unreadable.is_empty()).then(|| view! {
                    <p class="notice" role="alert" id="board-unreadable">
                        {ctx.t_with("board.unreadable", &[("agencies", unreadable.join(", "))])}
                    </p>
                })}
                <p class="muted" id="board-count" role="status">
                    {ctx.t_with("board.count", &[("shown", shown.to_string()), ("total", total.to_string())])}
                </p>
                <BoardTable board=board folded=folded monthly=monthly unsent=unsent/>
                <OverdueTasks tasks=b.overdue registry=data.registry.clone()/>
                <RequestsOnBoard/>
            }
            .into_any()
        }
    };
    view! {
        <section class="office board-page">
            <h1 id="board-title">{move || ctx.t("board.title")}</h1>
            <div class="toolbar no-print">
                <AsOfBar id="board-as-of" as_of=as_of basis=basis/>
                <button type="button" id="board-xlsx" on:click=xlsx>{move || ctx.t("board.xlsx")}</button>
            </div>
            <AsOfSaid tally=tally/>
            <BoardFilters filter=filter monthly=monthly/>
            <Legend/>
            <UnsentPanel unsent=unsent last_sender=last_sender/>
            {table}
        </section>
    }
}

/// What the board shows: kinds of agency, states, a name, and the months one by one.
#[component]
fn BoardFilters(
    /// The filter.
    filter: RwSignal<BoardFilter>,
    /// Whether the monthly periods are shown one by one.
    monthly: RwSignal<bool>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let on_kind = move |ev: leptos::ev::Event| {
        let kind = match event_target_value(&ev).as_str() {
            "provincial" => KindFilter::Provincial,
            "local" => KindFilter::Local,
            _ => KindFilter::All,
        };
        filter.update(|f| f.kind = kind);
    };
    let on_state = move |ev: leptos::ev::Event| {
        let state = match event_target_value(&ev).as_str() {
            "missing" => StateFilter::Missing,
            "late" => StateFilter::Late,
            "on_time" => StateFilter::AllOnTime,
            _ => StateFilter::All,
        };
        filter.update(|f| f.state = state);
    };
    view! {
        <div class="filter board-filter no-print">
            <label>{move || ctx.t("board.filter.kind")}
                <select id="board-kind" on:change=on_kind>
                    <option value="all">{move || ctx.t("board.filter.all")}</option>
                    <option value="provincial">{move || ctx.t("board.filter.provincial")}</option>
                    <option value="local">{move || ctx.t("board.filter.local")}</option>
                </select>
            </label>
            <label>{move || ctx.t("board.filter.state")}
                <select id="board-state" on:change=on_state>
                    <option value="all">{move || ctx.t("board.filter.all")}</option>
                    <option value="missing">{move || ctx.t("board.filter.missing")}</option>
                    <option value="late">{move || ctx.t("board.filter.late")}</option>
                    <option value="on_time">{move || ctx.t("board.filter.on_time")}</option>
                </select>
            </label>
            <label class="grow">{move || ctx.t("board.filter.name")}
                <input type="search" id="board-search" on:input=move |ev| {
                    let name = event_target_value(&ev);
                    filter.update(|f| f.name = name);
                }/>
            </label>
            <label class="check">
                <input type="checkbox" id="board-months-toggle" prop:checked=move || monthly.get()
                    on:change=move |ev| monthly.set(event_target_checked(&ev))/>
                {move || ctx.t("board.months.toggle")}
            </label>
        </div>
    }
}

/// What the colours mean.
#[component]
fn Legend() -> impl IntoView {
    let ctx = AppContext::expect();
    let items = [
        ("on-time", "board.legend.on_time"),
        ("late", "board.legend.late"),
        ("missing", "board.legend.missing"),
        ("draft", "board.legend.draft"),
        ("not-yet-due", "board.legend.not_yet_due"),
    ];
    view! {
        <ul class="legend" id="board-legend" aria-label=move || ctx.t("board.legend")>
            {items.into_iter().map(|(class, key)| view! {
                <li><span class=format!("swatch {class}") aria-hidden="true"></span>{move || ctx.t(key)}</li>
            }).collect_view()}
            // The review marks a sent report's cell carries.
            <li id="legend-accepted"><span class="mark" aria-hidden="true">"✓"</span>{move || ctx.t("board.legend.accepted")}</li>
            <li id="legend-returned"><span class="mark" aria-hidden="true">"↩"</span>{move || ctx.t("board.legend.returned")}</li>
        </ul>
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
