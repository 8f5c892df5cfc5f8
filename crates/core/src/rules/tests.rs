use super::assignment::{role_in, targets_for, tasks_for, Role};
use super::calendar::{default_cutoff, quarter_due, standard_cutoff};
use super::evaluation::{evaluate, Evaluation};
use super::state::{report_state, ReportState};
use super::timeliness::{timeliness, Timeliness};
use crate::builtin::tra_vinh_2020;
use crate::day::Day;
use crate::ids::{AgencyId, DeviceId, PeriodId, TargetId};
use crate::model::{
    CutOff, Period, PeriodKind, PeriodReport, ReviewMark, ReviewOutcome, Submission, TargetKind, TargetValue,
};

fn day(s: &str) -> Day {
    s.parse().expect("test date")
}

fn id(s: &str) -> AgencyId {
    AgencyId::new(s).expect("test id")
}

/// 2020-03-10 in Vietnam at hh:mm local time, as Unix ms.
fn vn_ms(date: &str, hh: i64, mm: i64) -> i64 {
    let d = day(date).date();
    let midnight_utc = d.and_hms_opt(0, 0, 0).expect("midnight").and_utc().timestamp_millis();
    midnight_utc + (hh * 3600 + mm * 60) * 1000 - 7 * 3600 * 1000
}

fn q1() -> Period {
    Period {
        id: PeriodId::new("2020-Q1").expect("id"),
        kind: PeriodKind::Quarterly,
        label: "Quý I/2020".into(),
        due: day("2020-03-10"),
        cutoff: None,
        reporters: vec![],
        source: String::new(),
    }
}

fn submitted_at(ms: i64) -> PeriodReport {
    let mut r = PeriodReport::new(PeriodId::new("2020-Q1").expect("id"));
    r.submissions.push(Submission {
        device: DeviceId::new("d1").expect("id"),
        by: "A".into(),
        at_ms: ms,
        heads: vec![],
    });
    r
}

#[test]
fn a_report_submitted_at_the_last_minute_of_the_due_day_in_vietnam_is_on_time() {
    let r = submitted_at(vn_ms("2020-03-10", 23, 59));
    assert_eq!(timeliness(&q1(), Some(&r), day("2020-04-01")), Timeliness::OnTime);
}

#[test]
fn a_report_submitted_one_minute_after_the_due_day_is_one_day_late() {
    let r = submitted_at(vn_ms("2020-03-11", 0, 1));
    assert_eq!(timeliness(&q1(), Some(&r), day("2020-04-01")), Timeliness::Late { days: 1 });
}

#[test]
fn a_missing_report_is_not_yet_due_on_the_due_day_and_missing_the_day_after() {
    assert_eq!(timeliness(&q1(), None, day("2020-03-10")), Timeliness::NotYetDue { days_left: 0 });
    assert_eq!(timeliness(&q1(), None, day("2020-03-11")), Timeliness::Missing { days_overdue: 1 });
    let draft = PeriodReport::new(PeriodId::new("2020-Q1").expect("id"));
    assert_eq!(timeliness(&q1(), Some(&draft), day("2020-03-08")), Timeliness::NotYetDue { days_left: 2 });
}

#[test]
fn a_due_day_on_a_weekend_is_not_moved() {
    // 2020-05-10 was a Sunday; the plan says the 10th, so the 11th is late.
    let mut p = q1();
    p.due = day("2020-05-10");
    let r = submitted_at(vn_ms("2020-05-11", 8, 0));
    assert_eq!(timeliness(&p, Some(&r), day("2020-06-01")), Timeliness::Late { days: 1 });
}

#[test]
fn timeliness_is_judged_from_the_first_submission_even_if_delivered_later() {
    let mut r = submitted_at(vn_ms("2020-03-09", 10, 0));
    r.submissions.push(Submission {
        device: DeviceId::new("d1").expect("id"),
        by: "A".into(),
        at_ms: vn_ms("2020-03-20", 10, 0),
        heads: vec![],
    });
    assert_eq!(timeliness(&q1(), Some(&r), day("2020-03-25")), Timeliness::OnTime);
}

#[test]
fn as_of_a_day_before_submission_the_report_counts_as_not_submitted() {
    let r = submitted_at(vn_ms("2020-03-12", 10, 0));
    assert_eq!(timeliness(&q1(), Some(&r), day("2020-03-11")), Timeliness::Missing { days_overdue: 1 });
}

