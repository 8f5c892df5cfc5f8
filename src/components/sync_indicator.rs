//! The sync state in the top bar: online, connecting or offline (with the next attempt), when the
//! server last answered, how many changes wait for it, and a warning if it refused any.

use crate::state::AppContext;
use crate::sync::SyncStatus;
use leptos::prelude::*;

/// `14:05` for a Unix time in milliseconds, in the browser's time zone.
pub fn clock(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// The indicator; shown only for a joined workspace.
#[component]
pub fn SyncIndicator() -> impl IntoView {
    let ctx = AppContext::expect();
    let status = move || ctx.sync.get().unwrap_or_default();
    let label = move || {
        let s: SyncStatus = status();
        let mut text = ctx.t(&format!("sync.link.{}", s.link.as_str()));
        if let Some(at) = s.last_sync_ms {
            text.push_str(&format!(" · {}", ctx.t_with("sync.last", &[("time", clock(at))])));
        }
        let waiting = s.unconfirmed();
        if waiting > 0 {
            text.push_str(&format!(" · {}", ctx.t_with("sync.waiting", &[("n", waiting.to_string())])));
        }
        text
    };
    view! {
        <span id="sync-state" class="sync-state" data-state=move || status().link.as_str()
            data-unconfirmed=move || status().unconfirmed().to_string() role="status">{label}</span>
        <Show when=move || !status().refused().is_empty()>
            <span id="sync-refused" class="sync-refused" role="alert">{move || ctx.t("sync.refused.short")}</span>
        </Show>
        <Show when=move || status().any_broken()>
            <span id="sync-broken" class="sync-refused" role="alert">{move || ctx.t("sync.broken.short")}</span>
        </Show>
    }
}
