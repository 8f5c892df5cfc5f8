//! The Automerge schema: round trips, kind and version checks, and saved fixtures that catch drift.

use automerge::ReadDoc;
use std::path::PathBuf;
use tiendo_core::builtin::{tra_vinh_2020, tra_vinh_workspace};
use tiendo_core::ids::{AgencyId, DeviceId, PeriodId, TargetId, TaskId};
use tiendo_core::model::*;
use tiendo_core::schema::{self, DocError, PlanDoc, ReportsDoc, ReviewsDoc, WorkspaceDoc, SCHEMA_VERSION};
use tiendo_core::Day;

fn plan_doc() -> PlanDoc {
    let (_, parsed) = tra_vinh_2020().expect("built-in");
    PlanDoc { kind: "tiendo/plan".into(), schema_version: SCHEMA_VERSION, plan: parsed.plan }
}

fn workspace_doc() -> WorkspaceDoc {
    let (registry, _) = tra_vinh_2020().expect("built-in");
    WorkspaceDoc {
        kind: "tiendo/workspace".into(),
        schema_version: SCHEMA_VERSION,
        workspace: tra_vinh_workspace(),
        agencies: registry,
        devices: vec![Device {
            id: DeviceId::new("dev-1").expect("id"),
            agency: AgencyId::new("so-y-te").expect("id"),
            public_key: String::new(),
            name: "Máy phòng KH".into(),
            registered_at_ms: 1_580_000_000_000,
        }],
        documents: vec![DocEntry { id: "plan-1".into(), kind: DocKind::Plan, plan: None, agency: None }],
    }
}

pub fn reports_doc() -> ReportsDoc {
    let mut q1 = PeriodReport::new(PeriodId::new("2020-Q1").expect("id"));
    q1.tasks.push(TaskReport {
        task: TaskId::new("6.3").expect("id"),
        status: Some(TaskStatus::InProgress),
        percent: Some(40),
        results: "Đã tiêm chủng mở rộng cho 95% trẻ em.".into(),
        difficulties: "Thiếu nhân lực y tế cơ sở.".into(),
        proposals: String::new().into(),
    });
    q1.targets.push(TargetValue {
        target: TargetId::new("6.3/t1").expect("id"),
        value: Some(95.0),
        achieved: None,
        as_of: Day::from_ymd(2020, 3, 1),
        note: "Số liệu sơ bộ".into(),
        typed: None,
    });
    q1.general.results = "Hoàn thành kế hoạch quý I.".into();
    q1.submissions.push(Submission {
        device: DeviceId::new("dev-1").expect("id"),
        by: "Nguyễn Văn A".into(),
        at_ms: 1_583_800_000_000,
        heads: vec!["ab".repeat(32)],
    });
    ReportsDoc {
        kind: "tiendo/reports".into(),
        schema_version: SCHEMA_VERSION,
        reports: AgencyReports {
            agency: AgencyId::new("so-y-te").expect("id"),
            plan: "01-qd-ubnd-2020".parse().expect("id"),
            periods: vec![q1],
        },
    }
}

fn reviews_doc() -> ReviewsDoc {
    ReviewsDoc {
        kind: "tiendo/reviews".into(),
        schema_version: SCHEMA_VERSION,
        plan: "01-qd-ubnd-2020".parse().expect("id"),
        marks: vec![ReviewMark {
            id: "so-y-te/2020-Q1/1583800000000".into(),
            agency: AgencyId::new("so-y-te").expect("id"),
            period: PeriodId::new("2020-Q1").expect("id"),
            submission_at_ms: 1_583_800_000_000,
            outcome: ReviewOutcome::Returned,
            comment: "Đề nghị bổ sung số liệu chỉ tiêu.".into(),
            by: "VP UBND".into(),
            at_ms: 1_583_900_000_000,
        }],
        province_reports: Vec::new(),
    }
}

#[test]
fn every_document_kind_round_trips_through_saved_bytes() {
    let plan = plan_doc();
    let bytes = schema::create(&plan).expect("create").save();
    let (_, back) = schema::load::<PlanDoc>(&bytes).expect("load");
    assert_eq!(back, plan);
    let ws = workspace_doc();
    assert_eq!(schema::load::<WorkspaceDoc>(&schema::create(&ws).expect("create").save()).expect("load").1, ws);
    let rep = reports_doc();
    assert_eq!(schema::load::<ReportsDoc>(&schema::create(&rep).expect("create").save()).expect("load").1, rep);
    let rev = reviews_doc();
    assert_eq!(schema::load::<ReviewsDoc>(&schema::create(&rev).expect("create").save()).expect("load").1, rev);
}

