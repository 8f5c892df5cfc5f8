//! Five further plans in the styles other provinces write (test data of our own, not real
//! decisions): Roman-numeral sections, lettered items, "Chương trình hành động", other agencies,
//! other wording of targets and deadlines, text pasted from a table, and a rough draft whose
//! gaps must be reported with line numbers rather than dropped.

use tiendo_core::builtin::tra_vinh_registry;
use tiendo_core::ids::{AgencyId, TaskId};
use tiendo_core::model::{AgencyGroup, Plan, TargetKind};
use tiendo_core::parse::{parse_plan, ParsedPlan, WarningKind};
use unicode_normalization::UnicodeNormalization;

fn parse(text: &str) -> ParsedPlan {
    parse_plan(text, &tra_vinh_registry().expect("registry")).expect("a plan")
}

fn ids(v: &[AgencyId]) -> Vec<&str> {
    v.iter().map(AgencyId::as_str).collect()
}

fn task<'a>(plan: &'a Plan, id: &str) -> &'a tiendo_core::model::Task {
    plan.task(&TaskId::new(id).expect("id")).unwrap_or_else(|| panic!("no task {id}"))
}

fn targets(plan: &Plan, id: &str) -> Vec<TargetKind> {
    plan.targets.iter().filter(|t| t.task.as_str() == id).map(|t| t.kind.clone()).collect()
}

fn schedule(plan: &Plan) -> Vec<(String, String)> {
    plan.schedule.iter().map(|p| (p.id.to_string(), p.due.to_vietnamese())).collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

#[test]
fn a_roman_numeral_programme_with_lettered_items_is_read_whole() {
    let p = parse(include_str!("plans/ben_tre_2021.txt"));
    let plan = &p.plan;
    assert_eq!(plan.decision.number, "125/QĐ-UBND");
    assert_eq!(plan.decision.date.to_vietnamese(), "15/01/2021");
    assert_eq!(plan.decision.issuer, "Ủy ban nhân dân tỉnh Bến Tre");
    assert_eq!(plan.decision.signer, "Nguyễn Văn Dũng");
    assert_eq!(plan.decision.implements, "Nghị quyết số 01/NQ-CP ngày 01/01/2021 của Chính phủ");
    assert!(plan.title.starts_with("Chương trình hành động"), "{}", plan.title);
    let sections: Vec<&str> = plan.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["I", "II", "III"], "the organisation part is not a section");
    assert_eq!(plan.tasks().count(), 6);
    let t = task(plan, "I.1");
    assert_eq!((ids(&t.lead), ids(&t.coordinating)), (vec!["so-khdt"], vec!["so-tai-chinh"]));
    assert_eq!(t.items.len(), 2, "a) and b) are items");
    assert_eq!(
        targets(plan, "I.1"),
        [
            TargetKind::Range { min: 7.0, max: 7.5 },
            TargetKind::Minimum { value: 95.0 },
            TargetKind::Minimum { value: 5.0 }
        ]
    );
    assert_eq!(targets(plan, "I.2"), [TargetKind::CountOfTotal { count: 20.0, total: 115.0 }]);
    assert_eq!(targets(plan, "II.1"), [TargetKind::Minimum { value: 92.0 }]);
    assert_eq!(
        targets(plan, "II.2"),
        [TargetKind::Maximum { value: 3.0, strict: true }, TargetKind::Exact { value: 70.0 }]
    );
    assert_eq!(targets(plan, "III.1"), [TargetKind::Maximum { value: 5.0, strict: false }]);
    // A named district is one agency, proposed as new; "UBND các huyện" is the group.
    let t = task(plan, "II.1");
    assert_eq!(ids(&t.coordinating), ["ubnd-huyen-ba-tri", "ubnd-huyen-cho-lach"]);
    assert!(t.coordinating_groups.is_empty());
    assert_eq!(p.proposed_agencies.len(), 2);
    assert!(p.proposed_agencies.iter().all(|a| a.kind == tiendo_core::model::AgencyKind::District));
    assert_eq!(task(plan, "II.3").groups, [AgencyGroup::AllDistricts]);
    assert_eq!(ids(&task(plan, "III.1").coordinating), ["bchqs"]);
    assert_eq!(
        schedule(plan),
        pairs(&[
            ("2021-IMPL", "31/01/2021"),
            ("2021-Q1", "15/03/2021"),
            ("2021-Q2", "15/06/2021"),
            ("2021-Q3", "15/09/2021"),
            ("2021-Q4", "15/12/2021"),
            ("2021-Y", "15/12/2021"),
        ])
    );
    let kinds: Vec<_> = p.warnings.iter().map(|w| (w.line, &w.kind)).collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert!(p.warnings.iter().all(|w| w.line == 25 && matches!(w.kind, WarningKind::UnknownAgency(_))));
}

