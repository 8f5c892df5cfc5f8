//! History, conflicts and the record as of a day, on reports documents that two laptops of one
//! agency edited without seeing each other.

use automerge::AutoCommit;
use tiendo_core::builtin::{tra_vinh_2020, tra_vinh_workspace};
use tiendo_core::changes::commit_at;
use tiendo_core::history::{
    concurrent_texts, conflicts, field_changes, history, report_changes, ArrivalBatch, ArrivalLog, AsOf, Authors,
    Basis, ConflictKind, Field, FieldValue, Of, Place, TaskPart, Via,
};
use tiendo_core::ids::{AgencyId, DeviceId, PeriodId, TaskId};
use tiendo_core::model::{Device, Submission, TaskStatus};
use tiendo_core::schema::genesis::{empty_reports, genesis, workspace_doc};
use tiendo_core::schema::{self, edit, ReportsDoc, WorkspaceDoc};
use tiendo_core::sync::Rights;
use tiendo_core::Day;

const YTE: &str = "so-y-te";

fn device(n: u8) -> DeviceId {
    DeviceId::new(tiendo_core::hex::encode(&[n; 16])).expect("device")
}

struct World {
    ws: WorkspaceDoc,
    doc: AutoCommit,
    period: PeriodId,
    task: TaskId,
}

/// Sở Y tế's reports (genesis), and a workspace where device 1 ("máy văn phòng") and device 2
/// ("máy ở nhà") are Sở Y tế's.
fn world() -> World {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let mut ws = workspace_doc(tra_vinh_workspace(), registry.clone(), &[&parsed.plan]);
    for (n, name) in [(1, "máy văn phòng"), (2, "máy ở nhà")] {
        let agency = AgencyId::new(YTE).expect("id");
        ws.devices.push(Device {
            id: device(n),
            agency,
            public_key: String::new(),
            name: name.into(),
            registered_at_ms: 0,
        });
    }
    let doc = genesis(&empty_reports(&parsed.plan, &registry, &AgencyId::new(YTE).expect("id"))).expect("genesis");
    let value: ReportsDoc = schema::read(&doc).expect("read");
    let p = value.reports.periods.iter().find(|p| !p.tasks.is_empty()).expect("a period with tasks");
    World { ws, period: p.period.clone(), task: p.tasks[0].task.clone(), doc }
}

/// The document as device `n` holds it.
fn laptop(doc: &AutoCommit, n: u8) -> AutoCommit {
    doc.clone().with_actor(Rights::actor_for(&device(n), [0, 0, 0, 1]))
}

/// 9 March 2026, `h:m` in Vietnam, Unix ms.
fn march_9(h: u32, m: u32) -> i64 {
    Day::from_ymd(2026, 3, 9).expect("day").at_vietnam(h, m)
}

fn set_status(w: &World, doc: &mut AutoCommit, status: TaskStatus, at_ms: i64) {
    edit::edit_task(doc, &w.period, &w.task, |t| t.status = Some(status)).expect("edit");
    commit_at(doc, at_ms).expect("a change");
}

fn status_field(w: &World) -> Field {
    Field { period: w.period.clone(), place: Place::Task { task: w.task.clone(), part: TaskPart::Status } }
}

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

/// Both laptops set a status offline, then meet.
fn concurrent_statuses(w: &World) -> AutoCommit {
    let (mut office, mut home) = (laptop(&w.doc, 1), laptop(&w.doc, 2));
    set_status(w, &mut office, TaskStatus::DoneOnTime, march_9(14, 5));
    set_status(w, &mut home, TaskStatus::InProgress, march_9(14, 6));
    office.merge(&mut home).expect("merge");
    office
}

#[test]
fn two_laptops_that_set_different_statuses_offline_see_one_conflict_naming_both_devices() {
    let w = world();
    let mut merged = concurrent_statuses(&w);
    let authors = Authors::of(&w.ws, None);
    let found = conflicts("reports.x", &mut merged, &authors);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].field, status_field(&w));
    let mut values: Vec<(FieldValue, Option<String>, Option<String>)> =
        found[0].values.iter().map(|v| (v.value.clone(), v.author.device_name.clone(), v.time.clone())).collect();
    values.sort_by_key(|v| v.2.clone());
    assert_eq!(
        values,
        vec![
            (text("done_on_time"), Some("máy văn phòng".into()), Some("2026-03-09T14:05:00+07:00".into())),
            (text("in_progress"), Some("máy ở nhà".into()), Some("2026-03-09T14:06:00+07:00".into())),
        ]
    );
    assert!(found[0].values.iter().all(|v| v.author.agency.as_ref().map(|a| a.as_str()) == Some(YTE)));
}

