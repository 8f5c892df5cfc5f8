//! A report's history and conflicts in words, shared by the report editor's "Lịch sử" and the
//! office's review page: a field's name, a value, who made a change, when, what it took out and
//! put in, and how it reached this laptop.

use super::labels::{status_key, status_of};
use crate::state::AppContext;
use tiendo_core::history::{
    ArrivalEntry, Author, Authors, FieldValue, GeneralPart, HistoryEntry, Place, TargetPart, TaskPart,
};

/// The translation key of a task's part.
pub fn part_key(part: TaskPart) -> &'static str {
    match part {
        TaskPart::Status => "report.status",
        TaskPart::Percent => "report.percent",
        TaskPart::Results => "report.results",
        TaskPart::Difficulties => "report.difficulties",
        TaskPart::Proposals => "report.proposals",
    }
}

/// A field's name: "Nhiệm vụ 6.3 — Tình trạng", "Chỉ tiêu 2 — Số liệu", "Kết quả đạt được (phần chung)".
pub fn field_name(ctx: AppContext, place: &Place) -> String {
    match place {
        Place::Task { task, part } => {
            ctx.t_with("history.field.task", &[("task", task.to_string()), ("part", ctx.t(part_key(*part)))])
        }
        Place::Target { target, part } => {
            let key = match part {
                TargetPart::Value | TargetPart::Typed => "history.target.value",
                TargetPart::Achieved => "history.target.achieved",
                TargetPart::AsOf => "report.target.as_of",
                TargetPart::Note => "history.target.note",
            };
            ctx.t_with("history.field.target", &[("target", target.to_string()), ("part", ctx.t(key))])
        }
        Place::General { part } => ctx.t(match part {
            GeneralPart::Results => "report.general-results",
            GeneralPart::Shortcomings => "report.general-shortcomings",
            GeneralPart::NextTasks => "report.general-next",
            GeneralPart::Proposals => "report.general-proposals",
        }),
        Place::Submission => ctx.t("history.field.submission"),
    }
}

/// Whether a field holds one value (a status, a percent, a figure) rather than a text.
pub fn is_scalar(place: &Place) -> bool {
    match place {
        Place::Task { part, .. } => part.is_scalar(),
        Place::Target { part, .. } => !matches!(part, TargetPart::Note),
        Place::General { .. } => false,
        Place::Submission => true,
    }
}

/// A value in words.
pub fn shown(ctx: AppContext, v: &FieldValue) -> String {
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
pub fn text_diff(before: &str, after: &str) -> (String, String) {
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

/// What a change did to a field, before it is put in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// The value shown did not change: the change settled values written at the same time on
    /// two laptops by keeping one ("X → X" would say nothing).
    Settled,
    /// A status, number or yes/no went from one value to another.
    Scalar,
    /// A text gained these words.
    Added(String),
    /// A text lost these words.
    Removed(String),
    /// A text had these words replaced by those.
    Replaced(String, String),
}

/// What a change did, from the values before and after (`scalar`: not a text).
pub fn change_kind(before: &FieldValue, after: &FieldValue, scalar: bool) -> ChangeKind {
    if before.same_as(after) {
        return ChangeKind::Settled;
    }
    if scalar {
        return ChangeKind::Scalar;
    }
    let text = |v: &FieldValue| if let FieldValue::Text(t) = v { t.clone() } else { String::new() };
    let (out, put) = text_diff(&text(before), &text(after));
    match (out.is_empty(), put.is_empty()) {
        (true, _) => ChangeKind::Added(put),
        (false, true) => ChangeKind::Removed(out),
        (false, false) => ChangeKind::Replaced(out, put),
    }
}

/// What a change did to its field: "Đang thực hiện → Hoàn thành", or the words a text lost and gained.
pub fn change_words(ctx: AppContext, e: &HistoryEntry) -> String {
    match change_kind(&e.before, &e.after, is_scalar(&e.field.place)) {
        ChangeKind::Settled => {
            ctx.t_with("history.settled", &[("value", tiendo_core::text::shorten(&shown(ctx, &e.after), 80))])
        }
        ChangeKind::Scalar => format!("{} → {}", shown(ctx, &e.before), shown(ctx, &e.after)),
        ChangeKind::Added(put) => ctx.t_with("history.added", &[("text", put)]),
        ChangeKind::Removed(out) => ctx.t_with("history.removed", &[("text", out)]),
        ChangeKind::Replaced(out, put) => ctx.t_with("history.replaced", &[("old", out), ("new", put)]),
    }
}

/// Who: the person and the laptop, else the agency, else "máy không rõ".
pub fn who(ctx: AppContext, a: &Author) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(a.person.clone());
    parts.extend(a.device_name.clone());
    if parts.is_empty() {
        let agency = a.agency.as_ref().zip(ctx.plan()).map(|(id, d)| d.agency_name(id));
        parts.push(agency.unwrap_or_else(|| ctx.t("history.unknown_device")));
    }
    parts.join(" · ")
}

/// A time as Vietnam's `dd/mm/yyyy hh:mm` (empty when unknown).
pub fn when(t: Option<&str>) -> String {
    t.and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_default()
}

/// How a change reached this laptop: "nhận qua máy chủ lúc …", "nhận từ tệp của … (SHA-256 …) lúc …".
pub fn via_words(ctx: AppContext, authors: &Authors, via: &ArrivalEntry) -> Option<String> {
    use tiendo_core::history::Via;
    let at = when(via.at.as_deref());
    match &via.how {
        Via::Server => Some(ctx.t_with("history.via.server", &[("at", at)])),
        Via::File { signer, sha256 } => {
            let by = who(ctx, &authors.of_device(signer));
            let short: String = sha256.chars().take(12).collect();
            Some(ctx.t_with("history.via.file", &[("by", by), ("sha", short), ("at", at)]))
        }
        Via::Sync { device, .. } => {
            Some(ctx.t_with("history.via.sync", &[("by", who(ctx, &authors.of_device(device))), ("at", at)]))
        }
        Via::Here => None,
    }
}
