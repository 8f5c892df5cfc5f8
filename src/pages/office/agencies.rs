//! `/office/agencies`: the office keeps its agency registry — adds an agency, renames one (the
//! old name stays as another name), merges one into another, retires one. Each change is the
//! office's change to the workspace, synced or carried by file like any other; a refused one
//! says why and changes nothing.

use super::OfficeOnly;
use crate::components::agency_chips::group_label;
use crate::components::labels::kind_key;
use crate::state::registry::{change, RegistryFailure};
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::ids::AgencyId;
use tiendo_core::model::{Agency, AgencyKind, RegistryChange, RegistryError};

/// The kinds the office can add (the provincial office is there once, from the start).
const ADDABLE: [AgencyKind; 5] =
    [AgencyKind::Department, AgencyKind::Commune, AgencyKind::SpecialZone, AgencyKind::Other, AgencyKind::District];

/// What the office is about to do to an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Rename,
    Merge,
    Retire,
}

/// Other names as typed in one field, separated by `;`.
pub(super) fn other_names(typed: &str) -> Vec<String> {
    typed.split(';').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()
}

/// A refusal in the user's words.
pub(super) fn refusal(ctx: AppContext, failure: &RegistryFailure) -> String {
    let name = |id: &AgencyId| ctx.plan().map_or_else(|| id.to_string(), |d| d.agency_name(id));
    match failure {
        RegistryFailure::Refused(e) => match e {
            RegistryError::Unknown(id) => ctx.t_with("registry.error.unknown", &[("id", id.to_string())]),
            RegistryError::Ended(id) => ctx.t_with("registry.error.ended", &[("name", name(id))]),
            RegistryError::IdTaken(id) => ctx.t_with("registry.error.id_taken", &[("id", id.to_string())]),
            RegistryError::NameTaken { name: taken, by } => {
                ctx.t_with("registry.error.name_taken", &[("name", taken.clone()), ("by", name(by))])
            }
            RegistryError::BadName(_) => ctx.t("registry.error.bad_name"),
            RegistryError::NoId(n) => ctx.t_with("registry.error.no_id", &[("name", n.clone())]),
            RegistryError::Itself(_) => ctx.t("registry.error.itself"),
            RegistryError::Office(_) => ctx.t("registry.error.office"),
            RegistryError::GroupNameTaken { name: taken, by } => {
                let group = tiendo_core::model::AgencyGroup::from_id(by);
                let label = ctx.plan().map_or_else(|| by.to_string(), |d| group_label(ctx, &d.registry, &group));
                ctx.t_with("registry.error.group_name_taken", &[("name", taken.clone()), ("by", label)])
            }
            RegistryError::UnknownGroup(id) => ctx.t_with("registry.error.unknown_group", &[("id", id.to_string())]),
        },
        RegistryFailure::Storage(e) => ctx.t_with("registry.error.storage", &[("detail", ctx.error_text(e))]),
    }
}

/// An agency's state in words.
fn state_words(ctx: AppContext, a: &Agency) -> String {
    match &a.ended {
        None => ctx.t("registry.active"),
        Some(e) => match &e.merged_into {
            Some(into) => ctx.t_with(
                "registry.merged",
                &[
                    ("into", ctx.plan().map_or_else(|| into.to_string(), |d| d.agency_name(into))),
                    ("day", e.on.to_vietnamese()),
                ],
            ),
            None => ctx.t_with("registry.retired", &[("day", e.on.to_vietnamese())]),
        },
    }
}

/// The page. What was said and what is being done live here, outside [`OfficeOnly`]: a change
/// to the registry draws the office's pages again, and the message must stay on screen.
#[component]
pub fn AgenciesPage() -> impl IntoView {
    let message = RwSignal::new(None::<(bool, String)>);
    let pending = RwSignal::new(None::<(AgencyId, Act)>);
    view! { <OfficeOnly><Agencies message=message pending=pending/></OfficeOnly> }
}

