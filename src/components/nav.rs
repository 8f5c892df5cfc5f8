//! The main navigation: one item per area of the app, and exactly one of them marked as the
//! current page (a task page belongs to the plan, an agency's report to Home, every office page
//! to the office's item). The office's own pages get a second row, [`OfficeTabs`].

use crate::state::AppContext;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

pub use tiendo_start::nav::{current, NavItem, MAIN, OFFICE};

/// A row of links with exactly one marked `aria-current="page"`.
#[component]
fn NavLinks(
    /// The items.
    items: &'static [NavItem],
) -> impl IntoView {
    let ctx = AppContext::expect();
    let location = use_location();
    let here = Memo::new(move |_| current(&location.pathname.get(), items));
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let shown = move || !item.office || crate::state::office::is_office(&ctx);
            view! {
                <Show when=shown>
                    <a href=item.href id=item.id()
                        aria-current=move || (here.get() == Some(i)).then_some("page")>
                        {move || ctx.t(item.key)}
                    </a>
                </Show>
            }
        })
        .collect_view()
}

/// The top bar's navigation.
#[component]
pub fn MainNav() -> impl IntoView {
    let ctx = AppContext::expect();
    view! {
        <nav class="main-nav no-print" aria-label=move || ctx.t("nav.label")>
            <NavLinks items=MAIN/>
        </nav>
    }
}

/// The office's pages, as tabs above each of them.
#[component]
pub fn OfficeTabs() -> impl IntoView {
    let ctx = AppContext::expect();
    view! {
        <nav class="sub-nav no-print" aria-label=move || ctx.t("nav.office")>
            <NavLinks items=OFFICE/>
        </nav>
    }
}
