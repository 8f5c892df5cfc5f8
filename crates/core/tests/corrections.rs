//! Corrections made in the import preview without editing the text: kept apart from it and
//! applied after every reading, so reading the text again keeps them.

use tiendo_core::builtin::tra_vinh_registry;
use tiendo_core::ids::{AgencyId, TargetId, TaskId};
use tiendo_core::model::TargetKind;
use tiendo_core::parse::{parse_plan, CorrectionError, Corrections, ParsedPlan, TaskCorrection};

fn vinh_long() -> String {
    std::fs::read_to_string(format!("{}/tests/plans/vinh_long_2026.txt", env!("CARGO_MANIFEST_DIR"))).expect("plan")
}

fn parse(text: &str) -> ParsedPlan {
    parse_plan(text, &tra_vinh_registry().expect("registry")).expect("a plan")
}

fn task(id: &str) -> TaskId {
    TaskId::new(id).expect("id")
}

fn agency(id: &str) -> AgencyId {
    AgencyId::new(id).expect("id")
}

#[test]
fn a_tasks_agencies_and_deadline_are_corrected_and_kept_when_the_text_is_read_again() {
    let mut c = Corrections::default();
    c.tasks.insert(
        task("1.2"),
        TaskCorrection {
            lead: Some(vec![agency("so-noi-vu")]),
            coordinating: Some(vec![agency("so-tu-phap"), agency("vp-ubnd")]),
            deadline: Some("Quý III/2026".into()),
        },
    );
    let text = vinh_long();
    let (plan, errors) = c.apply(&parse(&text));
    assert!(errors.is_empty(), "{errors:?}");
    let t = plan.plan.task(&task("1.2")).expect("task");
    assert_eq!(t.coordinating, [agency("so-tu-phap"), agency("vp-ubnd")]);
    let deadline = t.deadline.clone().expect("deadline");
    assert_eq!(
        (deadline.written.as_str(), deadline.due.map(|d| d.to_string())),
        ("Quý III/2026", Some("2026-09-30".into()))
    );
    // The text is corrected elsewhere and read again: the corrections still hold.
    let amended = text.replace("bảo đảm 100% xã, phường vận hành ổn định", "bảo đảm 100% xã, phường hoạt động ổn định");
    let (again, errors) = c.apply(&parse(&amended));
    assert!(errors.is_empty(), "{errors:?}");
    let t = again.plan.task(&task("1.2")).expect("task");
    assert!(t.text.as_str().contains("hoạt động ổn định"));
    assert_eq!(t.coordinating, [agency("so-tu-phap"), agency("vp-ubnd")]);
    // Nothing corrected: the reading is what the text says.
    let (same, _) = Corrections::default().apply(&parse(&text));
    assert_eq!(same.plan, parse(&text).plan);
}

#[test]
fn a_target_is_corrected_from_words_as_a_plan_writes_them_and_words_that_say_nothing_are_refused() {
    let mut c = Corrections::default();
    let id = TargetId::new("2.1/t1").expect("id");
    c.targets.insert(id.clone(), "từ 4% trở lên".into());
    let (plan, errors) = c.apply(&parse(&vinh_long()));
    assert!(errors.is_empty(), "{errors:?}");
    let t = plan.plan.targets.iter().find(|t| t.id == id).expect("target");
    assert_eq!((t.kind.clone(), t.unit.as_str()), (TargetKind::Minimum { value: 4.0 }, "%"));

    c.targets.insert(id.clone(), "cao hơn năm trước".into());
    let (plan, errors) = c.apply(&parse(&vinh_long()));
    assert_eq!(
        errors,
        [CorrectionError::TargetNotUnderstood { target: id.clone(), phrase: "cao hơn năm trước".into() }]
    );
    let t = plan.plan.targets.iter().find(|t| t.id == id).expect("target");
    assert_eq!(t.kind, TargetKind::Exact { value: 3.5 }, "left as the text says");
}

#[test]
fn a_rejected_proposed_agency_is_not_added_and_leaves_the_tasks_that_named_it() {
    let parsed = parse(&vinh_long());
    let bank =
        parsed.proposed_agencies.iter().find(|a| a.name == "Ngân hàng Nhà nước Khu vực 14").expect("proposed").clone();
    let mut c = Corrections::default();
    c.rejected_agencies.insert(bank.name.clone());
    // Even a correction naming it does not bring it back.
    c.tasks.insert(
        task("2.3"),
        TaskCorrection { lead: Some(vec![bank.id.clone(), agency("so-tai-chinh")]), ..Default::default() },
    );
    let (plan, errors) = c.apply(&parsed);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(plan.proposed_agencies.iter().all(|a| a.id != bank.id));
    assert!(plan.plan.tasks().all(|t| !t.lead.contains(&bank.id) && !t.coordinating.contains(&bank.id)));
    assert!(plan.plan.targets.iter().all(|t| !t.responsible.contains(&bank.id)));
    assert_eq!(plan.plan.task(&task("2.3")).expect("task").lead, [agency("so-tai-chinh")]);
    assert_eq!(plan.proposed_agencies.len(), parsed.proposed_agencies.len() - 1, "the others are still proposed");
}

#[test]
fn corrections_of_tasks_and_targets_no_longer_in_the_text_are_reported_not_applied() {
    let mut c = Corrections::default();
    c.tasks.insert(task("9.9"), TaskCorrection { deadline: Some("Quý I/2026".into()), ..Default::default() });
    c.tasks.insert(task("1.1"), TaskCorrection { deadline: Some("khi nào xong".into()), ..Default::default() });
    c.targets.insert(TargetId::new("9.9/t1").expect("id"), "8%".into());
    let parsed = parse(&vinh_long());
    let (plan, errors) = c.apply(&parsed);
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.contains(&CorrectionError::NoTask(task("9.9"))));
    assert!(
        errors.contains(&CorrectionError::DeadlineNotUnderstood { task: task("1.1"), phrase: "khi nào xong".into() })
    );
    assert_eq!(plan.plan, parsed.plan);
}
