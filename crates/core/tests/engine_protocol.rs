//! The page and the engine talk in commands, replies and notices that travel as data (between
//! a page and a worker, as JSON): each kind reads back as it was written, including the values
//! with maps keyed by change hashes and device ids, secrets and errors.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;
use tiendo_core::engine::{
    Command, EngineError, EngineEvent, FileChecked, FromEngine, NotChecked, OfficeAsk, OfficeEdit, OfficeFile,
    OpenRequest, PlanData, Reply, SaveState, Setup, SyncStatus, ToEngine, ViewDay,
};
use tiendo_core::file::DeviceKey;
use tiendo_core::history::{ArrivalBatch, ArrivalLog, Authors, Basis, Via};
use tiendo_core::office::Snapshot;
use tiendo_core::schema::genesis::{empty_reports, workspace_doc};
use tiendo_core::storage::DraftEdit;

/// Writes `value` as JSON, reads it back and writes it again: the two writings are the same.
fn round_trip<T: Serialize + DeserializeOwned>(value: &T) -> T {
    let first = serde_json::to_string(value).expect("written");
    let back: T = serde_json::from_str(&first).expect("read back");
    assert_eq!(serde_json::to_string(&back).expect("written again"), first);
    back
}

#[test]
fn an_edit_of_a_task_travels_as_the_tasks_new_value() {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let agency = "so-y-te".parse().expect("id");
    let reports = empty_reports(&parsed.plan, &registry, &agency).reports;
    let period = reports.periods[0].period.clone();
    let mut value = reports.periods[0].tasks[0].clone();
    value.results = "Tiêm chủng đạt 95%".into();
    let command =
        ToEngine { id: 7, command: Command::Edit(DraftEdit::Task { period, task: value.task.clone(), value }) };
    let back = round_trip(&command);
    assert_eq!(back.id, 7);
    let Command::Edit(DraftEdit::Task { value, .. }) = back.command else { panic!("not an edit") };
    assert_eq!(value.results.to_string(), "Tiêm chủng đạt 95%");
}

#[test]
fn opening_a_joined_workspace_carries_the_setup_the_device_and_its_credential() {
    let device: tiendo_core::ids::DeviceId = "0f".repeat(16).parse().expect("id");
    let request = OpenRequest {
        setup: Setup::Joined {
            server: "http://127.0.0.1:8080".into(),
            workspace: "tra-vinh".into(),
            agency: "so-y-te".parse().expect("id"),
        },
        device: device.clone(),
        credential: Some(tiendo_core::sync::Credential { device, token: "t".into() }),
        chosen_plan: Some("plan.01-qd-ubnd-2020".into()),
        stashed: vec![tiendo_core::engine::Stash {
            key: "tiendo.draft.reports.x.0a".into(),
            doc: "reports.x".into(),
            tab: "0a".into(),
            draft: b"{}".to_vec(),
        }],
        tab: Some([1, 2, 3, 4]),
    };
    let Command::Open(back) = round_trip(&Command::Open(request.clone())) else { panic!("not an open") };
    assert_eq!(back, request);
}

#[test]
fn a_device_key_travels_as_its_secret_and_signs_the_same() {
    let key = DeviceKey::from_secret([5; 32]);
    let Command::ExportFile { key: back, now_ms } = round_trip(&Command::ExportFile { key: key.clone(), now_ms: 9 })
    else {
        panic!("not an export")
    };
    assert_eq!((back.public_hex(), now_ms), (key.public_hex(), 9));
    assert!(serde_json::from_str::<DeviceKey>("\"abc\"").is_err(), "a key that is not one does not read");
}

