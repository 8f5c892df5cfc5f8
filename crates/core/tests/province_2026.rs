//! The synthetic 2026 province the benches use: its registry and its plan, read by the parser
//! like any decision, give every one of its 150 agencies something to report.

use tiendo_core::model::AgencyKind;
use tiendo_core::rules::assignment::tasks_for;
use tiendo_core::synthetic::province_year_of;
use tiendo_core::synthetic_2026::{province_2026, ProvinceSize};

#[test]
fn the_2026_province_has_14_departments_10_other_bodies_and_126_communes_each_with_tasks() {
    let (_, registry, parsed) = province_2026().expect("parsed");
    let count = |k: AgencyKind| registry.agencies.iter().filter(|a| a.kind == k).count();
    assert_eq!(count(AgencyKind::Department), 14);
    assert_eq!(count(AgencyKind::Other), 10);
    assert_eq!(count(AgencyKind::Commune) + count(AgencyKind::SpecialZone), 126);
    assert_eq!(count(AgencyKind::SpecialZone), 2);
    assert!(parsed.proposed_agencies.is_empty(), "{:?}", parsed.proposed_agencies);
    assert!(
        parsed.warnings.iter().all(|w| !matches!(w.kind, tiendo_core::parse::WarningKind::NoAgencies(_))),
        "{:?}",
        parsed.warnings
    );
    let plan = &parsed.plan;
    // A decision with no `KẾ HOẠCH` title line (`QUYẾT ĐỊNH` / `Ban hành Kế hoạch …`, then the
    // Roman parts) still gives its number, date and year.
    assert_eq!(plan.decision.number, "15/QĐ-UBND");
    assert_eq!(plan.decision.date.to_string(), "2026-01-08");
    assert!(plan.schedule.iter().any(|p| p.id.as_str() == "2026-Q1"));
    assert_eq!(plan.sections.len(), 3, "the Arabic sections inside part II");
    for a in registry.agencies.iter().filter(|a| a.kind != AgencyKind::ProvincialOffice) {
        assert!(!tasks_for(plan, &registry, &a.id).is_empty(), "{} has no task", a.name);
    }
    // Named communes lead the pilot tasks, besides the task for every commune.
    let pilot = plan.tasks().find(|t| t.text.to_string().contains("thí điểm")).expect("pilot task");
    assert_eq!(pilot.lead.len(), 3, "{:?}", pilot.lead);
    // Quarterly and yearly reports, and the monthly one of Sở Tài chính.
    assert!(plan.schedule.len() >= 5, "{:?}", plan.schedule.iter().map(|p| p.id.to_string()).collect::<Vec<_>>());
}

#[test]
fn a_2026_province_year_fills_a_reports_document_for_every_agency() {
    let year = province_year_of(ProvinceSize::Province2026, 300).expect("filled");
    let (registry, plan, reports) = (&year.registry, &year.plan, &year.reports);
    assert_eq!(reports.len(), registry.agencies.len());
    assert_eq!(reports.len(), 151, "150 reporting agencies and the office");
    let doc = automerge::AutoCommit::load(&reports[20].bytes).expect("loads");
    let value: tiendo_core::schema::ReportsDoc = tiendo_core::schema::read(&doc).expect("reads");
    assert!(!value.reports.periods.is_empty(), "{} reports in no period of {}", reports[20].agency, plan.id);
}
