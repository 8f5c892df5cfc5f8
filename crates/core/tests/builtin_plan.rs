//! The built-in plan is what the parser makes of Trà Vinh's decision text, complete.

use tiendo_core::builtin::tra_vinh_2020;
use tiendo_core::model::{AgencyGroup, PeriodKind, TargetKind};

/// Task number, lead agencies, coordinating agencies, lead groups.
type Row = (&'static str, &'static [&'static str], &'static [&'static str], &'static [AgencyGroup]);

/// Every task's agencies, read off the decision by hand.
const EXPECTED: [Row; 37] = {
    use AgencyGroup::{AllDepartments as D, AllDistricts as H};
    [
        ("1.1", &["so-tu-phap", "vp-ubnd"], &[], &[]),
        ("1.2", &["so-khdt"], &[], &[]),
        ("1.3", &["so-cong-thuong"], &[], &[]),
        ("2.1", &["nhnn-tra-vinh"], &[], &[]),
        ("2.2", &["so-tai-chinh"], &[], &[D, H]),
        ("2.3", &["so-cong-thuong"], &[], &[]),
        ("2.4", &["so-khdt", "cuc-thong-ke"], &[], &[]),
        ("3.1", &["so-khdt"], &[], &[D, H]),
        ("3.2", &["so-nnptnt"], &[], &[H]),
        ("3.3", &["so-khdt"], &[], &[]),
        ("3.4", &["so-khdt"], &["lien-minh-htx", "so-nnptnt"], &[]),
        ("3.5", &["so-khdt", "so-nnptnt", "so-tnmt", "bql-kkt"], &[], &[]),
        ("3.6", &["so-cong-thuong"], &[], &[]),
        ("3.7", &["so-khdt", "bql-kkt"], &[], &[]),
        ("4.1", &["so-khdt"], &[], &[]),
        ("4.2", &["so-khdt", "so-xay-dung"], &[], &[H]),
        ("4.3", &["so-cong-thuong"], &[], &[]),
        ("4.4", &["so-tttt"], &[], &[]),
        ("5.1", &["so-gddt", "so-ldtbxh", "dh-tra-vinh"], &[], &[]),
        ("5.2", &["so-khcn"], &[], &[]),
        ("6.1", &["so-vhttdl"], &[], &[]),
        ("6.2", &["so-ldtbxh"], &[], &[]),
        ("6.3", &["so-y-te"], &[], &[]),
        ("6.4", &["ban-dan-toc", "so-noi-vu"], &[], &[]),
        ("7.1", &["so-tnmt", "so-nnptnt"], &[], &[]),
        ("7.2", &["so-tnmt"], &[], &[]),
        ("7.3", &[], &[], &[D, H]),
        ("8.1", &["so-noi-vu"], &[], &[]),
        ("8.2", &["thanh-tra"], &[], &[]),
        ("8.3", &["so-tttt"], &[], &[]),
        ("8.4", &["vp-ubnd", "so-tttt"], &[], &[H]),
        ("8.5", &["so-tu-phap"], &[], &[]),
        ("8.6", &[], &[], &[D, H]),
        ("9.1", &["cong-an", "bchqs", "bdbp"], &[], &[]),
        ("9.2", &["vp-ubnd", "so-tttt", "so-khdt"], &[], &[]),
        ("10.1", &["so-tttt", "dai-ptth", "bao-tra-vinh"], &[], &[]),
        ("10.2", &[], &[], &[D, H]),
    ]
};

#[test]
fn the_built_in_plan_has_the_decisions_ten_sections_and_thirty_seven_tasks() {
    let (_, parsed) = tra_vinh_2020().expect("parses");
    let plan = &parsed.plan;
    assert_eq!(plan.sections.len(), 10);
    let ids: Vec<String> = plan.tasks().map(|t| t.id.to_string()).collect();
    let expected: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    assert_eq!(ids, expected);
    assert!(
        plan.sections[1].title.starts_with("Ổn định kinh tế, bảo đảm các cân đối lớn"),
        "{}",
        plan.sections[1].title
    );
    assert!(
        plan.sections[9].title.ends_with("Ủy ban Mặt trận Tổ quốc, đoàn thể các cấp"),
        "{}",
        plan.sections[9].title
    );
}

#[test]
fn every_task_of_the_built_in_plan_has_its_lead_and_coordinating_agencies() {
    let (_, parsed) = tra_vinh_2020().expect("parses");
    for (number, lead, coordinating, groups) in EXPECTED {
        let task = parsed.plan.task(&number.parse().expect("id")).expect("task");
        let l: Vec<&str> = task.lead.iter().map(|a| a.as_str()).collect();
        let c: Vec<&str> = task.coordinating.iter().map(|a| a.as_str()).collect();
        assert_eq!(l, lead, "lead of {number}");
        assert_eq!(c, coordinating, "coordinating of {number}");
        assert_eq!(task.groups, groups, "groups of {number}");
    }
    let t34 = parsed.plan.task(&"3.4".parse().expect("id")).expect("task");
    assert_eq!(t34.coordinating_groups, [AgencyGroup::AllDistricts]);
    assert!(parsed.proposed_agencies.is_empty(), "{:?}", parsed.proposed_agencies);
}

#[test]
fn the_built_in_plan_keeps_bullet_items_and_joins_broken_lines() {
    let (_, parsed) = tra_vinh_2020().expect("parses");
    let t = |n: &str| parsed.plan.task(&n.parse().expect("id")).expect("task").clone();
    assert_eq!(t("2.2").items.len(), 2);
    assert!(t("2.2").text.is_blank());
    assert!(t("2.2").items[0].as_str().starts_with("Thực hiện triệt để tiết kiệm, chống lãng phí,"));
    assert_eq!(t("2.3").items.len(), 2);
    assert!(t("1.1").text.as_str().starts_with("Tập trung nâng cao hiệu quả công tác phổ biến"));
    // "kinh tế\n- xã hội" is one phrase, not an item.
    assert!(t("10.2").items.is_empty());
    assert!(t("10.2").text.as_str().contains("Kế hoạch phát triển kinh tế - xã hội và Dự toán"));
}

#[test]
fn the_built_in_plan_has_the_decisions_metadata() {
    let (_, parsed) = tra_vinh_2020().expect("parses");
    let d = &parsed.plan.decision;
    assert_eq!(d.number, "01/QĐ-UBND");
    assert_eq!(d.date.to_vietnamese(), "02/01/2020");
    assert_eq!(d.issuer, "Ủy ban nhân dân tỉnh Trà Vinh");
    assert_eq!(d.signer, "Đồng Văn Lâm");
    assert_eq!(d.signer_title, "Chủ tịch");
    assert_eq!(d.implements, "Nghị quyết số 01/NQ-CP ngày 01/01/2020 của Chính phủ");
    assert!(
        parsed.plan.title.starts_with("Kế hoạch hành động thực hiện Nghị quyết số 01/NQ-CP"),
        "{}",
        parsed.plan.title
    );
    assert_eq!(parsed.plan.id.as_str(), "01-qd-ubnd-2020");
}

#[test]
fn the_built_in_plan_has_its_six_deadlines_and_the_monthly_report_of_planning_and_investment() {
    let (_, parsed) = tra_vinh_2020().expect("parses");
    let plan_wide: Vec<(String, String)> = parsed
        .plan
        .schedule
        .iter()
        .filter(|p| p.reporters.is_empty())
        .map(|p| (p.id.to_string(), p.due.to_vietnamese()))
        .collect();
    let expected = [
        ("2020-IMPL", "20/01/2020"),
        ("2020-Q1", "10/03/2020"),
        ("2020-Q2", "10/06/2020"),
        ("2020-Q3", "10/09/2020"),
        ("2020-Y", "10/11/2020"),
        ("2020-Q4", "10/12/2020"),
    ];
    assert_eq!(plan_wide, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    let monthly: Vec<_> = parsed.plan.schedule.iter().filter(|p| p.kind == PeriodKind::Monthly).collect();
    assert_eq!(monthly.len(), 12);
    assert!(monthly.iter().all(|p| p.reporters.iter().map(|a| a.as_str()).eq(["so-khdt"])));
    assert_eq!(
        parsed.plan.period(&"2020-M03".parse().expect("id")).map(|p| p.due.to_vietnamese()),
        Some("31/03/2020".into())
    );
}

#[test]
fn the_built_in_plan_has_the_numeric_targets_it_sets() {
    let (_, parsed) = tra_vinh_2020().expect("parses");
    let found: Vec<(String, TargetKind, String)> =
        parsed.plan.targets.iter().map(|t| (t.task.to_string(), t.kind.clone(), t.unit.clone())).collect();
    let has = |task: &str, kind: TargetKind, unit: &str| {
        assert!(
            found.iter().any(|(t, k, u)| t == task && *k == kind && u == unit),
            "missing {task} {kind:?} {unit}; found {found:#?}"
        )
    };
    has("2.1", TargetKind::Range { min: 13.0, max: 14.0 }, "%");
    has("2.1", TargetKind::Maximum { value: 2.0, strict: true }, "%");
    has("3.2", TargetKind::CountOfTotal { count: 67.0, total: 85.0 }, "xã");
    has("3.2", TargetKind::Minimum { value: 80.0 }, "%");
    has("3.2", TargetKind::Minimum { value: 65.0 }, "%");
    has("3.3", TargetKind::Range { min: 550.0, max: 600.0 }, "doanh nghiệp");
    has("3.4", TargetKind::Exact { value: 100.0 }, "%");
    has("3.4", TargetKind::Minimum { value: 2.0 }, "Hợp tác xã");
    has("4.1", TargetKind::Minimum { value: 90.0 }, "%");
    has("8.1", TargetKind::Exact { value: 10.0 }, "%");
    let milestones =
        parsed.plan.targets.iter().filter(|t| t.task.as_str() == "4.2" && t.kind == TargetKind::Milestone).count();
    assert_eq!(milestones, 3);
    let credit = &parsed.plan.targets[0];
    assert_eq!(credit.name, "tăng trưởng tín dụng");
    assert_eq!(credit.responsible.iter().map(|a| a.as_str()).collect::<Vec<_>>(), ["nhnn-tra-vinh"]);
}

#[test]
fn a_task_written_only_as_bullet_items_is_titled_by_its_first_item_cut_at_a_word() {
    let (_, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let task = parsed.plan.task(&tiendo_core::ids::TaskId::new("2.2").expect("id")).expect("2.2");
    assert!(task.text.as_str().trim().is_empty(), "2.2 is all bullet items");
    let title = task.title(60);
    let first = task.items[0].as_str();
    assert!(!title.is_empty() && first.starts_with(title.trim_end_matches('…')), "{title:?} / {first:?}");
    assert!(title.chars().count() <= 60 && title.ends_with('…'), "{title:?}");
}
