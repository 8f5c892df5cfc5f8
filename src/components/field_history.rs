//! A task's "Lịch sử" in the report editor: every change to its fields in this period, newest
//! first, with who made it (person, laptop, agency), when by that laptop's clock and how it
//! reached this laptop, the value before and after (a text as what was taken out and put in),
//! and "Khôi phục" to write an earlier value again as a new change. Above it, a field holding
//! several values written on different laptops without seeing each other is marked, and the
//! user picks one. The office's review page shows the same lists without the buttons.

use super::history_words::{change_words, field_name, shown, via_words, when, who};
use super::labels::status_of;
use crate::state::boot;
use crate::state::conflicts::Conflicts;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::history::{
    ArrivalLog, Authors, ConflictEntry, ConflictKind, Field, FieldValue, HistoryEntry, Place, TaskPart,
};
use tiendo_core::ids::{PeriodId, TaskId};
use tiendo_core::model::TaskReport;
use tiendo_core::LongText;

/// Writes `value` into `part` of a task's report.
fn write(report: &mut TaskReport, part: TaskPart, value: &FieldValue) {
    let text = match value {
        FieldValue::Text(t) => t.clone(),
        _ => String::new(),
    };
    match part {
        TaskPart::Status => report.status = status_of(&text),
        TaskPart::Percent => report.percent = if let FieldValue::Number(n) = value { Some(*n as u8) } else { None },
        TaskPart::Results => report.results = LongText::from(text.as_str()),
        TaskPart::Difficulties => report.difficulties = LongText::from(text.as_str()),
        TaskPart::Proposals => report.proposals = LongText::from(text.as_str()),
    }
}

/// "sửa đồng thời trên 2 máy": each laptop's version next to the merged text, until marked read
/// (`mark_read`; the office, who cannot change it, only reads).
pub fn text_notice(ctx: AppContext, c: ConflictEntry, mark_read: bool) -> impl IntoView {
    let read = c.clone();
    let n = c.values.len();
    view! {
        <div class="conflict text" role="alert" data-conflict-text=conflict_key(&c.field.place)>
            <strong>{ctx.t_with("conflict.text", &[("field", field_name(ctx, &c.field.place)), ("n", n.to_string())])}</strong>
            <ul>{c.values.into_iter().map(|v| {
                let text = if let FieldValue::Text(t) = &v.value { t.clone() } else { String::new() };
                view! { <li><span class="who">{who(ctx, &v.author)}</span>": "<q>{text}</q></li> }
            }).collect_view()}</ul>
            <p>{ctx.t("conflict.merged")}" "<q class="merged">{c.merged.unwrap_or_default()}</q></p>
            {mark_read.then(|| view! {
                <button type="button" class="seen" on:click=move |_| Conflicts::mark_read(ctx, &read)>{ctx.t("conflict.seen")}</button>
            })}
        </div>
    }
}

/// The key a conflict's mark is found by in the page: a task's part, else the field's kind.
fn conflict_key(place: &Place) -> String {
    match place {
        Place::Task { part, .. } => part.key().to_owned(),
        Place::Target { target, part } => format!("target-{target}-{part}"),
        Place::General { part } => format!("general-{part}"),
        Place::Submission => "submission".into(),
    }
}

/// A field holding several values: each with who and when, and "Chọn giá trị này" when `pick`.
pub fn value_mark(ctx: AppContext, c: ConflictEntry, pick: Option<Callback<(Place, FieldValue)>>) -> impl IntoView {
    let n = c.values.len();
    let place = c.field.place.clone();
    view! {
        <div class="conflict" role="alert" data-conflict=conflict_key(&place)>
            <strong>{ctx.t_with("conflict.value", &[("field", field_name(ctx, &place)), ("n", n.to_string())])}</strong>
            <ul>{c.values.into_iter().map(|v| {
                let (value, place) = (v.value.clone(), place.clone());
                view! {
                    <li>
                        <span class="value">{shown(ctx, &v.value)}</span>" — "{who(ctx, &v.author)}" "{when(v.time.as_deref())}" "
                        {pick.map(|pick| view! {
                            <button type="button" class="pick" on:click=move |_| pick.run((place.clone(), value.clone()))>
                                {ctx.t("conflict.pick")}
                            </button>
                        })}
                    </li>
                }
            }).collect_view()}</ul>
        </div>
    }
}

