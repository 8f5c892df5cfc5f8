//! The main navigation: one item per area of the app, and exactly one of them marked as the
//! current page (a task page belongs to the plan, an agency's report to Home, every office page
//! to the office's item). The office's own pages get a second row, [`OfficeTabs`].

use crate::state::AppContext;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// One item: where it goes, its words, and the paths that count as being in it.
#[derive(Debug, Clone, Copy)]
pub struct NavItem {
    /// Where it goes.
    pub href: &'static str,
    /// Its translation key.
    pub key: &'static str,
    /// Paths in this area: a path is in the area of its longest matching prefix.
    pub areas: &'static [&'static str],
    /// Shown to the provincial office only.
    pub office: bool,
}

/// The top bar's items, in order.
pub const MAIN: &[NavItem] = &[
    NavItem { href: "/", key: "nav.home", areas: &["/", "/report"], office: false },
    NavItem { href: "/plan", key: "nav.plan", areas: &["/plan", "/task"], office: false },
    NavItem { href: "/plan/import", key: "nav.import", areas: &["/plan/import"], office: false },
    NavItem { href: "/files", key: "nav.files", areas: &["/files"], office: false },
    NavItem { href: "/office", key: "nav.office", areas: &["/office"], office: true },
    NavItem { href: "/settings", key: "nav.settings", areas: &["/settings"], office: false },
];

/// The office's pages, under its item.
pub const OFFICE: &[NavItem] = &[
    NavItem {
        href: "/office",
        key: "nav.board",
        areas: &["/office", "/office/report", "/office/compile"],
        office: true,
    },
    NavItem { href: "/office/targets", key: "nav.targets", areas: &["/office/targets"], office: true },
    NavItem { href: "/office/league", key: "nav.league", areas: &["/office/league"], office: true },
    NavItem { href: "/office/agencies", key: "nav.agencies", areas: &["/office/agencies"], office: true },
];

/// Whether `path` lies under `area` ("/" only for itself).
fn within(path: &str, area: &str) -> bool {
    if area == "/" {
        return path == "/" || path.is_empty();
    }
    path == area || path.strip_prefix(area).is_some_and(|rest| rest.starts_with('/'))
}

/// The item `path` belongs to: the one with the longest matching area.
pub fn current(path: &str, items: &[NavItem]) -> Option<usize> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| item.areas.iter().filter(|a| within(path, a)).map(|a| (a.len(), i)).max())
        .max()
        .map(|(_, i)| i)
}

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
                    <a href=item.href id=format!("nav-{}", item.key.trim_start_matches("nav."))
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