/// As users paste: Windows line ends, decomposed Unicode, non-breaking spaces.
fn messy(text: &str) -> String {
    text.nfd().collect::<String>().replace('\n', "\r\n").replace("Sở ", "Sở\u{a0}")
}

#[test]
fn a_plan_pasted_with_crlf_nfd_and_nbsp_reads_like_the_clean_text() {
    let clean = parse(include_str!("plans/dong_thap_2022.txt"));
    let dirty = parse(&messy(include_str!("plans/dong_thap_2022.txt")));
    assert_eq!(clean.plan, dirty.plan);
    let plan = &dirty.plan;
    assert_eq!(plan.decision.number, "18/QĐ-UBND-HC");
    assert_eq!(plan.decision.signer, "Phạm Thiện Nghĩa");
    assert_eq!(plan.tasks().count(), 6);
    assert_eq!(task(plan, "1.1").items.len(), 2);
    let t = task(plan, "1.2");
    assert_eq!(ids(&t.lead), ["so-tai-chinh"]);
    assert_eq!(ids(&t.coordinating), ["so-khdt", "cuc-thue-tinh"], "Cục Thuế tỉnh is proposed as new");
    assert_eq!(ids(&task(plan, "1.3").lead), ["so-cong-thuong"], "a heading without its trailing dot");
    assert_eq!(ids(&task(plan, "2.2").lead), ["so-y-te", "so-ldtbxh", "so-vhttdl"], "Các Sở: A, B; C: implies Sở");
    assert_eq!(task(plan, "2.3").groups, [AgencyGroup::AllDepartments, AgencyGroup::AllDistricts]);
    assert_eq!(targets(plan, "1.1"), [TargetKind::Range { min: 6.5, max: 7.0 }]);
    assert_eq!(targets(plan, "1.2"), [TargetKind::Minimum { value: 100.0 }]);
    assert_eq!(targets(plan, "2.3"), [TargetKind::Minimum { value: 98.0 }]);
    let monthly: Vec<_> = plan.schedule.iter().filter(|p| p.id.as_str().contains("-M")).collect();
    assert_eq!(monthly.len(), 12);
    assert!(monthly
        .iter()
        .all(|p| p.due.date().format("%d").to_string() == "20" && ids(&p.reporters) == ["so-tai-chinh"]));
    let plan_wide: Vec<_> = schedule(plan).into_iter().filter(|(id, _)| !id.contains("-M")).collect();
    assert_eq!(plan_wide, pairs(&[("2022-IMPL", "28/01/2022"), ("2022-H1", "15/06/2022"), ("2022-Y", "15/11/2022")]));
}

