//! The top bar's items, for both modules: the full module's navigation marks the current one;
//! the start module's screen shows the same links (each a page load, which hands over).

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

impl NavItem {
    /// Its link's id (`nav-home`, `nav-plan`, …), the same in both modules.
    pub fn id(&self) -> String {
        format!("nav-{}", self.key.trim_start_matches("nav."))
    }
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
