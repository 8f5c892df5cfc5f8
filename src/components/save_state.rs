//! Where my edits are: saved on this laptop, waiting, or failing.

use crate::state::settings::Settings;
use crate::state::{AppContext, SaveState};
use leptos::prelude::*;
use tiendo_core::changes::OnlyHere;
use tiendo_core::schema::genesis::reports_doc_id;

/// A short live line about saving; screen readers hear changes.
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let ctx = AppContext::expect();
    view! {
        <span id="save-state" class="save-state" role="status" aria-live="polite" data-state=move || match ctx.save.get() {
            SaveState::Saved => "saved",
            SaveState::Pending => "pending",
            SaveState::Failed(_) => "failed",
        }>
            {move || match ctx.save.get() {
                SaveState::Saved if !ctx.storage.get().durable && ctx.storage.get().problem.is_some() => ctx.t("save.memory"),
                SaveState::Saved => ctx.t("save.saved"),
                SaveState::Pending => ctx.t("save.pending"),
                SaveState::Failed(e) => format!("{} {}", ctx.t("save.failed"), ctx.error_text(&e)),
            }}
        </span>
    }
}

/// My changes that are only on this laptop, and whether this laptop syncs with a server: for a
/// joined laptop, those the server has not confirmed; otherwise those that no exported sync file
/// held yet (a demo or invited laptop has no server to sync with).
/// Read again whenever my reports or sync's state change.
pub fn only_here(ctx: AppContext) -> ReadSignal<Option<(OnlyHere, bool)>> {
    let out = RwSignal::new(None);
    Effect::new(move |_| {
        ctx.reports.track();
        let (Some(engine), Some(data), Some(agency)) = (ctx.engine(), ctx.plan(), ctx.agency()) else { return };
        if let Some(status) = ctx.sync.get() {
            let mine = reports_doc_id(&data.plan.id, &agency);
            let doc = status.docs.get(&mine).cloned().unwrap_or_default();
            out.set(Some((OnlyHere { count: doc.unconfirmed, oldest_s: doc.unconfirmed_since_s }, true)));
            return;
        }
        leptos::task::spawn_local(async move {
            out.set(engine.only_here(Settings::exported_heads()).await.map(|o| (o, false)));
        });
    });
    out.read_only()
}

/// A nudge when changes have stayed only on this laptop for days, counted from the oldest that
/// is really only here.
#[component]
pub fn LocalChangesNudge() -> impl IntoView {
    let ctx = AppContext::expect();
    let here = only_here(ctx);
    let info = move || {
        let (only, joined) = here.get()?;
        let now = (js_sys::Date::now() / 1000.0) as i64;
        let days = (now - only.oldest_s?) / 86_400;
        (only.count > 0 && days >= 3).then_some((only.count, days, joined))
    };
    view! {
        {move || info().map(|(count, days, joined)| view! {
            <p class="nudge" role="note" id="local-nudge">
                {ctx.t_with(if joined { "nudge.server" } else { "nudge.file" }, &[("count", count.to_string()), ("days", days.to_string())])}
            </p>
        })}
    }
}
