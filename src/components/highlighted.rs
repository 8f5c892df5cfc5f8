//! A text with the words of a search phrase marked.

use leptos::prelude::*;
use tiendo_core::words::{marked, WordQuery};

/// `text`, with each word matched by `phrase` in a `<mark>` (plain text when nothing matches).
#[component]
pub fn Highlighted(
    /// The text shown.
    text: String,
    /// The search phrase as typed.
    phrase: Signal<String>,
) -> impl IntoView {
    move || {
        let hits = WordQuery::new(&phrase.get()).find(&text);
        marked(&text, &hits)
            .into_iter()
            .map(|(piece, hit)| {
                let piece = piece.to_owned();
                if hit {
                    view! { <mark>{piece}</mark> }.into_any()
                } else {
                    piece.into_any()
                }
            })
            .collect_view()
    }
}
