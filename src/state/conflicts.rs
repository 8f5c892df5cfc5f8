//! My reports' open conflicts, read in one place for the whole app (the top bar's count, the
//! conflict list and each task's marks), the office's over every agency's reports, and the
//! names of who made changes. My own are read only while no edit is open: reading the
//! document's changes would close the open one with time 0.

use super::{office, AppContext};
use leptos::prelude::*;
use tiendo_core::history::{Authors, ConflictEntry, ConflictKind};

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
    pub open: ReadSignal<Vec<ConflictEntry>>,
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
            let Some(engine) = ctx.engine().filter(|_| ctx.plan().is_some()) else { return };
            leptos::task::spawn_local(async move {
                if let Some(found) = engine.authors().await {
                    authors.set(found);
                }
            });
        });
        let authors = authors.read_only();
        // Kept from the last reading while edits are open (the engine answers nothing then).
        let open = RwSignal::new(Vec::new());
        Effect::new(move |_| {
            ctx.reports.track();
            ctx.save.track();
            ctx.docs_changed.track();
            let (names, Some(engine)) = (authors.get(), ctx.engine()) else { return };
            leptos::task::spawn_local(async move {
                if let Some(found) = engine.my_conflicts(names).await {
                    open.set(found.into_iter().filter(|c| c.kind == ConflictKind::Value || !seen(c)).collect());
                }
            });
        });
        let open = open.read_only();
        let others = RwSignal::new(Vec::new());
        let again = StoredValue::new(false);
        // An effect, not a resource: it runs on every change whether or not a page reads it,
        // and one scan at a time (a change during a scan asks for one more after it).
        Effect::new(move |_| {
            ctx.docs_changed.track();
            ctx.data.track();
            if !office::is_office(&ctx) {
                return;
            }
            leptos::task::spawn_local(scan_others(ctx, again, others));
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

/// Has the engine scan every other agency's reports for the office into `out`; a request while
/// a scan runs (`again`) runs once more after it.
async fn scan_others(ctx: AppContext, again: StoredValue<bool>, out: RwSignal<Vec<ConflictEntry>>) {
    let Some(engine) = ctx.engine() else { return };
    loop {
        again.set_value(false);
        let Some(scanned) = engine.scan_others().await else {
            again.set_value(true);
            return;
        };
        super::boot::record_time("conflict-scan", scanned.ms);
        super::boot::record_time("conflict-scan-docs", scanned.documents as f64);
        out.set(scanned.found.into_iter().filter(|c| c.kind == ConflictKind::Value || !seen(c)).collect());
        if !again.get_value() {
            break;
        }
    }
}