#[test]
fn quarterly_due_days_and_cutoffs_follow_the_plan_and_decree_09() {
    assert_eq!(quarter_due(2020, 1, 10), Some(day("2020-03-10")));
    assert_eq!(quarter_due(2020, 4, 10), Some(day("2020-12-10")));
    assert_eq!(quarter_due(2020, 5, 10), None);
    assert_eq!(
        standard_cutoff(PeriodKind::Quarterly, 2020, 1),
        Some(CutOff { from: day("2019-12-15"), to: day("2020-03-14") })
    );
    assert_eq!(
        standard_cutoff(PeriodKind::Monthly, 2020, 1),
        Some(CutOff { from: day("2019-12-15"), to: day("2020-01-14") })
    );
    assert_eq!(
        standard_cutoff(PeriodKind::SixMonth, 2020, 1),
        Some(CutOff { from: day("2019-12-15"), to: day("2020-06-14") })
    );
    assert_eq!(
        standard_cutoff(PeriodKind::Annual, 2020, 0),
        Some(CutOff { from: day("2019-12-15"), to: day("2020-12-14") })
    );
    // The plan's own deadline (10th) comes before the decree's window ends (14th): the window ends the day before.
    assert_eq!(
        default_cutoff(PeriodKind::Quarterly, 2020, 1, day("2020-03-10")),
        Some(CutOff { from: day("2019-12-15"), to: day("2020-03-09") })
    );
    assert_eq!(standard_cutoff(PeriodKind::Implementation, 2020, 0), None);
}

fn value(v: f64) -> TargetValue {
    TargetValue {
        target: TargetId::new("x/t1").expect("id"),
        value: Some(v),
        achieved: None,
        as_of: None,
        note: String::new(),
        typed: None,
    }
}

#[test]
fn targets_are_met_at_their_bounds_and_not_beyond() {
    let range = TargetKind::Range { min: 13.0, max: 14.0 };
    assert_eq!(evaluate(&range, Some(&value(13.0))), Evaluation::Met);
    assert_eq!(evaluate(&range, Some(&value(14.5))), Evaluation::NotMet);
    let below = TargetKind::Maximum { value: 2.0, strict: true };
    assert_eq!(evaluate(&below, Some(&value(1.9))), Evaluation::Met);
    assert_eq!(evaluate(&below, Some(&value(2.0))), Evaluation::NotMet);
    let at_most = TargetKind::Maximum { value: 2.0, strict: false };
    assert_eq!(evaluate(&at_most, Some(&value(2.0))), Evaluation::Met);
    assert_eq!(evaluate(&TargetKind::Minimum { value: 90.0 }, Some(&value(89.9))), Evaluation::NotMet);
    assert_eq!(evaluate(&TargetKind::CountOfTotal { count: 67.0, total: 85.0 }, Some(&value(67.0))), Evaluation::Met);
    assert_eq!(evaluate(&TargetKind::Exact { value: 10.0 }, Some(&value(9.0))), Evaluation::NotMet);
    assert_eq!(evaluate(&range, None), Evaluation::NoData);
    let mut blank = value(0.0);
    blank.value = None;
    assert_eq!(evaluate(&range, Some(&blank)), Evaluation::NoData);
    blank.achieved = Some(true);
    assert_eq!(evaluate(&TargetKind::Milestone, Some(&blank)), Evaluation::Met);
}

#[test]
fn an_agency_reports_on_tasks_it_leads_coordinates_or_belongs_to_by_group() {
    let (registry, parsed) = tra_vinh_2020().expect("built-in plan");
    let plan = &parsed.plan;
    let task = |n: &str| plan.task(&n.parse().expect("id")).expect("task exists");
    assert_eq!(role_in(task("1.1"), &id("so-tu-phap"), &registry), Some(Role::Lead));
    assert_eq!(role_in(task("3.4"), &id("lien-minh-htx"), &registry), Some(Role::Coordinating));
    // "các Sở, ngành, địa phương" in 2.2 covers every department and every district.
    assert_eq!(role_in(task("2.2"), &id("so-y-te"), &registry), Some(Role::Lead));
    assert_eq!(role_in(task("2.2"), &id("h-tra-cu"), &registry), Some(Role::Lead));
    assert_eq!(role_in(task("1.1"), &id("h-tra-cu"), &registry), None);
    let cang_long: Vec<String> =
        tasks_for(plan, &registry, &id("h-cang-long")).iter().map(|(t, _)| t.id.to_string()).collect();
    assert!(cang_long.contains(&"3.2".to_owned()) && cang_long.contains(&"8.6".to_owned()), "{cang_long:?}");
    assert!(!cang_long.contains(&"6.3".to_owned()));
    let nhnn: Vec<String> =
        targets_for(plan, &registry, &id("nhnn-tra-vinh")).iter().map(|t| t.id.to_string()).collect();
    assert_eq!(nhnn, ["2.1/t1", "2.1/t2"]);
}