#[test]
fn choosing_one_value_clears_the_conflict_on_both_laptops_once_they_sync_and_history_keeps_all_three() {
    let w = world();
    let merged = concurrent_statuses(&w);
    let mut other = laptop(&merged, 2);
    let mut chooser = laptop(&merged, 1);
    set_status(&w, &mut chooser, TaskStatus::DoneOnTime, march_9(15, 0));
    assert_eq!(conflicts("d", &mut chooser, &Authors::default()), vec![]);
    assert_eq!(conflicts("d", &mut other, &Authors::default()).len(), 1, "not synced yet");
    other.merge(&mut chooser).expect("sync");
    assert_eq!(conflicts("d", &mut other, &Authors::default()), vec![]);

    let h = history(&mut other, &Authors::of(&w.ws, None), &ArrivalLog::default(), Of::Fields(&[status_field(&w)]));
    let seen: Vec<(Option<String>, FieldValue)> =
        h.iter().map(|e| (e.author.device_name.clone(), e.after.clone())).collect();
    assert_eq!(seen[0], (Some("máy văn phòng".into()), text("done_on_time")), "newest first: the choice");
    assert_eq!(h.len(), 3, "{h:?}");
    assert!(h
        .iter()
        .all(|e| e.before.is_empty() || e.before == text("done_on_time") || e.before == text("in_progress")));
}

#[test]
fn a_text_written_on_both_laptops_lists_each_sides_change_with_its_words() {
    let w = world();
    let (mut office, mut home) = (laptop(&w.doc, 1), laptop(&w.doc, 2));
    edit::edit_task(&mut office, &w.period, &w.task, |t| t.results = "Hoàn thành toàn bộ kế hoạch.".into())
        .expect("edit");
    commit_at(&mut office, march_9(9, 0));
    edit::edit_task(&mut home, &w.period, &w.task, |t| t.results = "Đã triển khai tại 5 huyện.".into()).expect("edit");
    commit_at(&mut home, march_9(9, 1));
    office.merge(&mut home).expect("merge");
    let results =
        Field { period: w.period.clone(), place: Place::Task { task: w.task.clone(), part: TaskPart::Results } };
    let changes = field_changes(&mut office, std::slice::from_ref(&results));
    let by_patches = report_changes(&mut office, |f| f == &results);
    assert_eq!(by_patches, changes, "reading each change's effect and reading its patches agree");
    assert_eq!(changes.len(), 2, "{changes:?}");
    let afters: Vec<&FieldValue> = changes.iter().map(|c| &c.after).collect();
    assert!(afters.contains(&&text("Hoàn thành toàn bộ kế hoạch.")), "{afters:?}");
    assert!(afters.contains(&&text("Đã triển khai tại 5 huyện.")), "{afters:?}");
    assert!(changes.iter().all(|c| c.before.is_empty()), "each side started from the empty text");
}

#[test]
fn restoring_an_earlier_value_is_a_new_change_at_the_top_of_the_history() {
    let w = world();
    let mut doc = laptop(&w.doc, 1);
    set_status(&w, &mut doc, TaskStatus::InProgress, march_9(8, 0));
    set_status(&w, &mut doc, TaskStatus::Overdue, march_9(9, 0));
    set_status(&w, &mut doc, TaskStatus::InProgress, march_9(10, 0));
    let h = history(&mut doc, &Authors::default(), &ArrivalLog::default(), Of::Fields(&[status_field(&w)]));
    let whole = history(&mut doc, &Authors::default(), &ArrivalLog::default(), Of::Period(&w.period));
    assert_eq!(whole, h, "nothing but the status changed");
    let steps: Vec<(FieldValue, FieldValue)> = h.iter().map(|e| (e.before.clone(), e.after.clone())).collect();
    assert_eq!(
        steps,
        vec![
            (text("overdue"), text("in_progress")),
            (text("in_progress"), text("overdue")),
            (FieldValue::Empty, text("in_progress")),
        ]
    );
}