#[test]
fn a_programme_with_a_name_broken_across_lines_and_other_target_words() {
    let p = parse(include_str!("plans/quang_ninh_2023.txt"));
    let plan = &p.plan;
    assert_eq!(plan.decision.signer, "Cao Tường Huy");
    assert_eq!(plan.decision.signer_title, "Phó chủ tịch");
    assert_eq!(plan.sections.len(), 2);
    let t = task(plan, "I.1");
    assert_eq!(ids(&t.lead), ["so-khdt"], "Sở Kế hoạch và Đầu\\ntư");
    assert_eq!(ids(&t.coordinating), ["so-tai-chinh", "so-xay-dung"]);
    assert_eq!(targets(plan, "I.2"), [TargetKind::Range { min: 15.0, max: 16.0 }]);
    assert_eq!(targets(plan, "I.3"), [TargetKind::Minimum { value: 60.0 }], "tối thiểu");
    assert_eq!(targets(plan, "II.1"), [TargetKind::Milestone], "không còn hộ nghèo");
    assert_eq!(targets(plan, "II.2"), [TargetKind::CountOfTotal { count: 5.0, total: 7.0 }]);
    let t = task(plan, "II.2");
    assert_eq!(
        (t.groups.as_slice(), t.coordinating_groups.as_slice()),
        (&[AgencyGroup::AllDistricts][..], &[AgencyGroup::AllDepartments][..])
    );
    assert_eq!(p.proposed_agencies.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Sở Du lịch"]);
    assert_eq!(
        schedule(plan),
        pairs(&[
            ("2023-IMPL", "15/02/2023"),
            ("2023-Q1", "10/03/2023"),
            ("2023-Q2", "10/06/2023"),
            ("2023-Q3", "10/09/2023"),
            ("2023-Y", "05/12/2023"),
            ("2023-Q4", "10/12/2023"),
        ])
    );
}

#[test]
fn a_plan_copied_from_a_table_with_stray_bars_loses_nothing() {
    let p = parse(include_str!("plans/pasted_table_2024.txt"));
    let plan = &p.plan;
    assert_eq!(plan.decision.number, "77/QĐ-UBND");
    assert_eq!(plan.decision.date.to_vietnamese(), "12/01/2024");
    assert_eq!(plan.decision.issuer, "Ủy ban nhân dân tỉnh An Giang");
    assert_eq!(plan.decision.implements, "Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ");
    assert_eq!(plan.tasks().count(), 4);
    assert!(task(plan, "1.1").text.as_str().starts_with("triển khai đề án"), "{}", task(plan, "1.1").text.as_str());
    assert_eq!(ids(&task(plan, "1.2").coordinating), ["so-nnptnt"]);
    assert_eq!(ids(&task(plan, "2.2").lead), ["vp-ubnd"]);
    assert_eq!(targets(plan, "1.2"), [TargetKind::Minimum { value: 10.0 }], "ít nhất 10 doanh nghiệp");
    assert_eq!(targets(plan, "2.1"), [TargetKind::Exact { value: 50.0 }, TargetKind::Exact { value: 100.0 }]);
    assert_eq!(
        schedule(plan),
        pairs(&[
            ("2024-Q1", "12/03/2024"),
            ("2024-Q2", "12/06/2024"),
            ("2024-Q3", "12/09/2024"),
            ("2024-Y", "30/11/2024"),
            ("2024-Q4", "12/12/2024"),
        ])
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn a_rough_draft_is_read_as_far_as_it_goes_and_every_gap_is_reported_with_its_line() {
    let p = parse(include_str!("plans/rough_draft_2025.txt"));
    let plan = &p.plan;
    assert_eq!(plan.id.as_str(), "plan-2025");
    let tasks: Vec<&str> = plan.tasks().map(|t| t.id.as_str()).collect();
    assert_eq!(tasks, ["1.1", "1.2", "1.4"]);
    assert!(task(plan, "1.2").lead.is_empty());
    assert_eq!(ids(&task(plan, "1.4").lead), ["so-tu-phap"]);
    let found: Vec<(usize, &str)> = p
        .warnings
        .iter()
        .map(|w| {
            let kind = match &w.kind {
                WarningKind::MissingMetadata(_) => "metadata",
                WarningKind::NoAgencies(_) => "no agencies",
                WarningKind::NumberingGap(_) => "gap",
                WarningKind::EmptySection(_) => "empty section",
                WarningKind::NoSchedule => "no schedule",
                other => panic!("unexpected {other:?}"),
            };
            (w.line, kind)
        })
        .collect();
    assert_eq!(
        found,
        [
            (1, "metadata"),
            (1, "metadata"),
            (1, "metadata"),
            (6, "no agencies"),
            (7, "gap"),
            (8, "empty section"),
            (10, "no schedule"),
        ]
    );
}