fn mark(at: i64, outcome: ReviewOutcome) -> ReviewMark {
    ReviewMark {
        id: format!("a/2020-Q1/{at}"),
        agency: id("so-y-te"),
        period: PeriodId::new("2020-Q1").expect("id"),
        submission_at_ms: at,
        outcome,
        comment: "Bổ sung số liệu".into(),
        by: "VP".into(),
        at_ms: at + 1,
    }
}

#[test]
fn a_report_goes_from_draft_to_submitted_to_returned_and_back_to_submitted() {
    let draft = PeriodReport::new(PeriodId::new("2020-Q1").expect("id"));
    assert_eq!(report_state(&id("so-y-te"), Some(&draft), &[]), ReportState::Draft);
    assert_eq!(report_state(&id("so-y-te"), None, &[]), ReportState::Draft);
    let mut r = submitted_at(100);
    assert_eq!(report_state(&id("so-y-te"), Some(&r), &[]), ReportState::Submitted);
    let marks = [mark(100, ReviewOutcome::Returned)];
    assert_eq!(
        report_state(&id("so-y-te"), Some(&r), &marks),
        ReportState::Returned { comment: "Bổ sung số liệu".into() }
    );
    r.submissions.push(Submission {
        device: DeviceId::new("d1").expect("id"),
        by: "A".into(),
        at_ms: 200,
        heads: vec![],
    });
    assert_eq!(report_state(&id("so-y-te"), Some(&r), &marks), ReportState::Submitted);
    assert_eq!(
        report_state(&id("so-y-te"), Some(&r), &[marks[0].clone(), mark(200, ReviewOutcome::Accepted)]),
        ReportState::Accepted
    );
}

#[test]
fn a_mark_on_another_agencys_report_of_the_same_moment_does_not_count() {
    let r = submitted_at(100);
    let mut other = mark(100, ReviewOutcome::Returned);
    other.agency = id("so-tai-chinh");
    assert_eq!(report_state(&id("so-y-te"), Some(&r), &[other]), ReportState::Submitted);
}

mod submission {
    use crate::builtin::tra_vinh_2020;
    use crate::ids::{AgencyId, PeriodId, TaskId};
    use crate::model::{PeriodReport, TaskStatus};
    use crate::rules::submission::{missing_parts, Missing};

    #[test]
    fn a_report_is_submittable_only_with_status_and_results_for_every_led_task() {
        let (registry, parsed) = tra_vinh_2020().expect("plan");
        let agency = AgencyId::new("so-y-te").expect("id");
        let mut report = PeriodReport::new(PeriodId::new("2020-Q1").expect("id"));
        let missing = missing_parts(&parsed.plan, &registry, &agency, &report, "");
        // Six led tasks × (status, results), general results, the name.
        assert_eq!(missing.len(), 14, "{missing:?}");
        assert!(missing.contains(&Missing::Status { task: TaskId::new("6.3").expect("id") }));
        for (task, _) in crate::rules::assignment::tasks_for(&parsed.plan, &registry, &agency) {
            let t = report.task_mut(&task.id);
            t.status = Some(TaskStatus::InProgress);
            t.results = "Đã triển khai.".into();
        }
        report.general.results = "Tốt.".into();
        assert_eq!(missing_parts(&parsed.plan, &registry, &agency, &report, " "), vec![Missing::SubmitterName]);
        assert!(missing_parts(&parsed.plan, &registry, &agency, &report, "Nguyễn Văn A").is_empty());
        report.task_mut(&TaskId::new("6.3").expect("id")).results = "   ".into();
        assert_eq!(
            missing_parts(&parsed.plan, &registry, &agency, &report, "A"),
            vec![Missing::Results { task: TaskId::new("6.3").expect("id") }]
        );
    }
}
