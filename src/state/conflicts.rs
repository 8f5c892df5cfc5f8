//! My reports' open conflicts, read in one place for the whole app (the top bar's count, the
//! conflict list and each task's marks), and the names of who made changes. Read only while no
//! edit is open: reading the document's changes would close the open one with time 0.

use super::AppContext;
use leptos::prelude::*;
use tiendo_core::history::{conflicts, Authors, ConflictEntry, ConflictKind};
use tiendo_core::schema::genesis::WORKSPACE_DOC;
use tiendo_core::schema::WorkspaceDoc;

/// Texts marked as read on this laptop, by [`seen_key`].
const SEEN: &str = "tiendo.seen_texts";

/// A concurrent text's identity: its field and the changes of its sides.
fn seen_key(c: &ConflictEntry) -> String {
    let mut changes: Vec<&str> = c.values.iter().filter_map(|v| v.change.as_deref()).collect();
    changes.sort_unstable();
    format!("{:?}|{}", c.field, changes.join(","))
}

fn seen(c: &ConflictEntry) -> bool {
    use gloo_storage::Storage as _;
    let all: Vec<String> = gloo_storage::LocalStorage::get(SEEN).unwrap_or_default();
    all.contains(&seen_key(c))
}

/// The open conflicts and the authors, shared through the context.
#[derive(Clone, Copy)]
pub struct Conflicts {
    /// Who made changes: the workspace's devices, read again only when documents change.
    pub authors: LocalResource<Authors>,
    /// Values to pick, and texts not yet marked as read here.
    pub open: Memo<Vec<ConflictEntry>>,
}

impl Conflicts {
    /// Starts reading them and provides them to the app.
    pub fn provide(ctx: AppContext) -> Self {
        let authors = LocalResource::new(move || {
            ctx.docs_changed.track();
            ctx.data.track();
            async move {
                let Some(repo) = ctx.repo() else { return Authors::default() };
                let ws: Option<WorkspaceDoc> = repo.store().read_cached(WORKSPACE_DOC).await.ok().flatten();
                let reports = ctx.reports.get_untracked();
                ws.map(|ws| Authors::of(&ws, reports.as_ref())).unwrap_or_default()
            }
        });
        // Kept from the last reading while edits are open.
        let last = StoredValue::new(Vec::new());
        let open = Memo::new(move |_| {
            ctx.reports.track();
            ctx.save.track();
            ctx.docs_changed.track();
            let names = authors.get().unwrap_or_default();
            if let Some(repo) = ctx.repo().filter(|r| !r.has_open_edits()) {
                let found = repo.with_reports_doc(|doc| conflicts("", doc, &names));
                last.set_value(found.into_iter().filter(|c| c.kind == ConflictKind::Value || !seen(c)).collect());
            }
            last.get_value()
        });
        let me = Self { authors, open };
        provide_context(me);
        me
    }

    /// The conflicts, as provided.
    pub fn expect() -> Self {
        expect_context()
    }

    /// Marks a text written on several laptops as read on this one.
    pub fn mark_read(ctx: AppContext, c: &ConflictEntry) {
        use gloo_storage::Storage as _;
        let mut all: Vec<String> = gloo_storage::LocalStorage::get(SEEN).unwrap_or_default();
        all.push(seen_key(c));
        let _ = gloo_storage::LocalStorage::set(SEEN, all);
        ctx.docs_changed.update(|n| *n += 1);
    }
}
