//! Entering a workspace with an invitation file from a USB stick and the code given by phone.

use crate::state::settings::Settings;
use crate::state::{boot, AppContext};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

/// The invitation file, its code and the button; the reason in Vietnamese if it is refused.
#[component]
pub fn InviteForm() -> impl IntoView {
    let ctx = AppContext::expect();
    let file = RwSignal::new_local(None::<web_sys::File>);
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let on_file = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        file.set(input.and_then(|i| i.files()).and_then(|f| f.get(0)));
        error.set(None);
    };
    let go = move |_| {
        let Some(f) = file.get_untracked() else { return };
        let typed = code.get_untracked();
        let navigate = navigate.clone();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let bytes = match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                Ok(b) => js_sys::Uint8Array::new(&b).to_vec(),
                Err(_) => {
                    busy.set(false);
                    return error.set(Some("invite.error.damaged".into()));
                }
            };
            let Some(engine) = ctx.engine() else { return };
            match engine.enter_invitation(bytes, typed).await {
                Ok(entered) => {
                    Settings::save_invited_device(&entered.device, &entered.key);
                    boot::choose(ctx, entered.setup);
                    navigate("/", Default::default());
                }
                Err(r) => {
                    leptos::logging::warn!("invitation refused: {}", r.detail);
                    error.set(Some(r.key));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <h3>{move || ctx.t("start.invite.title")}</h3>
        <p class="hint">{move || ctx.t("start.invite.text")}</p>
        <label for="join-file">{move || ctx.t("start.invite.file")}</label>
        <input id="join-file" type="file" accept=".tiendo-invite" on:change=on_file/>
        <label for="invite-code">{move || ctx.t("start.invite.code")}</label>
        <input id="invite-code" type="text" autocomplete="off" placeholder="XXXX-XXXX-XXXX-XXXX"
            prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
        <button type="button" id="invite-go" disabled=move || busy.get() || file.with(Option::is_none) on:click=go>
            {move || ctx.t(if busy.get() { "start.invite.busy" } else { "start.invite.go" })}
        </button>
        {move || error.get().map(|k| view! { <p class="error" role="alert" id="invite-error">{ctx.t(&k)}</p> })}
    }
}
