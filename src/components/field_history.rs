//! A task's "Lịch sử" in the report editor: every change to its fields in this period, newest
//! first, with who made it (person, laptop, agency) and when by that laptop's clock, the value
//! before and after (a text as what was taken out and put in), and "Khôi phục" to write an
//! earlier value again as a new change. Above it, a field holding several values written on
//! different laptops without seeing each other is marked, and the user picks one.

use super::labels::{status_key, status_of};
use crate::state::conflicts::Conflicts;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::history::{history, ArrivalLog, ConflictEntry, ConflictKind, Field, FieldValue, Of, Place, TaskPart};
use tiendo_core::ids::{PeriodId, TaskId};
use tiendo_core::model::TaskReport;
use tiendo_core::LongText;

fn part_key(part: TaskPart) -> &'static str {
    match part {
        TaskPart::Status => "report.status",
        TaskPart::Percent => "report.percent",
        TaskPart::Results => "report.results",
        TaskPart::Difficulties => "report.difficulties",
        TaskPart::Proposals => "report.proposals",
    }
}

/// A value in words.
fn shown(ctx: AppContext, v: &FieldValue) -> String {
    match v {
        FieldValue::Empty => ctx.t("history.empty"),
        FieldValue::Text(t) if t.is_empty() => ctx.t("history.empty"),
        FieldValue::Text(t) => status_of(t).map_or_else(|| t.clone(), |s| ctx.t(status_key(s))),
        FieldValue::Number(n) => crate::i18n::number(*n),
        FieldValue::Bool(b) => ctx.t(if *b { "history.yes" } else { "history.no" }),
    }
}

/// What a text change took out and put in: the whole words between what both versions share
/// at their start and end ("500" → "800", not "5" → "8").
fn text_diff(before: &str, after: &str) -> (String, String) {
    let (b, a): (Vec<char>, Vec<char>) = (before.chars().collect(), after.chars().collect());
    let mut start = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let mut end = b[start..].iter().rev().zip(a[start..].iter().rev()).take_while(|(x, y)| x == y).count();
    // The shared parts are the same in both: widen to the words the change falls in.
    while start > 0 && !b[start - 1].is_whitespace() {
        start -= 1;
    }
    while end > 0 && !b[b.len() - end].is_whitespace() {
        end -= 1;
    }
    (b[start..b.len() - end].iter().collect(), a[start..a.len() - end].iter().collect())
}

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