#[test]
fn long_texts_are_stored_as_automerge_text() {
    let doc = schema::create(&reports_doc()).expect("create");
    let (_, reports) = doc.get(automerge::ROOT, "reports").expect("get").expect("present");
    let (_, periods) = doc.get(&reports, "periods").expect("get").expect("present");
    let (_, q1) = doc.get(&periods, 0).expect("get").expect("present");
    let (_, general) = doc.get(&q1, "general").expect("get").expect("present");
    let (value, _) = doc.get(&general, "results").expect("get").expect("present");
    assert_eq!(value, automerge::Value::Object(automerge::ObjType::Text));
}

#[test]
fn a_document_of_another_kind_is_refused_by_name() {
    let bytes = schema::create(&reports_doc()).expect("create").save();
    match schema::load::<PlanDoc>(&bytes) {
        Err(DocError::WrongKind { found, expected }) => {
            assert_eq!(found, "tiendo/reports");
            assert_eq!(expected, "tiendo/plan");
        }
        other => panic!("expected WrongKind, got {other:?}"),
    }
}

#[test]
fn empty_truncated_and_foreign_bytes_are_refused_without_panic() {
    assert!(matches!(schema::load::<PlanDoc>(&[]), Err(DocError::NoKind { .. })));
    let bytes = schema::create(&reports_doc()).expect("create").save();
    for cut in [1, 10, bytes.len() / 2, bytes.len() - 1] {
        assert!(schema::load::<ReportsDoc>(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut foreign = automerge::AutoCommit::new();
    automerge::transaction::Transactable::put(&mut foreign, automerge::ROOT, "title", "not ours").expect("put");
    assert!(matches!(schema::load::<ReportsDoc>(&foreign.save()), Err(DocError::NoKind { .. })));
}

#[test]
fn a_document_from_a_newer_schema_is_refused_with_both_versions() {
    let mut rep = reports_doc();
    rep.schema_version = SCHEMA_VERSION + 1;
    let bytes = schema::create(&rep).expect("create").save();
    match schema::load::<ReportsDoc>(&bytes) {
        Err(DocError::NewerSchema { found, supported }) => {
            assert_eq!(found, u64::from(SCHEMA_VERSION + 1));
            assert_eq!(supported, SCHEMA_VERSION);
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// Saved documents written by schema version 1. If this fails after a schema change, the change
/// broke documents already on users' laptops: add fields with `missing = …` instead (docs/schema.md).
/// `TIENDO_BLESS=1` rewrites the fixtures, only for a deliberate, documented version change.
#[test]
fn saved_fixtures_of_schema_version_1_still_load_to_the_same_values() {
    let dir = fixtures();
    let cases: Vec<(&str, serde_json::Value, Vec<u8>)> = vec![
        (
            "workspace",
            serde_json::to_value(workspace_doc()).expect("json"),
            schema::create(&workspace_doc()).expect("c").save(),
        ),
        ("plan", serde_json::to_value(plan_doc()).expect("json"), schema::create(&plan_doc()).expect("c").save()),
        (
            "reports",
            serde_json::to_value(reports_doc()).expect("json"),
            schema::create(&reports_doc()).expect("c").save(),
        ),
        (
            "reviews",
            serde_json::to_value(reviews_doc()).expect("json"),
            schema::create(&reviews_doc()).expect("c").save(),
        ),
    ];
    if std::env::var("TIENDO_BLESS").is_ok() {
        std::fs::create_dir_all(&dir).expect("mkdir");
        for (name, json, bytes) in &cases {
            std::fs::write(dir.join(format!("{name}.v1.automerge")), bytes).expect("write");
            std::fs::write(dir.join(format!("{name}.v1.json")), serde_json::to_string_pretty(json).expect("json"))
                .expect("write");
        }
    }
    for (name, _, _) in &cases {
        let bytes = std::fs::read(dir.join(format!("{name}.v1.automerge"))).expect("fixture present");
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.v1.json"))).expect("fixture present"),
        )
        .expect("json");
        let loaded = match *name {
            "workspace" => serde_json::to_value(schema::load::<WorkspaceDoc>(&bytes).expect("loads").1),
            "plan" => serde_json::to_value(schema::load::<PlanDoc>(&bytes).expect("loads").1),
            "reports" => serde_json::to_value(schema::load::<ReportsDoc>(&bytes).expect("loads").1),
            _ => serde_json::to_value(schema::load::<ReviewsDoc>(&bytes).expect("loads").1),
        }
        .expect("json");
        assert_eq!(loaded, json, "fixture {name} drifted");
    }
}
