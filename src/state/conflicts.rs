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
    pub authors: ReadSignal<Authors>,
    /// Values to pick, and texts not yet marked as read here.
    pub open: Memo<Vec<ConflictEntry>>,
    /// The office's: every other agency's open conflicts (nothing elsewhere).
    pub others: ReadSignal<Vec<ConflictEntry>>,
}

impl Conflicts {
    /// Starts reading them and provides them to the app.
    pub fn provide(ctx: AppContext) -> Self {
        // Read from an effect, like the office's scan below: a resource was seen not to run
        // again on a page opened directly.
        let authors = RwSignal::new(Authors::default());
        Effect::new(move |_| {
            ctx.docs_changed.track();
            ctx.data.track();
            let Some(repo) = ctx.repo() else { return };
            leptos::task::spawn_local(async move {
                let ws: Option<WorkspaceDoc> = repo.store().read_cached(WORKSPACE_DOC).await.ok().flatten();
                let reports = ctx.reports.get_untracked();
                if let Some(ws) = ws {
                    authors.set(Authors::of(&ws, reports.as_ref()));
                }
            });
        });
        let authors = authors.read_only();
        // Kept from the last reading while edits are open.
        let last = StoredValue::new(Vec::new());
        let open = Memo::new(move |_| {
            ctx.reports.track();
            ctx.save.track();
            ctx.docs_changed.track();
            let names = authors.get();
            if let Some(repo) = ctx.repo().filter(|r| !r.has_open_edits()) {
                let found = repo.with_reports_doc(|doc| conflicts("", doc, &names));
                last.set_value(found.into_iter().filter(|c| c.kind == ConflictKind::Value || !seen(c)).collect());
            }
            last.get_value()
        });
        let others = RwSignal::new(Vec::new());
        let scan = StoredValue::new_local(Some(ConflictScan::default()));
        let again = StoredValue::new(false);
        // An effect, not a resource: it runs on every change whether or not a page reads it,
        // and one scan at a time (a change during a scan asks for one more after it).
        Effect::new(move |_| {
            ctx.docs_changed.track();
            ctx.data.track();
            if !office::is_office(&ctx) {
                return;
            }
            leptos::task::spawn_local(scan_others(ctx, scan, again, others));
        });
        let others = others.read_only();
        let me = Self { authors, open, others };
        provide_context(me);
        me
    }

    /// How many are open: mine, and for the office every agency's.
    pub fn count(&self) -> usize {
        self.open.with(Vec::len) + self.others.with(Vec::len)
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

/// Scans every other agency's reports for the office into `out`: the scan is taken out while it
/// runs (`None` meanwhile), and a request during it (`again`) runs once more after.
async fn scan_others(
    ctx: AppContext,
    scan: StoredValue<Option<ConflictScan>, LocalStorage>,
    again: StoredValue<bool>,
    out: RwSignal<Vec<ConflictEntry>>,
) {
    let Some(mut s) = scan.try_update_value(Option::take).flatten() else {
        again.set_value(true);
        return;
    };
    loop {
        again.set_value(false);
        let (Some(repo), Some(data)) = (ctx.repo(), ctx.plan()) else { break };
        let ws: Option<WorkspaceDoc> = repo.store().read_cached(WORKSPACE_DOC).await.ok().flatten();
        let names = ws.map(|ws| Authors::of(&ws, None)).unwrap_or_default();
        let mine = ctx.agency();
        let ids: Vec<String> = data
            .registry
            .agencies
            .iter()
            .filter(|a| Some(&a.id) != mine.as_ref())
            .map(|a| reports_doc_id(&data.plan.id, &a.id))
            .collect();
        // Background work: the page the person opened (the board after a province-year import,
        // with 151 documents to scan) is drawn first, and the scan goes on when the page is idle.
        super::files::idle().await;
        let started = super::boot::now_ms();
        let pause = || -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> { Box::pin(super::files::idle()) };
        let found = s.run(repo.store(), &ids, &names, Some(&pause)).await.unwrap_or_default();
        super::boot::record_time("conflict-scan", super::boot::now_ms() - started);
        super::boot::record_time("conflict-scan-docs", s.scanned as f64);
        out.set(found.into_iter().filter(|c| c.kind == ConflictKind::Value || !seen(c)).collect());
        if !again.get_value() {
            break;
        }
    }
    scan.set_value(Some(s));
}
