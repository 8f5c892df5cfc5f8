//! Where my edits are: saved on this laptop, waiting, or failing.

use crate::state::{AppContext, SaveState};
use leptos::prelude::*;

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
                SaveState::Failed(e) => format!("{} {e}", ctx.t("save.failed")),
            }}
        </span>
    }
}

/// A nudge when changes have stayed only on this laptop for days.
#[component]
pub fn LocalChangesNudge() -> impl IntoView {
    let ctx = AppContext::expect();
    let info = move || {
        ctx.reports.track();
        let repo = ctx.repo()?;
        let (count, oldest) = repo.local_changes();
        let oldest = oldest?;
        let now = (js_sys::Date::now() / 1000.0) as i64;
        let days = (now - oldest) / 86_400;
        (count > 0 && days >= 3).then_some((count, days))
    };
    view! {
        {move || info().map(|(count, days)| view! {
            <p class="nudge" role="note">
                {ctx.t_with("nudge.local", &[("count", count.to_string()), ("days", days.to_string())])}
            </p>
        })}
    }
}
