//! First run: start with the built-in demo workspace as one agency, or join a real workspace.

use crate::components::invite_form::InviteForm;
use crate::components::join_form::JoinForm;
use crate::components::labels::kind_key;
use crate::state::settings::Setup;
use crate::state::{boot, AppContext};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tiendo_core::ids::AgencyId;
use tiendo_core::model::AgencyKind;

/// The first-run page.
#[component]
pub fn StartPage() -> impl IntoView {
    let ctx = AppContext::expect();
    // The demo's agencies (6 KB, read here so the list is there at once; the plan's text and its
    // parser stay in the engine).
    let registry = tiendo_core::builtin::tra_vinh_registry().unwrap_or_default();
    let choice = RwSignal::new(String::new());
    let navigate = use_navigate();
    let start = move |_| {
        let Ok(agency) = AgencyId::new(choice.get_untracked()) else { return };
        boot::choose(ctx, Setup::Demo { agency });
        navigate("/", Default::default());
    };
    let group = |kind: AgencyKind, key: &'static str| {
        let options: Vec<_> = registry
            .of_kind(kind)
            .map(|a| view! { <option value=a.id.to_string()>{a.name.clone()}</option> })
            .collect();
        // A registry without special zones (or other bodies) shows no empty heading for them.
        (!options.is_empty()).then(|| view! { <optgroup label=move || ctx.t(key)>{options}</optgroup> })
    };
    let groups = (
        group(AgencyKind::ProvincialOffice, kind_key(AgencyKind::ProvincialOffice)),
        group(AgencyKind::Department, kind_key(AgencyKind::Department)),
        group(AgencyKind::District, kind_key(AgencyKind::District)),
        group(AgencyKind::Commune, kind_key(AgencyKind::Commune)),
        group(AgencyKind::SpecialZone, kind_key(AgencyKind::SpecialZone)),
        group(AgencyKind::Other, kind_key(AgencyKind::Other)),
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
                        disabled=move || choice.get().is_empty() on:click=start>
                        {move || ctx.t("start.demo.go")}
                    </button>
                </section>
                <section class="card start-join">
                    <h2>{move || ctx.t("start.join.title")}</h2>
                    <p>{move || ctx.t("start.join.text")}</p>
                    <JoinForm/>
                    <InviteForm/>
                </section>
            </div>
        </div>
    }
}