fn status_as_of(
    w: &World,
    doc: &mut AutoCommit,
    day: Day,
    basis: Basis,
    arrivals: &ArrivalLog,
) -> (Option<TaskStatus>, AsOf) {
    let as_of = AsOf::of(doc, day, basis, arrivals);
    let then = as_of.fork(doc).expect("fork");
    let period = edit::read_period(&then, &w.period).expect("read").expect("period");
    (period.task(&w.task).and_then(|t| t.status), as_of)
}

#[test]
fn the_record_as_of_a_day_ends_at_midnight_in_vietnam_not_in_utc() {
    let w = world();
    let mut doc = laptop(&w.doc, 1);
    let d = Day::from_ymd(2026, 3, 9).expect("day");
    set_status(&w, &mut doc, TaskStatus::InProgress, march_9(23, 59));
    // 00:01 on the 10th in Vietnam is still the 9th in UTC (17:01).
    set_status(&w, &mut doc, TaskStatus::DoneLate, d.plus_days(1).at_vietnam(0, 1));
    let none = ArrivalLog::default();
    let (on_9th, as_of) = status_as_of(&w, &mut doc, d, Basis::DeviceTime, &none);
    assert_eq!(on_9th, Some(TaskStatus::InProgress));
    assert_eq!(as_of.later, 1);
    assert_eq!(status_as_of(&w, &mut doc, d.plus_days(1), Basis::DeviceTime, &none).0, Some(TaskStatus::DoneLate));
    assert_eq!(status_as_of(&w, &mut doc, d.plus_days(-1), Basis::DeviceTime, &none).0, None);
}

#[test]
fn by_arrival_a_change_whose_laptop_clock_was_set_back_counts_on_the_day_the_server_received_it() {
    let w = world();
    let mut doc = laptop(&w.doc, 1);
    let d = Day::from_ymd(2026, 3, 9).expect("day");
    // The laptop's clock says 1 March; the server received it on the 12th.
    set_status(&w, &mut doc, TaskStatus::DoneOnTime, Day::from_ymd(2026, 3, 1).expect("day").at_vietnam(9, 0));
    let heads = doc.get_heads();
    let via = Via::Sync { device: device(1), agency: AgencyId::new(YTE).expect("id") };
    let log = ArrivalLog::of([ArrivalBatch::new("d", d.plus_days(3).at_vietnam(8, 0), via, &heads)]);
    assert_eq!(status_as_of(&w, &mut doc, d, Basis::DeviceTime, &log).0, Some(TaskStatus::DoneOnTime));
    let (by_arrival, as_of) = status_as_of(&w, &mut doc, d, Basis::Arrival, &log);
    assert_eq!(by_arrival, None, "not at the server on the 9th");
    assert_eq!(as_of.without_arrival, 0);
    assert_eq!(status_as_of(&w, &mut doc, d.plus_days(3), Basis::Arrival, &log).0, Some(TaskStatus::DoneOnTime));
}

#[test]
fn the_history_names_the_person_who_submitted_from_the_device_and_how_the_change_arrived() {
    let w = world();
    let mut doc = laptop(&w.doc, 2);
    set_status(&w, &mut doc, TaskStatus::DoneOnTime, march_9(10, 0));
    let hash = doc.get_heads();
    edit::edit_period(&mut doc, &w.period, |p| {
        p.submissions.push(Submission {
            device: device(2),
            by: "Nguyễn Văn A".into(),
            at_ms: march_9(10, 5),
            heads: vec![],
        })
    })
    .expect("submit");
    commit_at(&mut doc, march_9(10, 5));
    let value: ReportsDoc = schema::read(&doc).expect("read");
    let via = Via::File { signer: device(2), sha256: "ab".repeat(32) };
    let log = ArrivalLog::of([ArrivalBatch::new("d", march_9(16, 0), via.clone(), &hash)]);
    let h = history(&mut doc, &Authors::of(&w.ws, Some(&value.reports)), &log, Of::Period(&w.period));
    let status = h.iter().find(|e| e.field == status_field(&w)).expect("status change");
    assert_eq!(status.author.person.as_deref(), Some("Nguyễn Văn A"));
    assert_eq!(status.via.as_ref().map(|v| &v.how), Some(&via));
    assert_eq!(status.via.as_ref().and_then(|v| v.at.clone()).as_deref(), Some("2026-03-09T16:00:00+07:00"));
    assert!(h.iter().any(|e| e.field.place == Place::Submission && e.after == text("Nguyễn Văn A")));
}