/// A history's entries, newest first; "Khôi phục giá trị này" on each when `restore`.
pub fn history_items(
    ctx: AppContext,
    entries: Vec<HistoryEntry>,
    authors: &Authors,
    restore: Option<Callback<(Place, FieldValue)>>,
) -> impl IntoView {
    let none = entries.is_empty().then(|| view! { <li class="muted">{ctx.t("history.none")}</li> });
    let items = entries
        .into_iter()
        .map(|e| {
            let via = e.via.as_ref().and_then(|v| via_words(ctx, authors, v));
            let (place, back) = (e.field.place.clone(), e.after.clone());
            let part = if let Place::Task { part, .. } = &place { part.key().to_owned() } else { conflict_key(&place) };
            view! {
                <li data-history-part=part>
                    <span class="when">{when(e.time.as_deref())}</span>" · "<span class="who">{who(ctx, &e.author)}</span>" · "
                    <strong>{field_name(ctx, &place)}</strong>": "<span class="change">{change_words(ctx, &e)}</span>" "
                    {via.map(|v| view! { <small class="via">"("{v}")"</small>" " })}
                    {restore.map(|restore| view! {
                        <button type="button" class="restore" on:click=move |_| restore.run((place.clone(), back.clone()))>
                            {ctx.t("history.restore")}
                        </button>
                    })}
                </li>
            }
        })
        .collect_view();
    view! { {none} {items} }
}

/// "Lịch sử" and the conflict marks of one task in one period.
#[component]
pub fn FieldHistory(
    /// The period.
    period: PeriodId,
    /// The task.
    task: TaskId,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let open = RwSignal::new(false);
    let fields: Vec<Field> = TaskPart::ALL
        .iter()
        .map(|p| Field { period: period.clone(), place: Place::Task { task: task.clone(), part: *p } })
        .collect();
    let shared = Conflicts::expect();
    // How my reports' changes reached this laptop, read again when documents change.
    let arrivals = LocalResource::new(move || {
        ctx.docs_changed.track();
        async move {
            let Some(engine) = ctx.engine() else { return ArrivalLog::default() };
            engine.arrival_log().await
        }
    });
    // This task's history, read when the list is open and no edit is (reading the document's
    // changes would close the open one with time 0); kept from the last reading meanwhile.
    let read = RwSignal::new(Vec::new());
    {
        let fields = fields.clone();
        Effect::new(move |_| {
            ctx.reports.track();
            ctx.save.track();
            if !open.get() {
                return;
            }
            let (names, log, fields) = (shared.authors.get(), arrivals.get().unwrap_or_default(), fields.clone());
            let Some(engine) = ctx.engine() else { return };
            leptos::task::spawn_local(async move {
                let started = boot::now_ms();
                if let Some(found) = engine.history_of(fields, names, log).await {
                    read.set(found);
                    boot::record_time("history", boot::now_ms() - started);
                }
            });
        });
    }
    let entries = Memo::new(move |_| if open.get() { read.get() } else { Vec::new() });
    let (wp, wt) = (period.clone(), task.clone());
    let write_back = Callback::new(move |(place, value): (Place, FieldValue)| {
        if let Place::Task { part, .. } = place {
            ctx.edit_task(&wp, &wt, |r| write(r, part, &value));
        }
    });
    let marks = move || {
        let found: Vec<ConflictEntry> =
            shared.open.with(|all| all.iter().filter(|c| fields.contains(&c.field)).cloned().collect());
        found
            .into_iter()
            .map(|c| match c.kind {
                ConflictKind::Text => text_notice(ctx, c, true).into_any(),
                ConflictKind::Value => value_mark(ctx, c, Some(write_back)).into_any(),
            })
            .collect_view()
    };
    let list = move || {
        open.get().then(|| {
            let names = shared.authors.get();
            view! {
                <ol class="history" data-history=task.to_string()>{history_items(ctx, entries.get(), &names, Some(write_back))}</ol>
            }
        })
    };
    view! {
        <div class="field-history no-print">
            {marks}
            <button type="button" class="link history-toggle" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || ctx.t(if open.get() { "history.hide" } else { "history.show" })}
            </button>
            {list}
        </div>
    }
}
