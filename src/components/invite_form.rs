//! Entering a workspace with an invitation file from a USB stick and the code given by phone:
//! the engine checks it. An invitation picked on the start module's screen arrives here and is
//! entered at once, with its file shown as picked.

use crate::state::settings::Settings;
use crate::state::{boot, AppContext};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tiendo_start::components::invite_fields::{InviteFields, FILE_INPUT};
use tiendo_start::handover::PendingInvitation;

/// The invitation's fields, entered through the engine; the reason in the user's words if it is
/// refused.
#[component]
pub fn InviteForm() -> impl IntoView {
    let ctx = AppContext::expect();
    let file = RwSignal::new_local(None::<web_sys::File>);
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let go = Callback::new(move |()| {
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
    });
    // Picked on the start module's screen: shown as picked, and entered.
    if let Some(pending) = PendingInvitation::take() {
        file.set(Some(pending.file.clone()));
        code.set(pending.code.clone());
        Effect::new(move |_| {
            pending.show_in(FILE_INPUT);
            go.run(());
        });
    }
    view! { <InviteFields file code busy error on_go=go/> }
}
