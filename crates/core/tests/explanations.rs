//! Requests for an explanation (the office's, in its reviews document) and the agency's answers
//! (in its reports document): kept beside the documents' fields, untouched when those are
//! written whole, and merged from two laptops without losing one.

use tiendo_core::builtin::tra_vinh_2020;
use tiendo_core::ids::AgencyId;
use tiendo_core::model::{answer_to, ExplanationAnswer, ExplanationRequest, TaskStatus};
use tiendo_core::schema::explanations::{answers, put_answer, put_request, requests};
use tiendo_core::schema::genesis::{empty_reports, empty_reviews, genesis};
use tiendo_core::schema::{self, edit, ReportsDoc, ReviewsDoc};

fn request(agency: &AgencyId, period: &tiendo_core::ids::PeriodId, at_ms: i64, question: &str) -> ExplanationRequest {
    ExplanationRequest {
        id: ExplanationRequest::id_for(agency, period, None, at_ms),
        agency: agency.clone(),
        period: period.clone(),
        task: None,
        question: question.into(),
        by: "Văn phòng UBND tỉnh".into(),
        at_ms,
    }
}

#[test]
fn a_request_and_its_answer_survive_the_documents_being_written_whole_and_two_offices_requests_merge() {
    let (registry, parsed) = tra_vinh_2020().expect("plan");
    let agency = AgencyId::new("so-y-te").expect("id");
    let mut reviews = genesis(&empty_reviews(&parsed.plan.id)).expect("reviews");
    let mut reports = genesis(&empty_reports(&parsed.plan, &registry, &agency)).expect("reports");
    let value: ReportsDoc = schema::read(&reports).expect("read");
    let period = value.reports.periods[0].period.clone();
    assert!(requests(&reviews).expect("none yet").is_empty());

    // Two office laptops ask at once; both requests are kept.
    let mut other = reviews.fork();
    put_request(&mut reviews, request(&agency, &period, 1_000, "Vì sao chưa nộp báo cáo quý I?")).expect("put");
    reviews.commit();
    put_request(&mut other, request(&agency, &period, 2_000, "Đề nghị giải trình tiến độ.")).expect("put");
    other.commit();
    reviews.merge(&mut other).expect("merge");
    let asked = requests(&reviews).expect("requests");
    assert_eq!(asked.len(), 2, "{asked:?}");
    // The reviews written whole (a review mark) leave the requests as they are.
    let mut marks: ReviewsDoc = schema::read(&reviews).expect("read");
    marks.marks.clear();
    schema::write(&mut reviews, &marks).expect("write");
    assert_eq!(requests(&reviews).expect("requests").len(), 2);

    // The agency answers on its report; a period written whole keeps the answer.
    let answer =
        ExplanationAnswer {
            request: asked[0].id.clone(), text: "Do thiếu số liệu từ các huyện.".into(), at_ms: 3_000
        };
    put_answer(&mut reports, answer.clone()).expect("answer");
    let task = value.reports.periods[0].tasks[0].task.clone();
    edit::edit_task(&mut reports, &period, &task, |t| t.status = Some(TaskStatus::InProgress)).expect("edit");
    edit::edit_period(&mut reports, &period, |p| p.general.results = "Kết quả.".into()).expect("edit");
    let held = answers(&reports).expect("answers");
    assert_eq!(answer_to(&held, &asked[0]), Some(&answer));
    assert_eq!(answer_to(&held, &asked[1]), None);
    // Answering again replaces the answer.
    put_answer(&mut reports, ExplanationAnswer { text: "Đã bổ sung.".into(), at_ms: 4_000, ..answer }).expect("again");
    assert_eq!(answers(&reports).expect("answers").len(), 1);
    assert!(schema::read::<ReportsDoc, _>(&reports).is_ok(), "the reports still read as the schema");
}
