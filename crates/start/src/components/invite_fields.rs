//! An invitation's fields: the file from a USB stick, the code given by phone, the button, and
//! the reason in the user's words if it was refused. Entering needs the engine: the full
//! module's form enters it, the start module's screen hands it over to that form.

use crate::components::file_pick::FilePick;
use crate::i18n::UiLang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The file input's id (the full module shows a handed-over file in it).
pub const FILE_INPUT: &str = "join-file";

/// The fields; `on_go` is called with a file picked.
#[component]
pub fn InviteFields(
    /// The file picked.
    file: RwSignal<Option<web_sys::File>, LocalStorage>,
    /// The code typed.
    code: RwSignal<String>,
    /// Whether the invitation is being entered.
    busy: RwSignal<bool>,
    /// Why it was refused: a translation key.
    error: RwSignal<Option<String>>,
    /// Enter it.
    on_go: Callback<()>,
) -> impl IntoView {
    let ctx = UiLang::expect();
    let on_file = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        file.set(input.and_then(|i| i.files()).and_then(|f| f.get(0)));
        error.set(None);
    };
    view! {
        <h3>{move || ctx.t("start.invite.title")}</h3>
        <p class="hint">{move || ctx.t("start.invite.text")}</p>
        <FilePick id=FILE_INPUT accept=".tiendo-invite" label="start.invite.file" on_change=Callback::new(on_file)/>
        <label for="invite-code">{move || ctx.t("start.invite.code")}</label>
        <input id="invite-code" type="text" autocomplete="off" placeholder="XXXX-XXXX-XXXX-XXXX"
            prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
        <button type="button" id="invite-go" disabled=move || busy.get() || file.with(Option::is_none)
            on:click=move |_| on_go.run(())>
            {move || ctx.t(if busy.get() { "start.invite.busy" } else { "start.invite.go" })}
        </button>
        {move || error.get().map(|k| view! { <p class="error" role="alert" id="invite-error">{ctx.t(&k)}</p> })}
    }
}
