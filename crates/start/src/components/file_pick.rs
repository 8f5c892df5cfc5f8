//! A file field that speaks the page's language. A browser's own file input says "Choose File" /
//! "No file chosen" in the browser's language, whatever the page's: an English Windows showed a
//! Vietnamese page with English words in its one button. The input stays (visually hidden, still
//! focused by Tab and opened by Space or Enter, and what tests and assistive technology use); a
//! label drawn as a button opens it, and the chosen file's name is shown beside it.

use crate::i18n::UiLang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The field's label, the input, its button and the chosen file's name.
#[component]
pub fn FilePick(
    /// The input's id.
    id: &'static str,
    /// The file types offered (the input's `accept`).
    accept: &'static str,
    /// What the field is: a translation key.
    label: &'static str,
    /// Called with the input's `change` event on each choice.
    on_change: Callback<leptos::ev::Event>,
) -> impl IntoView {
    let lang = UiLang::expect();
    let chosen = RwSignal::new(None::<String>);
    let changed = move |ev: leptos::ev::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        chosen.set(input.and_then(|i| i.files()).and_then(|f| f.get(0)).map(|f| f.name()));
        on_change.run(ev);
    };
    view! {
        <label for=id>{move || lang.t(label)}</label>
        <span class="file-pick">
            <input id=id type="file" class="file-pick-input" accept=accept on:change=changed/>
            // Hidden from assistive technology: the input is named by the label above.
            <label for=id class="file-pick-button" aria-hidden="true">{move || lang.t("file.pick")}</label>
            <span class="file-pick-name">{move || chosen.get().unwrap_or_else(|| lang.t("file.none"))}</span>
        </span>
    }
}
