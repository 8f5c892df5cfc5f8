//! "Xem như ngày": the day an office view is read as of, the clock that decides (the laptops'
//! own, or when this laptop received the changes), and what the view counted, in words.

use crate::components::day_input::DayInput;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::history::Basis;
use tiendo_core::office::as_of::AsOfTally;
use tiendo_core::Day;

/// The controls: the day and the clock.
#[component]
pub fn AsOfBar(
    /// The date input's id (the page's own).
    id: &'static str,
    /// The day.
    as_of: RwSignal<Day>,
    /// The clock.
    basis: RwSignal<Basis>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let on_basis = move |ev: leptos::ev::Event| {
        basis.set(if event_target_value(&ev) == "arrival" { Basis::Arrival } else { Basis::DeviceTime });
    };
    view! {
        <div class="as-of-bar">
            <DayInput id=id label="board.as_of" day=as_of on_day=Callback::new(move |d| as_of.set(d))/>
            <label class="no-print">{move || ctx.t("as_of.basis")}" "
                <select class="as-of-basis" on:change=on_basis>
                    <option value="device" selected=move || basis.get() == Basis::DeviceTime>{move || ctx.t("as_of.basis.device")}</option>
                    <option value="arrival" selected=move || basis.get() == Basis::Arrival>{move || ctx.t("as_of.basis.arrival")}</option>
                </select>
            </label>
        </div>
    }
}

/// What the view counted, in words, under the page's toolbar; nothing for today's record.
#[component]
pub fn AsOfSaid(
    /// What the view counted; `None` for today's record.
    tally: Signal<Option<AsOfTally>>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    move || {
        tally.get().map(|t| {
            let mut words = ctx.t_with(
                match t.basis {
                    Basis::DeviceTime => "as_of.device",
                    Basis::Arrival => "as_of.arrival",
                },
                &[("day", t.day.to_vietnamese()), ("counted", t.counted.to_string()), ("later", t.later.to_string())],
            );
            if t.basis == Basis::Arrival && t.without_arrival > 0 {
                words.push(' ');
                words.push_str(&ctx.t_with("as_of.without_arrival", &[("n", t.without_arrival.to_string())]));
            }
            view! { <p class="notice as-of" id="as-of-said" role="status">{words}</p> }
        })
    }
}
