//! Where my edits are: saved on this laptop, waiting, or failing.

use crate::state::settings::Settings;
use crate::state::{AppContext, SaveState};
use leptos::prelude::*;
use tiendo_core::changes::OnlyHere;

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
pub fn only_here(ctx: AppContext) -> Option<(OnlyHere, bool)> {
    ctx.reports.track();
    let engine = ctx.engine()?;
    let mine = engine.reports_id()?;
    if let Some(status) = ctx.sync.get() {
        let doc = status.docs.get(&mine).cloned().unwrap_or_default();
        return Some((OnlyHere { count: doc.unconfirmed, oldest_s: doc.unconfirmed_since_s }, true));
    }
    Some((engine.only_here(&Settings::exported_heads())?, false))
}

/// A nudge when changes have stayed only on this laptop for days, counted from the oldest that
/// is really only here.
#[component]
pub fn LocalChangesNudge() -> impl IntoView {
    let ctx = AppContext::expect();
    let info = move || {
        let (only, joined) = only_here(ctx)?;
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
