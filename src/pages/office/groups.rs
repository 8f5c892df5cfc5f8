//! The office's groups of agencies, on the registry page: the standing groups (every agency of
//! their kinds, with the office's exceptions) and the groups it names. A task a plan gives a
//! group goes to the group's members as they stand.

use super::agencies::{other_names, refusal};
use crate::components::agency_chips::group_label;
use crate::state::registry::change_group;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::ids::{AgencyId, GroupId};
use tiendo_core::model::{AgencyGroup, GroupChange, Registry};

/// What the office kept of a group, in words: a named group's members, or a standing group's
/// exceptions.
fn kept_words(ctx: AppContext, r: &Registry, g: &AgencyGroup) -> String {
    let names = |ids: &[AgencyId]| ids.iter().map(|id| r.display_name(id)).collect::<Vec<_>>().join("; ");
    let kept = r.group(g);
    match g {
        AgencyGroup::Named(_) => kept.map(|k| names(&k.members)).unwrap_or_default(),
        _ => {
            let mut out = vec![ctx.t("groups.by_kind")];
            if let Some(k) = kept.filter(|k| !k.members.is_empty()) {
                out.push(ctx.t_with("groups.put_in", &[("names", names(&k.members))]));
            }
            if let Some(k) = kept.filter(|k| !k.excluded.is_empty()) {
                out.push(ctx.t_with("groups.left_out", &[("names", names(&k.excluded))]));
            }
            out.join(" ")
        }
    }
}

/// The groups: a table, a change of members, a new group.
#[component]
pub fn Groups(
    /// Where the registry page says what the last change did.
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let (group, agency) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (name, aliases) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let run = move |c: GroupChange| {
        leptos::task::spawn_local(async move {
            let said = match change_group(ctx, c).await {
                Ok(id) => {
                    let label = ctx
                        .plan()
                        .map_or_else(|| id.to_string(), |d| group_label(ctx, &d.registry, &AgencyGroup::from_id(&id)));
                    (true, ctx.t_with("groups.changed", &[("group", label)]))
                }
                Err(e) => (false, refusal(ctx, &e)),
            };
            message.set(Some(said));
        });
    };
    let member = move |member: bool| {
        move |_| {
            let g = group.get_untracked().parse::<GroupId>().ok().map(|id| AgencyGroup::from_id(&id));
            let a = agency.get_untracked().parse::<AgencyId>().ok();
            if let (Some(group), Some(agency)) = (g, a) {
                run(GroupChange::Member { group, agency, member });
            }
        }
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let aliases = other_names(&aliases.get_untracked());
        run(GroupChange::Add { name: name.get_untracked(), aliases });
    };
    let table = move || {
        let data = ctx.plan()?;
        let r = &data.registry;
        let rows = r
            .all_groups()
            .into_iter()
            .map(|g| {
                view! {
                    <tr data-group=g.id().to_string()>
                        <th scope="row">{group_label(ctx, r, &g)}</th>
                        <td class="count">{r.members_of(&g).len()}</td>
                        <td class="kept">{kept_words(ctx, r, &g)}</td>
                    </tr>
                }
            })
            .collect_view();
        let options = r
            .all_groups()
            .into_iter()
            .map(|g| view! { <option value=g.id().to_string()>{group_label(ctx, r, &g)}</option> })
            .collect_view();
        let agencies =
            r.active().map(|a| view! { <option value=a.id.to_string()>{a.name.clone()}</option> }).collect_view();
        group.set(AgencyGroup::STANDING[0].id().to_string());
        agency.set(r.active().next().map(|a| a.id.to_string()).unwrap_or_default());
        Some(view! {
            <table class="groups" id="groups">
                <thead><tr>
                    <th scope="col">{ctx.t("groups.name")}</th>
                    <th scope="col">{ctx.t("groups.count")}</th>
                    <th scope="col">{ctx.t("groups.kept")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="group-member no-print" role="group" aria-label=ctx.t("groups.member.title")>
                <label>{ctx.t("groups.name")}
                    <select id="group-pick" on:change=move |ev| group.set(event_target_value(&ev))>{options}</select>
                </label>
                <label>{ctx.t("registry.name")}
                    <select id="group-agency" on:change=move |ev| agency.set(event_target_value(&ev))>{agencies}</select>
                </label>
                <button type="button" id="group-in" on:click=member(true)>{ctx.t("groups.in")}</button>
                <button type="button" id="group-out" on:click=member(false)>{ctx.t("groups.out")}</button>
            </div>
        })
    };
    view! {
        <section class="card groups-card" aria-labelledby="groups-title">
            <h2 id="groups-title">{move || ctx.t("groups.title")}</h2>
            <p class="muted">{move || ctx.t("groups.explain")}</p>
            {table}
            <form class="group-add no-print" id="group-add" on:submit=add>
                <label>{move || ctx.t("groups.new")}
                    <input id="group-name" required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <label>{move || ctx.t("registry.aliases.input")}
                    <input id="group-aliases" prop:value=move || aliases.get() on:input=move |ev| aliases.set(event_target_value(&ev))/>
                </label>
                <button type="submit" id="group-add-go">{move || ctx.t("groups.add")}</button>
            </form>
        </section>
    }
}