fn write_results(w: &World, doc: &mut AutoCommit, text: &str, at_ms: i64) {
    edit::edit_task(doc, &w.period, &w.task, |t| t.results = text.into()).expect("edit");
    commit_at(doc, at_ms).expect("a change");
}

#[test]
fn a_text_written_on_two_laptops_offline_shows_each_sides_version_next_to_the_glued_merge() {
    let w = world();
    let (mut office, mut home) = (laptop(&w.doc, 1), laptop(&w.doc, 2));
    write_results(&w, &mut office, "Hoàn thành toàn bộ kế hoạch.", march_9(9, 0));
    write_results(&w, &mut home, "Đã triển khai tại 5 huyện.", march_9(9, 1));
    office.merge(&mut home).expect("merge");
    let found = concurrent_texts(&mut office);
    assert_eq!(found.len(), 1, "{found:?}");
    let t = &found[0];
    assert_eq!(t.field.place, Place::Task { task: w.task.clone(), part: TaskPart::Results });
    let sides: Vec<&str> = t.sides.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(sides, ["Hoàn thành toàn bộ kế hoạch.", "Đã triển khai tại 5 huyện."]);
    assert!(t.merged.contains("Hoàn thành toàn bộ kế hoạch.") && t.merged.contains("Đã triển khai tại 5 huyện."));
    let listed = conflicts("d", &mut office, &Authors::of(&w.ws, None));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, ConflictKind::Text);
    assert_eq!(listed[0].merged.as_deref(), Some(t.merged.as_str()));
    assert_eq!(listed[0].values[1].author.device_name.as_deref(), Some("máy ở nhà"));
}

#[test]
fn a_text_edited_again_by_someone_who_saw_both_sides_is_no_longer_a_notice() {
    let w = world();
    let (mut office, mut home) = (laptop(&w.doc, 1), laptop(&w.doc, 2));
    write_results(&w, &mut office, "Hoàn thành toàn bộ kế hoạch.", march_9(9, 0));
    write_results(&w, &mut home, "Đã triển khai tại 5 huyện.", march_9(9, 1));
    office.merge(&mut home).expect("merge");
    let merged = concurrent_texts(&mut office)[0].merged.clone();
    // The deputy, having both, tidies the merged text: one sentence after the other.
    home.merge(&mut office).expect("sync");
    assert_eq!(concurrent_texts(&mut home).len(), 1, "seeing both is not yet answering them");
    let tidy = format!("{}. {}", "Hoàn thành toàn bộ kế hoạch", "Đã triển khai tại 5 huyện.");
    assert_ne!(tidy, merged);
    write_results(&w, &mut home, &tidy, march_9(10, 0));
    assert_eq!(concurrent_texts(&mut home), vec![]);
    office.merge(&mut home).expect("sync back");
    assert_eq!(concurrent_texts(&mut office), vec![], "the notice clears on the other laptop too");
}

#[test]
fn two_tabs_of_one_laptop_and_one_device_writing_alone_raise_no_notice() {
    let w = world();
    let mut tab1 = laptop(&w.doc, 1);
    let mut tab2 = w.doc.clone().with_actor(Rights::actor_for(&device(1), [0, 0, 0, 2]));
    write_results(&w, &mut tab1, "Một.", march_9(9, 0));
    write_results(&w, &mut tab2, "Hai.", march_9(9, 1));
    tab1.merge(&mut tab2).expect("merge");
    assert_eq!(concurrent_texts(&mut tab1), vec![]);
    let mut alone = laptop(&w.doc, 2);
    write_results(&w, &mut alone, "Ba.", march_9(9, 0));
    write_results(&w, &mut alone, "Ba. Bốn.", march_9(9, 5));
    assert_eq!(concurrent_texts(&mut alone), vec![]);
}

#[test]
fn choosing_the_value_that_was_shown_still_enters_the_history_as_the_settling_of_the_conflict() {
    let w = world();
    let merged = concurrent_statuses(&w);
    let shown =
        edit::read_period(&merged, &w.period).expect("read").expect("period").task(&w.task).and_then(|t| t.status);
    let mut chooser = laptop(&merged, 1);
    set_status(&w, &mut chooser, shown.expect("a status"), march_9(15, 0));
    assert_eq!(conflicts("d", &mut chooser, &Authors::default()), vec![]);
    let fields = [status_field(&w)];
    let one = history(&mut chooser, &Authors::default(), &ArrivalLog::default(), Of::Fields(&fields));
    let all = history(&mut chooser, &Authors::default(), &ArrivalLog::default(), Of::Period(&w.period));
    assert_eq!(one.len(), 3, "{one:?}");
    assert_eq!(all, one);
    assert_eq!(one[0].before, one[0].after, "the shown value was kept, and the other dropped");
}

