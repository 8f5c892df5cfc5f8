//! My reports' open conflicts, read in one place for the whole app (the top bar's count, the
//! conflict list and each task's marks), the office's over every agency's reports, and the
//! names of who made changes. My own are read only while no edit is open: reading the
//! document's changes would close the open one with time 0.

use super::{office, AppContext};
use leptos::prelude::*;
use tiendo_core::history::{conflicts, Authors, ConflictEntry, ConflictKind, ConflictScan};
use tiendo_core::schema::genesis::{reports_doc_id, WORKSPACE_DOC};
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
    /// The office's: every other agency's open conflicts (nothing elsewhere).
    pub others: LocalResource<Vec<ConflictEntry>>,
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
        let scan = StoredValue::new_local(ConflictScan::default());
        let others = LocalResource::new(move || {
            ctx.docs_changed.track();
            ctx.data.track();
            async move {
                let (Some(repo), Some(data)) = (ctx.repo(), ctx.plan()) else { return Vec::new() };
                if !office::is_office(&ctx) {
                    return Vec::new();
                }
                let names = authors.await;
                let mine = ctx.agency();
                let ids: Vec<String> = data
                    .registry
                    .agencies
                    .iter()
                    .filter(|a| Some(&a.id) != mine.as_ref())
                    .map(|a| reports_doc_id(&data.plan.id, &a.id))
                    .collect();
                // Taken out for the scan's await, and put back with what it learnt.
                let mut s = scan.try_update_value(std::mem::take).unwrap_or_default();
                let found = s.run(repo.store(), &ids, &names).await.unwrap_or_default();
                scan.set_value(s);
                found.into_iter().filter(|c| c.kind == ConflictKind::Value || !seen(c)).collect()
            }
        });
        let me = Self { authors, open, others };
        provide_context(me);
        me
    }

    /// How many are open: mine, and for the office every agency's.
    pub fn count(&self) -> usize {
        self.open.with(Vec::len) + self.others.get().map_or(0, |o| o.len())
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
