//! The first-run choice: start with the built-in demo workspace as one agency, or join a real
//! workspace (with an access code, or an invitation file: the `children`). Both modules draw it:
//! the start module on a first visit, the full module at `/start`.

use super::join_form::JoinForm;
use crate::i18n::{kind_key, UiLang};
use crate::settings::Setup;
use leptos::prelude::*;
use tiendo_core::ids::AgencyId;
use tiendo_core::model::AgencyKind;

/// The start screen's choices.
#[component]
pub fn StartScreen(
    /// What to do with the choice made (remember it and open it).
    on_choose: Callback<Setup>,
    /// The invitation's part of the join card.
    children: Children,
) -> impl IntoView {
    let ctx = UiLang::expect();
    // The demo's agencies (6 KB, so the list is there at once; the plan's text and its parser
    // stay in the engine).
    let registry = tiendo_core::builtin::tra_vinh_registry().unwrap_or_default();
    let choice = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let start = move |_| {
        let Ok(agency) = AgencyId::new(choice.get_untracked()) else { return };
        busy.set(true);
        on_choose.run(Setup::Demo { agency });
    };
    let group = |kind: AgencyKind| {
        let options: Vec<_> = registry
            .of_kind(kind)
            .map(|a| view! { <option value=a.id.to_string()>{a.name.clone()}</option> })
            .collect();
        // A registry without special zones (or other bodies) shows no empty heading for them.
        (!options.is_empty()).then(|| view! { <optgroup label=move || ctx.t(kind_key(kind))>{options}</optgroup> })
    };
    let groups = (
        group(AgencyKind::ProvincialOffice),
        group(AgencyKind::Department),
        group(AgencyKind::District),
        group(AgencyKind::Commune),
        group(AgencyKind::SpecialZone),
        group(AgencyKind::Other),
    );
    view! {
        <div class="start-page">
            <h1>{move || ctx.t("start.title")}</h1>
            <p class="lead-text">{move || ctx.t("start.intro")}</p>
            <div class="start-choices">
                <section class="card start-demo">
                    <h2>{move || ctx.t("start.demo.title")}</h2>
                    <p>{move || ctx.t("start.demo.text")}</p>
                    <label for="start-agency">{move || ctx.t("start.agency")}</label>
                    <select id="start-agency" on:change=move |ev| choice.set(event_target_value(&ev))>
                        <option value="">{move || ctx.t("start.agency.pick")}</option>
                        {groups}
                    </select>
                    <button type="button" id="start-demo" class="primary"
                        disabled=move || busy.get() || choice.get().is_empty() on:click=start>
                        {move || ctx.t("start.demo.go")}
                    </button>
                </section>
                <section class="card start-join">
                    <h2>{move || ctx.t("start.join.title")}</h2>
                    <p>{move || ctx.t("start.join.text")}</p>
                    <JoinForm on_joined=on_choose/>
                    {children()}
                </section>
            </div>
        </div>
    }
}