#[test]
fn concurrent_changes_are_listed_newest_first_by_their_devices_clocks_whatever_their_actors() {
    let w = world();
    for (first, second) in [(1, 2), (2, 1)] {
        let (mut early, mut late) = (laptop(&w.doc, first), laptop(&w.doc, second));
        set_status(&w, &mut early, TaskStatus::InProgress, march_9(14, 5));
        set_status(&w, &mut late, TaskStatus::DoneOnTime, march_9(14, 6));
        early.merge(&mut late).expect("merge");
        let h = history(&mut early, &Authors::default(), &ArrivalLog::default(), Of::Fields(&[status_field(&w)]));
        let times: Vec<Option<String>> = h.iter().map(|e| e.time.clone()).collect();
        assert_eq!(times, [Some("2026-03-09T14:06:00+07:00".into()), Some("2026-03-09T14:05:00+07:00".into())]);
    }
}

#[test]
fn the_office_s_scan_of_many_documents_finds_each_conflict_and_scans_again_only_what_changed() {
    use tiendo_core::history::ConflictScan;
    use tiendo_core::storage::{run_ready, DocStore, MemoryStorage};
    let w = world();
    let store = DocStore::new(MemoryStorage::default());
    let (torn, calm) = ("reports.p.so-y-te".to_owned(), "reports.p.so-tai-chinh".to_owned());
    let mut stored = run_ready(store.create(&torn, concurrent_statuses(&w))).expect("stored");
    let mut quiet = laptop(&w.doc, 1);
    set_status(&w, &mut quiet, TaskStatus::InProgress, march_9(9, 0));
    run_ready(store.create(&calm, quiet)).expect("stored");
    let authors = Authors::of(&w.ws, None);
    let ids = [torn.clone(), calm.clone(), "reports.p.not-here".to_owned()];
    let mut scan = ConflictScan::default();
    let found = run_ready(scan.run(&store, &ids, &authors, None)).expect("scan");
    assert_eq!(found.iter().map(|c| c.doc.as_str()).collect::<Vec<_>>(), [torn.as_str()]);
    assert_eq!(scan.scanned, 2);
    // Nothing changed: nothing is loaded again, and the same is found.
    assert_eq!(run_ready(scan.run(&store, &ids, &authors, None)).expect("scan"), found);
    assert_eq!(scan.scanned, 0);
    // The app opened again: what was found is kept in storage, no document is loaded.
    let mut reopened = ConflictScan::default();
    assert_eq!(run_ready(reopened.run(&store, &ids, &authors, None)).expect("scan"), found);
    assert_eq!(reopened.scanned, 0);
    // The agency picks a value: that document alone is scanned again, and the conflict is gone.
    stored.doc.set_actor(Rights::actor_for(&device(1), [0, 0, 0, 2]));
    set_status(&w, &mut stored.doc, TaskStatus::DoneOnTime, march_9(15, 0));
    run_ready(store.save(&mut stored)).expect("saved");
    assert!(run_ready(scan.run(&store, &ids, &authors, None)).expect("scan").is_empty());
    assert_eq!(scan.scanned, 1);
}

#[test]
fn the_office_reads_a_report_as_it_stood_at_the_end_of_a_day_and_counts_what_came_later() {
    use tiendo_core::office::as_of::AsOfTally;
    let w = world();
    let mut doc = laptop(&w.doc, 1);
    set_status(&w, &mut doc, TaskStatus::InProgress, march_9(23, 59));
    set_status(&w, &mut doc, TaskStatus::DoneOnTime, march_9(23, 59) + 2 * 60_000);
    let mut tally = AsOfTally::new(Day::from_ymd(2026, 3, 9).expect("day"), Basis::DeviceTime);
    let then: ReportsDoc = tally.read(&mut doc, &ArrivalLog::default()).expect("read");
    let status = then.reports.period(&w.period).and_then(|p| p.task(&w.task)).and_then(|t| t.status);
    assert_eq!(status, Some(TaskStatus::InProgress), "00:01 on the 10th is the next day in Vietnam");
    assert_eq!((tally.later, tally.without_arrival), (1, 0));
    assert!(tally.counted >= 2, "the genesis and the first change count: {tally:?}");
}