/// "sửa đồng thời trên 2 máy": each laptop's version next to the merged text, until marked read.
fn text_notice(ctx: AppContext, part: TaskPart, c: ConflictEntry) -> impl IntoView {
    let read = c.clone();
    let mark_read = move |_| Conflicts::mark_read(ctx, &read);
    let n = c.values.len();
    view! {
        <div class="conflict text" role="alert" data-conflict-text=part.key()>
            <strong>{ctx.t_with("conflict.text", &[("field", ctx.t(part_key(part))), ("n", n.to_string())])}</strong>
            <ul>{c.values.into_iter().map(|v| {
                let text = if let FieldValue::Text(t) = &v.value { t.clone() } else { String::new() };
                let by = v.author.person.clone().or(v.author.device_name.clone()).unwrap_or_else(|| ctx.t("history.unknown_device"));
                view! { <li><span class="who">{by}</span>": "<q>{text}</q></li> }
            }).collect_view()}</ul>
            <p>{ctx.t("conflict.merged")}" "<q class="merged">{c.merged.unwrap_or_default()}</q></p>
            <button type="button" class="seen" on:click=mark_read>{ctx.t("conflict.seen")}</button>
        </div>
    }
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
    // This task's history, read when the list is open and no edit is (reading the document's
    // changes would close the open one with time 0); kept from the last reading meanwhile.
    let last = StoredValue::new(Vec::new());
    let entries = {
        let fields = fields.clone();
        Memo::new(move |_| {
            ctx.reports.track();
            ctx.save.track();
            if !open.get() {
                return Vec::new();
            }
            let names = shared.authors.get().unwrap_or_default();
            if let Some(repo) = ctx.repo().filter(|r| !r.has_open_edits()) {
                last.set_value(
                    repo.with_reports_doc(|doc| history(doc, &names, &ArrivalLog::default(), Of::Fields(&fields))),
                );
            }
            last.get_value()
        })
    };
    let who = move |a: &tiendo_core::history::Author| {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(a.person.clone());
        parts.extend(a.device_name.clone());
        if parts.is_empty() {
            let agency = a.agency.as_ref().zip(ctx.plan()).map(|(id, d)| d.agency_name(id));
            parts.push(agency.unwrap_or_else(|| ctx.t("history.unknown_device")));
        }
        parts.join(" · ")
    };
    let when = |t: &Option<String>| {
        t.as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
            .unwrap_or_default()
    };
    let (pick_period, pick_task) = (period.clone(), task.clone());
    let pick = move |part: TaskPart, value: FieldValue| {
        ctx.edit_task(&pick_period, &pick_task, |r| write(r, part, &value));
    };
    let marks = move || {
        let found: Vec<ConflictEntry> =
            shared.open.with(|all| all.iter().filter(|c| fields.contains(&c.field)).cloned().collect());
        let pick = pick.clone();
        Some(found.into_iter().map(move |c| {
            let Place::Task { part, .. } = c.field.place else { return ().into_any() };
            if c.kind == ConflictKind::Text {
                return text_notice(ctx, part, c).into_any();
            }
            let pick = pick.clone();
            let n = c.values.len();
            view! {
                <div class="conflict" role="alert" data-conflict=part.key()>
                    <strong>{ctx.t_with("conflict.value", &[("field", ctx.t(part_key(part))), ("n", n.to_string())])}</strong>
                    <ul>{c.values.into_iter().map(|v| {
                        let pick = pick.clone();
                        let value = v.value.clone();
                        view! {
                            <li>
                                <span class="value">{shown(ctx, &v.value)}</span>" — "{who(&v.author)}" "{when(&v.time)}" "
                                <button type="button" class="pick" on:click=move |_| pick(part, value.clone())>
                                    {ctx.t("conflict.pick")}
                                </button>
                            </li>
                        }
                    }).collect_view()}</ul>
                </div>
            }.into_any()
        }).collect_view())
    };
    let (rp, rt) = (period.clone(), task.clone());
    let restore = move |part: TaskPart, value: FieldValue| ctx.edit_task(&rp, &rt, |r| write(r, part, &value));
    let list = move || {
        if !open.get() {
            return None;
        }
        let entries = entries.get();
        let restore = restore.clone();
        Some(view! {
            <ol class="history" data-history=task.to_string()>
                {entries.is_empty().then(|| view! { <li class="muted">{ctx.t("history.none")}</li> })}
                {entries.into_iter().map(|e| {
                    let Place::Task { part, .. } = e.field.place else { return ().into_any() };
                    let restore = restore.clone();
                    let back = e.after.clone();
                    let change = if part.is_scalar() {
                        format!("{} → {}", shown(ctx, &e.before), shown(ctx, &e.after))
                    } else {
                        let text = |v: &FieldValue| if let FieldValue::Text(t) = v { t.clone() } else { String::new() };
                        let (out, put) = text_diff(&text(&e.before), &text(&e.after));
                        match (out.is_empty(), put.is_empty()) {
                            (true, _) => ctx.t_with("history.added", &[("text", put)]),
                            (false, true) => ctx.t_with("history.removed", &[("text", out)]),
                            (false, false) => ctx.t_with("history.replaced", &[("old", out), ("new", put)]),
                        }
                    };
                    view! {
                        <li data-history-part=part.key()>
                            <span class="when">{when(&e.time)}</span>" · "<span class="who">{who(&e.author)}</span>" · "
                            <strong>{ctx.t(part_key(part))}</strong>": "<span class="change">{change}</span>" "
                            <button type="button" class="restore" on:click=move |_| restore(part, back.clone())>
                                {ctx.t("history.restore")}
                            </button>
                        </li>
                    }.into_any()
                }).collect_view()}
            </ol>
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
