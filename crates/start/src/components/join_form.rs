//! Joining a workspace on the province's server with an agency's access code.

use crate::i18n::UiLang;
use crate::join::join;
use crate::settings::{Credential, Settings, Setup};
use leptos::prelude::*;
use tiendo_core::ids::{AgencyId, DeviceId};

/// The form: server address (this page's own by default), access code, a name for the laptop.
/// Joined, it keeps the credential and hands the workspace to `on_joined`.
#[component]
pub fn JoinForm(
    /// What to do with the workspace joined (remember it and open it).
    on_joined: Callback<Setup>,
) -> impl IntoView {
    let ctx = UiLang::expect();
    let origin = window().location().origin().unwrap_or_default();
    let server = RwSignal::new(origin);
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let go = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let address = server.get_untracked().trim().trim_end_matches('/').to_owned();
            let public_key = Settings::device_key().public_hex();
            match join(&address, code.get_untracked().trim(), name.get_untracked().trim(), &public_key).await {
                Ok(joined) => {
                    let (Ok(device), Ok(agency)) = (DeviceId::new(joined.device), AgencyId::new(joined.agency)) else {
                        error.set(Some("join.error.server"));
                        busy.set(false);
                        return;
                    };
                    Settings::save_credential(&Credential { device, token: joined.token });
                    // Still busy: the start module's screen stays until the full module replaces it.
                    on_joined.run(Setup::Joined { server: address, workspace: joined.workspace, agency });
                }
                Err(e) => {
                    error.set(Some(e.key()));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <label for="join-server">{move || ctx.t("start.join.server")}</label>
        <input id="join-server" type="url" prop:value=move || server.get()
            on:input=move |ev| server.set(event_target_value(&ev))/>
        <label for="join-code">{move || ctx.t("start.join.code")}</label>
        <input id="join-code" type="text" autocomplete="off" placeholder="XXXX-XXXX-XXXX-XXXX"
            prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
        <label for="join-name">{move || ctx.t("start.join.name")}</label>
        <input id="join-name" type="text" prop:value=move || name.get()
            on:input=move |ev| name.set(event_target_value(&ev))/>
        <button type="button" id="join-go" class="primary"
            disabled=move || busy.get() || code.get().trim().is_empty() on:click=go>
            {move || if busy.get() { ctx.t("start.join.busy") } else { ctx.t("start.join.go") }}
        </button>
        <Show when=move || error.get().is_some()>
            <p id="join-error" class="error" role="alert">{move || error.get().map(|k| ctx.t(k)).unwrap_or_default()}</p>
        </Show>
    }
}