#[test]
fn the_office_views_and_what_the_history_needs_read_back_whole() {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let ws = workspace_doc(tiendo_core::builtin::tra_vinh_workspace(), registry.clone(), &[&parsed.plan]);
    let reports = registry.agencies.iter().map(|a| empty_reports(&parsed.plan, &registry, &a.id).reports).collect();
    let snapshot = Snapshot {
        workspace: ws.workspace.clone(),
        registry,
        plan: parsed.plan,
        reports,
        marks: Vec::new(),
        province_reports: Vec::new(),
        unreadable: vec![("so-y-te".parse().expect("id"), "damaged".into())],
    };
    let day: tiendo_core::Day = "2020-08-05".parse().expect("day");
    let arrivals = tiendo_core::office::Arrivals::from([("so-y-te/2020-Q1/1".to_owned(), 1_580_000_000_000)]);
    let on = ViewDay { day, basis: Basis::DeviceTime, today: day };
    let Command::OfficeView { arrivals: sent, .. } =
        round_trip(&Command::OfficeView { day: on, arrivals: arrivals.clone(), ask: OfficeAsk::Board })
    else {
        panic!("not a view")
    };
    assert_eq!(sent, arrivals);
    let view = snapshot.view(&OfficeAsk::Board, &arrivals, day, day).expect("board");
    let Reply::OfficeView(back) = round_trip(&Reply::OfficeView(Box::new(Ok((view.clone(), None))))) else { panic!() };
    assert_eq!((*back).expect("a view").0, view);
    let file = snapshot.file(&OfficeFile::Xlsx, &arrivals, day, day, 0).expect("workbook");
    let Reply::OfficeFile(back) = round_trip(&Reply::OfficeFile(Ok(file.clone()))) else { panic!() };
    assert_eq!(back.expect("a file"), file);
    // Maps keyed by change hashes and by devices.
    let hash = automerge::ChangeHash([3; 32]);
    let log = ArrivalLog::of([ArrivalBatch::new("reports.x", 1_000, Via::Server, &[hash])]);
    let Reply::ArrivalLog(back) = round_trip(&Reply::ArrivalLog(log.clone())) else { panic!() };
    assert_eq!(back, log);
    round_trip(&Reply::Authors(Some(Authors::of(&ws, None))));
}

#[test]
fn refusals_and_failures_read_back_as_the_same_error() {
    let Reply::Checked(Err(back)) =
        round_trip(&Reply::Checked(Err(NotChecked { key: "file.error.signer".into(), local: None })))
    else {
        panic!()
    };
    assert_eq!(back.key, "file.error.signer");
    let failed = SaveState::Failed(EngineError::Storage("QuotaExceededError".into()));
    let FromEngine::Event(EngineEvent::Save(back)) = round_trip(&FromEngine::Event(EngineEvent::Save(failed.clone())))
    else {
        panic!()
    };
    assert_eq!(back, failed);
    let Reply::Checked(Ok(FileChecked::Receipt(docs))) =
        round_trip(&Reply::Checked(Ok(FileChecked::Receipt(vec![("reports.x".into(), true)]))))
    else {
        panic!()
    };
    assert_eq!(docs, vec![("reports.x".to_owned(), true)]);
}

#[test]
fn the_plan_and_the_sync_state_reach_the_page_as_sent() {
    let data = PlanData::builtin().expect("plan");
    let FromEngine::Event(EngineEvent::Plan(back)) = round_trip(&FromEngine::Event(EngineEvent::Plan(Arc::new(data))))
    else {
        panic!()
    };
    assert_eq!(back.plan.decision.number, "01/QĐ-UBND");
    let mut status = SyncStatus::default();
    status.docs.entry("reports.x".into()).or_default().refused = Some("not yours".into());
    let FromEngine::Event(EngineEvent::Sync(back)) = round_trip(&FromEngine::Event(EngineEvent::Sync(status.clone())))
    else {
        panic!()
    };
    assert_eq!(back, status);
    round_trip(&Command::OfficeEdit(OfficeEdit::Groups(tiendo_core::model::GroupChange::Add {
        name: "các xã biên giới".into(),
        aliases: vec!["xã biên giới".into()],
    })));
}

#[test]
fn a_plan_text_travels_with_its_registry_and_comes_back_parsed_against_it() {
    let (registry, _) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let text = tiendo_core::builtin::TRA_VINH_2020_TEXT.to_owned();
    let back = round_trip(&Command::ParsePlan { text: text.clone(), registry: registry.clone() });
    let Command::ParsePlan { text: t, registry: r } = back else { panic!("not a parse") };
    assert_eq!((t, &r), (text.clone(), &registry));
    let parsed = tiendo_core::parse::parse_plan(&text, &r);
    let Reply::Parsed(back) = round_trip(&Reply::Parsed(Box::new(parsed))) else { panic!("not parsed") };
    let back = back.expect("a plan");
    assert_eq!(back.plan.sections.len(), 10);
    assert!(back.proposed_agencies.is_empty(), "every agency of the text is in the registry");
    let Reply::Builtin(Ok(data)) = round_trip(&Reply::Builtin(PlanData::builtin().map(Arc::new))) else {
        panic!("no built-in plan")
    };
    assert_eq!(data.registry, registry);
}
