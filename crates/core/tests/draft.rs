//! Drafts: typed values kept between closing Automerge changes, replayed by the next tab.

use automerge::AutoCommit;
use tiendo_core::model::{Submission, TaskStatus};
use tiendo_core::schema::genesis::{self, empty_reports, reports_doc_id};
use tiendo_core::schema::{self, edit, ReportsDoc};
use tiendo_core::storage::{draft_key, drafts_of, run_ready, Draft, DraftEdit, MemoryStorage, Storage, StorageKey};
use tiendo_core::LongText;

fn reports() -> (AutoCommit, ReportsDoc) {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let doc = genesis::genesis(&empty_reports(&parsed.plan, &registry, &"so-y-te".parse().expect("id"))).expect("doc");
    let value: ReportsDoc = schema::read(&doc).expect("read");
    (doc, value)
}

fn typed(value: &ReportsDoc, text: &str) -> Draft {
    let p = &value.reports.periods[1];
    let mut task = p.tasks[0].clone();
    task.results = LongText::from(text);
    task.status = Some(TaskStatus::InProgress);
    let mut general = p.general.clone();
    general.proposals = LongText::from("Đề nghị bổ sung kinh phí.");
    let mut draft = Draft::default();
    draft.note(DraftEdit::Task { period: p.period.clone(), task: p.tasks[0].task.clone(), value: task.clone() });
    draft.note(DraftEdit::General { period: p.period.clone(), value: general });
    // Typing goes on: the later value of the same part replaces the earlier one.
    task.results = LongText::from(format!("{text} Xong.").as_str());
    draft.note(DraftEdit::Task { period: p.period.clone(), task: p.tasks[0].task.clone(), value: task });
    draft
}

#[test]
fn a_draft_replayed_into_the_document_gives_the_typed_values_as_one_change() {
    let (mut doc, value) = reports();
    let draft = typed(&value, "Tiêm chủng đạt 95%.");
    assert_eq!(draft.edits().len(), 2, "one entry per part, the latest value");
    let stored = Draft::from_bytes(&draft.to_bytes()).expect("reads back");
    let before = doc.get_changes(&[]).len();
    stored.replay(&mut doc).expect("replay");
    doc.commit();
    assert_eq!(doc.get_changes(&[]).len(), before + 1, "one change for the whole draft");
    let after: ReportsDoc = schema::read(&doc).expect("read");
    let p = &after.reports.periods[1];
    assert_eq!(p.tasks[0].results.as_str(), "Tiêm chủng đạt 95%. Xong.");
    assert_eq!(p.tasks[0].status, Some(TaskStatus::InProgress));
    assert_eq!(p.general.proposals.as_str(), "Đề nghị bổ sung kinh phí.");
}

#[test]
fn replaying_a_draft_the_document_already_holds_makes_no_change() {
    let (mut doc, value) = reports();
    let draft = typed(&value, "Tiêm chủng đạt 95%.");
    draft.replay(&mut doc).expect("replay");
    doc.commit();
    let heads = doc.get_heads();
    // The tab died after writing its change but before removing its draft.
    draft.replay(&mut doc).expect("again");
    assert_eq!(doc.commit(), None, "nothing to commit");
    assert_eq!(doc.get_heads(), heads);
}

#[test]
fn a_draft_replayed_beside_a_concurrent_edit_keeps_the_other_parts() {
    let (mut doc, value) = reports();
    let mut other = doc.fork();
    let p = &value.reports.periods[1];
    edit::edit_task(&mut other, &p.period, &p.tasks[1].task, |t| t.results = LongText::from("Tab khác."))
        .expect("edit");
    other.commit();
    doc.merge(&mut other).expect("merge");
    typed(&value, "Của tôi.").replay(&mut doc).expect("replay");
    doc.commit();
    let after: ReportsDoc = schema::read(&doc).expect("read");
    assert_eq!(after.reports.periods[1].tasks[1].results.as_str(), "Tab khác.");
    assert_eq!(after.reports.periods[1].tasks[0].results.as_str(), "Của tôi. Xong.");
}

#[test]
fn an_unreadable_draft_is_an_error_not_a_panic() {
    for bytes in [&b""[..], b"{", b"\xff\xfe", br#"{"saved_ms":1,"edits":[{"Task":{}}]}"#] {
        assert!(Draft::from_bytes(bytes).is_err(), "{bytes:?}");
    }
}