#[component]
fn Agencies(
    /// What the last change did (whether it was made, and the words).
    message: RwSignal<Option<(bool, String)>>,
    /// The agency being changed, and how.
    pending: RwSignal<Option<(AgencyId, Act)>>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let run = Callback::new(move |(c, done): (RegistryChange, &'static str)| {
        leptos::task::spawn_local(async move {
            match change(ctx, c).await {
                Ok(id) => {
                    let name = ctx.plan().map_or_else(|| id.to_string(), |d| d.agency_name(&id));
                    message.set(Some((true, ctx.t_with(done, &[("name", name)]))));
                    pending.set(None);
                }
                Err(e) => message.set(Some((false, refusal(ctx, &e)))),
            }
        });
    });
    let rows = move || {
        let Some(data) = ctx.plan() else { return ().into_any() };
        data.registry
            .agencies
            .iter()
            .map(|a| {
                let id = a.id.clone();
                let others: Vec<String> =
                    a.aliases.iter().chain(a.former_names.iter().map(|f| &f.name)).cloned().collect();
                let can_change = a.ended.is_none() && a.kind != AgencyKind::ProvincialOffice;
                let act = move |act: Act| {
                    let id = id.clone();
                    move |_| {
                        message.set(None);
                        pending.set(Some((id.clone(), act)));
                    }
                };
                view! {
                    <tr data-agency=a.id.to_string() class:ended=a.ended.is_some()>
                        <th scope="row">{a.name.clone()}</th>
                        <td>{a.short_name.clone()}</td>
                        <td>{ctx.t(kind_key(a.kind))}</td>
                        <td class="aliases">{others.join("; ")}</td>
                        <td class="state">{state_words(ctx, a)}</td>
                        <td class="no-print actions">
                            {can_change.then(|| view! {
                                <button type="button" class="rename" on:click=act(Act::Rename)>{ctx.t("registry.rename")}</button>
                                <button type="button" class="merge" on:click=act(Act::Merge)>{ctx.t("registry.merge")}</button>
                                <button type="button" class="retire" on:click=act(Act::Retire)>{ctx.t("registry.retire")}</button>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="office agencies-page">
            <h1>{move || ctx.t("registry.title")}</h1>
            <AddForm run=run/>
            <ActionPanel pending=pending run=run/>
            {move || message.get().map(|(ok, m)| view! {
                <p id="registry-message" class=if ok { "notice" } else { "error" } role=if ok { "status" } else { "alert" }>{m}</p>
            })}
            <super::groups::Groups message=message/>
            <table class="agencies" id="agencies">
                <thead><tr>
                    <th scope="col">{move || ctx.t("registry.name")}</th>
                    <th scope="col">{move || ctx.t("registry.short_name")}</th>
                    <th scope="col">{move || ctx.t("registry.kind")}</th>
                    <th scope="col">{move || ctx.t("registry.aliases")}</th>
                    <th scope="col">{move || ctx.t("registry.state")}</th>
                    <th scope="col" class="no-print"><span class="visually-hidden">{move || ctx.t("home.actions")}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// Adding an agency: its name, short name, kind and other names.
#[component]
fn AddForm(
    /// Applies a change and says `done` (a translation key with `{name}`) when it is made.
    run: Callback<(RegistryChange, &'static str)>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let (name, short, kind, aliases) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(AgencyKind::Commune),
        RwSignal::new(String::new()),
    );
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let full = name.get_untracked();
        let short_name = Some(short.get_untracked()).filter(|s| !s.trim().is_empty()).unwrap_or_else(|| full.clone());
        let aliases = other_names(&aliases.get_untracked());
        run.run((
            RegistryChange::Add { id: None, name: full, short_name, kind: kind.get_untracked(), aliases },
            "registry.added",
        ));
    };
    view! {
        <form class="registry-add no-print" id="agency-add" on:submit=add>
            <h2>{move || ctx.t("registry.add.title")}</h2>
            <label>{move || ctx.t("registry.name")}
                <input id="add-name" required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </label>
            <label>{move || ctx.t("registry.short_name")}
                <input id="add-short" prop:value=move || short.get() on:input=move |ev| short.set(event_target_value(&ev))/>
            </label>
            <label>{move || ctx.t("registry.kind")}
                <select id="add-kind" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(k) = ADDABLE.into_iter().find(|k| k.as_str() == v) { kind.set(k) }
                }>
                    {ADDABLE.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=move || kind.get() == k>{move || ctx.t(kind_key(k))}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{move || ctx.t("registry.aliases.input")}
                <input id="add-aliases" prop:value=move || aliases.get() on:input=move |ev| aliases.set(event_target_value(&ev))/>
            </label>
            <button type="submit" id="add-go">{move || ctx.t("registry.add")}</button>
        </form>
    }
}

/// The chosen change to one agency: a new name, the agency it joins, or its end, confirmed.
#[component]
fn ActionPanel(
    /// The agency and what is to be done.
    pending: RwSignal<Option<(AgencyId, Act)>>,
    /// Applies a change.
    run: Callback<(RegistryChange, &'static str)>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let (name, short, into) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    move || {
        let (id, act) = pending.get()?;
        let data = ctx.plan()?;
        let current = data.agency_name(&id);
        let go = {
            let id = id.clone();
            move |_| match act {
                Act::Rename => {
                    let short_name = Some(short.get_untracked()).filter(|s| !s.trim().is_empty());
                    run.run((
                        RegistryChange::Rename { id: id.clone(), name: name.get_untracked(), short_name },
                        "registry.renamed",
                    ));
                }
                Act::Merge => {
                    if let Ok(into) = into.get_untracked().parse::<AgencyId>() {
                        run.run((RegistryChange::Merge { from: id.clone(), into }, "registry.merged_done"));
                    }
                }
                Act::Retire => run.run((RegistryChange::Retire { id: id.clone() }, "registry.retired_done")),
            }
        };
        let (title, button) = match act {
            Act::Rename => ("registry.rename.title", "registry.rename.go"),
            Act::Merge => ("registry.merge.title", "registry.merge.go"),
            Act::Retire => ("registry.retire.title", "registry.retire.go"),
        };
        let targets: Vec<(String, String)> = data
            .registry
            .agencies
            .iter()
            .filter(|a| a.ended.is_none() && a.id != id)
            .map(|a| (a.id.to_string(), a.name.clone()))
            .collect();
        into.set(targets.first().map(|(i, _)| i.clone()).unwrap_or_default());
        name.set(String::new());
        short.set(String::new());
        Some(view! {
            <div class="registry-action no-print" id="registry-action" role="group" aria-label=ctx.t_with(title, &[("name", current.clone())])>
                <h2>{ctx.t_with(title, &[("name", current.clone())])}</h2>
                {(act == Act::Rename).then(|| view! {
                    <label>{ctx.t("registry.rename.new")}<input id="rename-name" on:input=move |ev| name.set(event_target_value(&ev))/></label>
                    <label>{ctx.t("registry.short_name")}<input id="rename-short" on:input=move |ev| short.set(event_target_value(&ev))/></label>
                })}
                {(act == Act::Merge).then(|| view! {
                    <label>{ctx.t("registry.merge.into")}
                        <select id="merge-into" on:change=move |ev| into.set(event_target_value(&ev))>
                            {targets.into_iter().map(|(i, n)| view! { <option value=i>{n}</option> }).collect_view()}
                        </select>
                    </label>
                })}
                {(act != Act::Rename).then(|| view! { <p>{ctx.t("registry.ends_codes")}</p> })}
                <button type="button" id="registry-go" on:click=go>{ctx.t(button)}</button>
                <button type="button" id="registry-cancel" on:click=move |_| pending.set(None)>{ctx.t("registry.cancel")}</button>
            </div>
        })
    }
}
