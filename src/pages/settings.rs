//! Settings: my agency, the language, the server, and the state of storage on this laptop.

use crate::components::save_state::LocalChangesNudge;
use crate::components::sync_indicator::clock;
use crate::i18n::Lang;
use crate::state::settings::{Settings, Setup};
use crate::state::AppContext;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// A size as people read it: `4,3 MB`, `10 GB`, `512 KB` (one decimal, a decimal comma).
fn size(bytes: f64) -> String {
    let (value, unit) = match bytes {
        b if b >= 1_073_741_824.0 => (b / 1_073_741_824.0, "GB"),
        b if b >= 1_048_576.0 => (b / 1_048_576.0, "MB"),
        b => (b / 1024.0, "KB"),
    };
    format!("{} {unit}", crate::i18n::number((value * 10.0).round() / 10.0))
}

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let ctx = AppContext::expect();
    let navigate = use_navigate();
    let agency_name = move || {
        let agency = ctx.agency()?;
        let data = ctx.plan()?;
        Some(data.agency_name(&agency))
    };
    let change_agency = move |_| {
        ctx.flush_now();
        Settings::clear_setup();
        ctx.setup.set(None);
        navigate("/start", Default::default());
    };
    let here = crate::components::save_state::only_here(ctx);
    let local = move || here.get().map_or(0, |(only, _)| only.count);
    view! {
        <div class="settings-page">
            <h1>{move || ctx.t("settings.title")}</h1>
            <section class="card">
                <h2>{move || ctx.t("settings.agency")}</h2>
                <p id="settings-agency">{move || agency_name().unwrap_or_else(|| ctx.t("settings.agency.none"))}</p>
                <button type="button" id="change-agency" on:click=change_agency>{move || ctx.t("settings.agency.change")}</button>
            </section>
            <section class="card">
                <h2 id="settings-lang-title">{move || ctx.t("settings.language")}</h2>
                <select id="settings-lang" aria-labelledby="settings-lang-title" prop:value=move || ctx.lang.get().code()
                    on:change=move |ev| ctx.lang.set(if event_target_value(&ev) == "en" { Lang::En } else { Lang::Vi })>
                    <option value="vi">"Tiếng Việt"</option>
                    <option value="en">"English"</option>
                </select>
            </section>
            <section class="card">
                <h2>{move || ctx.t("settings.server")}</h2>
                <p id="settings-server">{move || match ctx.setup.get() {
                    Some(Setup::Joined { server, .. }) => server,
                    _ => ctx.t("settings.server.none"),
                }}</p>
                <Show when=move || ctx.sync.with(Option::is_some)>
                    <SyncDetails/>
                </Show>
            </section>
            <section class="card" id="storage-state">
                <h2>{move || ctx.t("settings.storage")}</h2>
                <dl class="facts">
                    <dt>{move || ctx.t("settings.storage.where")}</dt>
                    <dd id="storage-durable">{move || {
                        let s = ctx.storage.get();
                        if s.durable { ctx.t("settings.storage.idb") } else { format!("{} {}", ctx.t("save.memory"), s.problem.unwrap_or_default()) }
                    }}</dd>
                    <dt>{move || ctx.t("settings.storage.persist")}</dt>
                    <dd id="storage-persisted">{move || match ctx.storage.get().persisted {
                        Some(true) => ctx.t("settings.storage.persist.yes"),
                        Some(false) => ctx.t("settings.storage.persist.no"),
                        None => ctx.t("settings.storage.persist.unknown"),
                    }}</dd>
                    <dt>{move || ctx.t("settings.storage.used")}</dt>
                    <dd id="storage-used">{move || ctx.storage.get().usage.map(|(u, q)| {
                        ctx.t_with("settings.storage.used.value", &[("used", size(u)), ("free", size((q - u).max(0.0)))])
                    }).unwrap_or_default()}</dd>
                    <dt>{move || ctx.t("settings.storage.local")}</dt>
                    <dd id="local-changes">{move || ctx.t_with("settings.storage.local.value", &[("n", local().to_string())])}</dd>
                </dl>
                <LocalChangesNudge/>
            </section>
        </div>
    }
}

/// Per document: changes the server has not confirmed, and refusals in the user's words.
#[component]
fn SyncDetails() -> impl IntoView {
    let ctx = AppContext::expect();
    let status = move || ctx.sync.get().unwrap_or_default();
    let rows = move || {
        status()
            .docs
            .into_iter()
            .map(|(id, d)| {
                let state = if let Some(r) = d.refused.as_deref() {
                    crate::sync::problem::refusal_words(ctx.lang.get(), d.refused_code, r)
                } else if d.broken {
                    ctx.t("sync.doc.broken")
                } else if d.unavailable {
                    ctx.t("sync.doc.unavailable")
                } else if d.unconfirmed > 0 {
                    ctx.t_with("sync.waiting", &[("n", d.unconfirmed.to_string())])
                } else {
                    ctx.t("sync.doc.synced")
                };
                let class = if d.refused.is_some() { "refused" } else { "" };
                view! { <tr data-doc=id.clone() class=class><td>{id.clone()}</td><td>{state}</td></tr> }
            })
            .collect_view()
    };
    view! {
        <dl class="facts">
            <dt>{move || ctx.t("sync.state")}</dt>
            <dd id="sync-link">{move || ctx.t(&format!("sync.link.{}", status().link.as_str()))}</dd>
            <dt>{move || ctx.t("sync.last.label")}</dt>
            <dd id="sync-last">{move || status().last_sync_ms.map(clock).unwrap_or_else(|| ctx.t("sync.never"))}</dd>
            <Show when=move || status().problem.is_some()>
                <dt>{move || ctx.t("sync.problem")}</dt>
                <dd id="sync-problem">
                    {move || status().problem.map(|p| crate::sync::problem::problem_words(ctx.lang.get(), &p)).unwrap_or_default()}
                </dd>
            </Show>
        </dl>
        <table class="sync-docs" id="sync-docs">
            <thead><tr><th>{move || ctx.t("sync.doc")}</th><th>{move || ctx.t("sync.state")}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