#[test]
fn drafts_lie_outside_their_documents_key_range() {
    let (doc, value) = reports();
    let id = reports_doc_id(&value.reports.plan, &value.reports.agency);
    let storage = MemoryStorage::default();
    let key = draft_key(&id, "0a0b").expect("key");
    run_ready(storage.put(&key, &typed(&value, "x").to_bytes())).expect("put");
    run_ready(storage.put(&StorageKey::new([id.as_str(), "snapshot", "00"]).expect("k"), &doc.clone().save()))
        .expect("put");
    let doc_range = run_ready(storage.load_range(&StorageKey::new([id.as_str()]).expect("k"))).expect("range");
    assert_eq!(doc_range.len(), 1, "a document's chunks never include a draft");
    let drafts = run_ready(storage.load_range(&drafts_of(&id).expect("k"))).expect("range");
    assert_eq!(drafts.into_iter().map(|(k, _)| k).collect::<Vec<_>>(), vec![key]);
}

fn sent(at_ms: i64) -> Submission {
    Submission { device: "ab12".parse().expect("device"), by: "Nguyễn Văn A".into(), at_ms, heads: Vec::new() }
}

#[test]
fn a_submission_in_a_draft_is_replayed_once_with_the_heads_of_what_was_typed_before_it() {
    let (mut doc, value) = reports();
    let period = value.reports.periods[1].period.clone();
    let mut draft = typed(&value, "Đã xong.");
    draft.note(DraftEdit::Submit { period: period.clone(), submission: sent(1_600_000_000_000) });
    let stored = Draft::from_bytes(&draft.to_bytes()).expect("reads back");
    stored.replay(&mut doc).expect("replay");
    doc.commit();
    let after: ReportsDoc = schema::read(&doc).expect("read");
    let p = after.reports.periods.iter().find(|p| p.period == period).expect("period");
    assert_eq!(p.submissions.len(), 1);
    let heads = &p.submissions[0].heads;
    assert!(!heads.is_empty(), "heads are recorded at replay");
    // The heads name the change that holds the typed text: the text is part of what was sent.
    let hashes: Vec<automerge::ChangeHash> = heads.iter().map(|h| h.parse().expect("hash")).collect();
    let at_send: ReportsDoc = schema::read(&doc.fork_at(&hashes).expect("fork at heads")).expect("read at heads");
    let q = at_send.reports.periods.iter().find(|p| p.period == period).expect("period");
    assert_eq!(q.tasks[0].results.as_str(), "Đã xong. Xong.");
    // A second tab's replay of the same stash does not send it twice.
    stored.replay(&mut doc).expect("again");
    doc.commit();
    let again: ReportsDoc = schema::read(&doc).expect("read");
    let p = again.reports.periods.iter().find(|p| p.period == period).expect("period");
    assert_eq!(p.submissions.len(), 1, "the same submission is not recorded twice");
}

#[test]
fn a_value_typed_after_a_submission_is_noted_after_it_so_the_submission_keeps_what_was_sent() {
    let (_, value) = reports();
    let p = &value.reports.periods[1];
    let mut draft = typed(&value, "Trước khi gửi.");
    draft.note(DraftEdit::Submit { period: p.period.clone(), submission: sent(1_600_000_000_000) });
    let mut later = p.tasks[0].clone();
    later.results = LongText::from("Sửa sau khi gửi.");
    draft.note(DraftEdit::Task { period: p.period.clone(), task: p.tasks[0].task.clone(), value: later });
    let kinds: Vec<&str> = draft
        .edits()
        .iter()
        .map(|e| match e {
            DraftEdit::Task { .. } => "task",
            DraftEdit::Target { .. } => "target",
            DraftEdit::General { .. } => "general",
            DraftEdit::Submit { .. } => "submit",
        })
        .collect();
    assert_eq!(kinds, ["task", "general", "submit", "task"]);
    let DraftEdit::Task { value, .. } = &draft.edits()[0] else { panic!("task first") };
    assert_eq!(value.results.as_str(), "Trước khi gửi. Xong.", "the value sent is kept as it was");
}
