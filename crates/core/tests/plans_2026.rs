//! Three more plans of 2026's two-tier government, written for these tests: `PHẦN` parts,
//! special zones (đặc khu), 2025 names holding commas, deadlines in the task's own sentence, a
//! bare `KẾ HOẠCH` with its subject below, and two deadlines joined by `và` in one sentence.

mod common;

use common::plans::{check, parse, read};
use tiendo_core::model::AgencyKind;

#[test]
fn a_plan_in_parts_names_special_zones_and_its_six_month_and_year_reports() {
    let p = parse(&read("dac_khu_2026.txt"));
    check("dac_khu_2026.txt", &p.plan);
    let zones: Vec<&str> =
        p.proposed_agencies.iter().filter(|a| a.kind == AgencyKind::SpecialZone).map(|a| a.name.as_str()).collect();
    assert_eq!(zones, ["UBND đặc khu Phú Quốc", "UBND đặc khu Kiên Hải"]);
    let periods: Vec<&str> = p.plan.schedule.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(periods, ["2026-H1", "2026-Y"], "`6 tháng trước ngày 15 tháng 6 và năm trước ngày 15 tháng 11`");
}

#[test]
fn a_2025_name_with_a_comma_is_one_agency_and_a_deadline_in_the_sentence_is_read() {
    let p = parse(&read("xa_duoc_giao_2026.txt"));
    check("xa_duoc_giao_2026.txt", &p.plan);
    let t = p.plan.task(&"1.a".parse().expect("id")).expect("1.a");
    assert_eq!(t.deadline.as_ref().map(|d| d.written.as_str()), Some("trước ngày 31/3/2026"));
}

#[test]
fn a_bare_ke_hoach_takes_its_subject_from_the_next_line() {
    let p = parse(&read("phuong_moi_2026.txt"));
    check("phuong_moi_2026.txt", &p.plan);
    assert_eq!(p.plan.title, "Kế hoạch cải cách hành chính và chuyển đổi số năm 2026");
    assert_eq!(p.plan.schedule.len(), 5, "four quarters and the year");
}
