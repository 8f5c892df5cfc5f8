//! The board's table: agencies down, periods across, the agency column and the header row kept
//! in place while it scrolls. The monthly periods, when folded, are one column counting their
//! states. A cell with nothing sent opens a plain "chưa nộp" panel, not an empty letter.

use super::board::{cell_text, totals_text};
use super::explain_board::AskForm;
use crate::state::AppContext;
use leptos::prelude::*;
use leptos_router::components::A;
use tiendo_core::ids::{AgencyId, PeriodId};
use tiendo_core::office::board_filter::Folded;
use tiendo_core::office::{Board, CellState};
use tiendo_core::rules::state::ReportState;
use tiendo_core::Day;

/// A cell with nothing sent, opened: whose, which period, since when, who sent last.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsent {
    /// The agency's id.
    pub agency: AgencyId,
    /// Its name.
    pub name: String,
    /// The period.
    pub period: PeriodId,
    /// The period's label.
    pub label: String,
    /// Its due day.
    pub due: Day,
    /// The cell's words ("Chưa nộp (quá 12 ngày)").
    pub said: String,
}

/// The table.
#[component]
pub fn BoardTable(
    /// The board as filtered.
    board: Board,
    /// The monthly periods folded, if hidden.
    folded: Option<Folded>,
    /// Set to show the monthly periods one by one.
    monthly: RwSignal<bool>,
    /// The cell with nothing sent that is opened.
    unsent: RwSignal<Option<Unsent>>,
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
    let folded_head = folded.as_ref().map(|f| {
        let n = f.periods;
        view! {
            <th scope="col" class="folded" id="board-months">
                {move || ctx.t_with("board.months", &[("n", n.to_string())])}<br/>
                <button type="button" class="link no-print" id="board-show-months" on:click=move |_| monthly.set(true)>
                    {move || ctx.t("board.months.show")}
                </button>
            </th>
        }
    });
    let folded_foot = folded.as_ref().map(|f| view! { <td class="totals folded">{totals_text(ctx, &f.totals)}</td> });
    let foot = board
        .columns
        .iter()
        .map(|c| view! { <td class="totals" data-period=c.period.to_string()>{totals_text(ctx, &c.totals)}</td> })
        .collect_view();
    let rows = board
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let cells = row
                .cells
                .iter()
                .zip(&board.columns)
                .map(|(cell, column)| match cell {
                    None => view! { <td class="na">"—"</td> }.into_any(),
                    Some(c) => {
                        let (text, class) = cell_text(ctx, c.state, column.due);
                        let review = match &c.review {
                            ReportState::Accepted => " ✓",
                            ReportState::Returned { .. } => " ↩",
                            _ => "",
                        };
                        let content = if matches!(c.state, CellState::Missing { started: false, .. }) {
                            let opened = Unsent {
                                agency: row.agency.clone(),
                                name: row.name.clone(),
                                period: c.period.clone(),
                                label: column.label.clone(),
                                due: column.due,
                                said: text.clone(),
                            };
                            view! {
                                <button type="button" class="cell-open" on:click=move |_| unsent.set(Some(opened.clone()))>
                                    {text}
                                </button>
                            }
                            .into_any()
                        } else {
                            let href = format!("/office/report/{}/{}", row.agency, c.period);
                            view! { <A href=href>{text}{review}</A> }.into_any()
                        };
                        view! {
                            <td class=format!("cell {class}") data-period=c.period.to_string() data-state=class>{content}</td>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            let months = folded.as_ref().and_then(|f| f.rows.get(i)).map(|t| {
                let class = if t.missing > 0 { "cell missing folded" } else if t.late > 0 { "cell late folded" } else { "cell folded" };
                view! { <td class=class>{totals_text(ctx, t)}</td> }
            });
            view! {
                <tr data-agency=row.agency.to_string()>
                    <th scope="row">{row.name.clone()}</th>
                    {cells}
                    {months}
                    <td class="totals">{totals_text(ctx, &row.totals)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="board-scroll" tabindex="0" role="region" aria-labelledby="board-title">
            <table class="board" id="board">
                <thead><tr>
                    <th scope="col" class="corner">{move || ctx.t("board.agency")}</th>
                    {head}{folded_head}
                    <th scope="col">{move || ctx.t("board.sum")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr>
                    <th scope="row">{move || ctx.t("board.sum")}</th>{foot}{folded_foot}
                    <td class="totals" id="board-total">{totals_text(ctx, &all)}</td>
                </tr></tfoot>
            </table>
        </div>
    }
}

/// The panel of a cell with nothing sent.
#[component]
pub fn UnsentPanel(
    /// The cell opened, if any.
    unsent: RwSignal<Option<Unsent>>,
    /// Who last sent a report for each agency, and when (for whom to call).
    last_sender: Callback<AgencyId, Option<(String, Day)>>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    move || {
        unsent.get().map(|u| {
            let last = last_sender.run(u.agency.clone());
            view! {
                <section class="card unsent" id="unsent-panel" role="region" aria-labelledby="unsent-title">
                    <h2 id="unsent-title">{u.name.clone()}" — "{u.label.clone()}</h2>
                    <p id="unsent-said">{u.said.clone()}". "{ctx.t_with("board.unsent.due", &[("date", u.due.to_vietnamese())])}</p>
                    <p id="unsent-contact">{match last {
                        Some((by, day)) => ctx.t_with("board.unsent.last", &[("by", by), ("date", day.to_vietnamese())]),
                        None => ctx.t("board.unsent.never"),
                    }}</p>
                    <AskForm agency=u.agency.clone() period=u.period.clone()/>
                    <button type="button" id="unsent-close" on:click=move |_| unsent.set(None)>{move || ctx.t("board.unsent.close")}</button>
                </section>
            }
        })
    }
}
