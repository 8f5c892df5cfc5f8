//! A day typed as Vietnamese documents write it, `dd/mm/yyyy`, whatever the browser's language.
//! A browser's own date input follows its locale: an English-locale browser shows and asks for
//! mm/dd/yyyy, so a clerk reading "03/10/2020" cannot tell March from October.

use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::Day;

/// The field in its label and, after the label (so that it is not part of the field's name, only
/// its description), what was typed that is not a day yet. A day is taken when the field
/// is left or Enter is pressed; a blank field goes back to the day shown; a day that does not
/// read as one (`31/02/2026`, `3/10`) is said so and changes nothing.
#[component]
pub fn DayInput(
    /// The input's id (the page's own).
    id: &'static str,
    /// What the day is: a translation key (the label's text).
    label: &'static str,
    /// The day shown.
    #[prop(into)]
    day: Signal<Day>,
    /// Called with a day typed that reads as one.
    on_day: Callback<Day>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let bad = RwSignal::new(None::<String>);
    let hint_id = format!("{id}-hint");
    let on_change = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        match Day::parse_typed(&typed) {
            Ok(Some(d)) => {
                bad.set(None);
                on_day.run(d);
            }
            // Blank: the view still needs a day; the one shown stays (and is shown again).
            Ok(None) => {
                bad.set(None);
                event_target::<web_sys::HtmlInputElement>(&ev).set_value(&day.get_untracked().to_vietnamese());
            }
            Err(_) => bad.set(Some(typed)),
        }
    };
    view! {
        <label class="day-field">{move || ctx.t(label)}" "
            <input type="text" id=id class="day-input" inputmode="numeric" size="10" placeholder="dd/mm/yyyy" autocomplete="off"
                aria-describedby=hint_id.clone() aria-invalid=move || bad.with(|b| b.is_some()).then_some("true")
                prop:value=move || day.get().to_vietnamese() on:change=on_change/>
        </label>
        <span class="field-hint" id=hint_id role="status">
            {move || bad.get().map(|typed| ctx.t_with("day.bad", &[("typed", typed)]))}
        </span>
    }
}
