//! The provincial office's views: the timeliness board, targets, sections, the compiled report
//! and its exports, read back from the bytes written.

use std::io::Read;
use tiendo_core::builtin::{tra_vinh_2020, tra_vinh_workspace};
use tiendo_core::ids::{AgencyId, DeviceId, PeriodId};
use tiendo_core::model::{AgencyReports, Plan, Registry, Submission, TaskStatus};
use tiendo_core::office::board::{Arrivals, Board, CellState};
use tiendo_core::office::compile::compile;
use tiendo_core::office::letter::{Block, Letter};
use tiendo_core::office::sections::section_rows;
use tiendo_core::office::targets::target_rows;
use tiendo_core::office::{chart, docx, xlsx};
use tiendo_core::rules::assignment::{targets_for, tasks_for};
use tiendo_core::rules::evaluation::Evaluation;
use tiendo_core::rules::state::mark_id;
use tiendo_core::schema::genesis::empty_reports;
use tiendo_core::Day;

fn day(s: &str) -> Day {
    s.parse().expect("day")
}
fn id(s: &str) -> AgencyId {
    AgencyId::new(s).expect("id")
}
fn q1() -> PeriodId {
    PeriodId::new("2020-Q1").expect("id")
}

struct World {
    plan: Plan,
    registry: Registry,
    reports: Vec<AgencyReports>,
}

impl World {
    fn new() -> World {
        let (registry, parsed) = tra_vinh_2020().expect("builtin");
        let plan = parsed.plan;
        let reports = registry.agencies.iter().map(|a| empty_reports(&plan, &registry, &a.id).reports).collect();
        World { plan, registry, reports }
    }
    fn of(&mut self, agency: &str) -> &mut AgencyReports {
        self.reports.iter_mut().find(|r| r.agency.as_str() == agency).expect("agency")
    }
    fn submit(&mut self, agency: &str, period: &PeriodId, at_ms: i64) {
        let p = self.of(agency).period_mut(period);
        p.general.results = "Đã triển khai.".into();
        p.submissions.push(Submission {
            device: DeviceId::new("0a0b").expect("id"),
            by: "Trần Thị B".into(),
            at_ms,
            heads: vec![],
        });
    }
    fn board(&self, arrivals: &Arrivals, as_of: &str) -> Board {
        Board::compute(&self.plan, &self.registry, &self.reports, &[], arrivals, day(as_of))
    }
}

fn cell(board: &Board, agency: &str, period: &PeriodId) -> CellState {
    let row = board.rows.iter().find(|r| r.agency.as_str() == agency).expect("row");
    let col = board.columns.iter().position(|c| &c.period == period).expect("column");
    row.cells[col].as_ref().expect("applies").state
}

#[test]
fn the_board_judges_each_cell_at_the_edges_of_the_due_day_in_vietnam() {
    let mut w = World::new();
    let due = w.plan.period(&q1()).expect("q1").due;
    assert_eq!(due, day("2020-03-10"));
    w.submit("so-y-te", &q1(), due.at_vietnam(23, 59));
    w.submit("so-tai-chinh", &q1(), due.plus_days(1).at_vietnam(0, 1));
    w.of("so-tu-phap").period_mut(&q1()).general.results = "Đang viết".into();
    let b = w.board(&Arrivals::new(), "2020-03-10");
    assert_eq!(cell(&b, "so-y-te", &q1()), CellState::OnTime { arrived: None });
    assert_eq!(cell(&b, "so-tai-chinh", &q1()), CellState::Draft { days_left: 0 }, "written, not yet sent on the 10th");
    assert_eq!(cell(&b, "so-noi-vu", &q1()), CellState::NotYetDue { days_left: 0 });
    assert_eq!(cell(&b, "so-tu-phap", &q1()), CellState::Draft { days_left: 0 });
    let b = w.board(&Arrivals::new(), "2020-03-11");
    assert_eq!(cell(&b, "so-tai-chinh", &q1()), CellState::Late { days: 1 });
    assert_eq!(cell(&b, "so-tu-phap", &q1()), CellState::Missing { days_overdue: 1, started: true });
    assert_eq!(cell(&b, "so-noi-vu", &q1()), CellState::Missing { days_overdue: 1, started: false });
}

#[test]
fn a_report_submitted_on_time_offline_and_carried_in_late_counts_as_on_time_and_says_so() {
    let mut w = World::new();
    let at = day("2020-03-09").at_vietnam(16, 0);
    w.submit("so-y-te", &q1(), at);
    let mut arrivals = Arrivals::new();
    arrivals.insert(mark_id(&id("so-y-te"), &q1(), at), day("2020-03-17").at_vietnam(8, 30));
    let b = w.board(&arrivals, "2020-03-20");
    assert_eq!(cell(&b, "so-y-te", &q1()), CellState::OnTime { arrived: Some(day("2020-03-17")) });
    assert_eq!(xlsx::cell_words(cell(&b, "so-y-te", &q1())), "Đúng hạn (nhận 17/03/2020)");
}

#[test]
fn a_due_day_on_a_weekend_is_not_moved_to_monday() {
    let mut w = World::new();
    // 10/05/2020 is a Sunday; a plan whose report is due then does not get until Monday.
    let p = w.plan.schedule.iter_mut().find(|p| p.id == q1()).expect("q1");
    p.due = day("2020-05-10");
    w.submit("so-y-te", &q1(), day("2020-05-11").at_vietnam(8, 0));
    assert_eq!(cell(&w.board(&Arrivals::new(), "2020-05-12"), "so-y-te", &q1()), CellState::Late { days: 1 });
}

#[test]
fn totals_add_up_per_period_and_per_agency() {
    let mut w = World::new();
    w.submit("so-y-te", &q1(), day("2020-03-01").at_vietnam(9, 0));
    w.submit("so-tai-chinh", &q1(), day("2020-03-15").at_vietnam(9, 0));
    let b = w.board(&Arrivals::new(), "2020-03-20");
    let col = b.columns.iter().find(|c| c.period == q1()).expect("q1");
    let applicable = b
        .rows
        .iter()
        .filter(|r| r.cells[b.columns.iter().position(|c| c.period == q1()).expect("i")].is_some())
        .count();
    assert_eq!((col.totals.on_time, col.totals.late), (1, 1));
    assert_eq!(col.totals.missing, applicable - 2);
    let row = b.rows.iter().find(|r| r.agency.as_str() == "so-tai-chinh").expect("row");
    assert_eq!(row.totals.late, 1);
    let all = b.totals();
    let cells: usize = b.rows.iter().map(|r| r.cells.iter().flatten().count()).sum();
    assert_eq!(all.on_time + all.late + all.missing + all.draft + all.not_yet_due, cells);
    assert!(b.rows.iter().all(|r| r.agency.as_str() != "vp-ubnd"), "the office is not on its own board");
}

fn with_target_value(w: &mut World) -> (AgencyId, tiendo_core::model::Target) {
    let (agency, target) = w
        .registry
        .agencies
        .iter()
        .find_map(|a| {
            targets_for(&w.plan, &w.registry, &a.id)
                .into_iter()
                .find(|t| !matches!(t.kind, tiendo_core::model::TargetKind::Milestone))
                .map(|t| (a.id.clone(), t.clone()))
        })
        .expect("a quantitative target");
    (agency, target)
}

#[test]
fn a_target_takes_the_latest_submitted_value_and_ignores_drafts() {
    let mut w = World::new();
    let (agency, target) = with_target_value(&mut w);
    let q2 = PeriodId::new("2020-Q2").expect("id");
    w.of(agency.as_str()).period_mut(&q1()).target_mut(&target.id).value = Some(1.0);
    w.submit(agency.as_str(), &q1(), day("2020-03-05").at_vietnam(9, 0));
    w.of(agency.as_str()).period_mut(&q2).target_mut(&target.id).value = Some(1e9);
    let rows = target_rows(&w.plan, &w.registry, &w.reports, day("2020-12-31"));
    let row = rows.iter().find(|r| r.target.id == target.id).expect("row");
    let latest = row.latest.as_ref().expect("a reading");
    assert_eq!((latest.period.clone(), latest.value.value, latest.day), (q1(), Some(1.0), day("2020-03-05")));
    assert_eq!(row.series.iter().filter(|p| p.reading.is_some()).count(), 1, "the Q2 draft is not a reading");
    let svg = chart::target_chart(row);
    assert!(
        svg.starts_with("<svg") && svg.contains(r#"class="reading" data-period="2020-Q1" data-value="1""#),
        "{svg}"
    );
    assert!(svg.contains(r#"class="planned""#));
    // Eighteen periods: short names (T3, Q1, N, VB), turned so they never run into each other.
    for short in [">VB<", ">T3<", ">Q1<", ">N<", ">T12<"] {
        assert!(svg.contains(short), "{short} in {svg}");
    }
    assert!(!svg.contains(">Tháng") && !svg.contains(">Quý"), "{svg}");
    assert_eq!(svg.matches("rotate(-50").count(), row.series.len());
    let before = target_rows(&w.plan, &w.registry, &w.reports, day("2020-03-04"));
    let row = before.iter().find(|r| r.target.id == target.id).expect("row");
    assert_eq!((row.latest.is_none(), row.evaluation), (true, Evaluation::NoData));
}

#[test]
fn sections_count_the_statuses_their_lead_agencies_report() {
    let mut w = World::new();
    let task = w.plan.sections[1].tasks[0].clone();
    let lead = task.lead.first().expect("a lead").clone();
    let tr = w.of(lead.as_str()).period_mut(&q1()).task_mut(&task.id);
    tr.status = Some(TaskStatus::Overdue);
    tr.percent = Some(40);
    let rows = section_rows(&w.plan, &w.registry, &w.reports, &q1());
    assert_eq!(rows[1].counts, [0, 0, 0, 1]);
    assert_eq!(rows[1].percent, Some(40.0));
    assert!(rows[1].unreported > 0);
    assert_eq!(rows[0].counts, [0; 4]);
}

fn compiled_world() -> (World, tiendo_core::model::ProvinceReport) {
    let mut w = World::new();
    let task = w.plan.sections[1].tasks[0].clone();
    let lead = task.lead.first().expect("a lead").clone();
    let tr = w.of(lead.as_str()).period_mut(&q1()).task_mut(&task.id);
    tr.status = Some(TaskStatus::DoneOnTime);
    tr.results = "Giải ngân đạt 95% kế hoạch vốn.".into();
    w.submit(lead.as_str(), &q1(), day("2020-03-08").at_vietnam(9, 0));
    let other = tasks_for(&w.plan, &w.registry, &id("so-y-te"))[0].0.id.clone();
    w.of("so-y-te").period_mut(&q1()).task_mut(&other).results = "Bản nháp chưa gửi.".into();
    let period = w.plan.period(&q1()).expect("q1").clone();
    let r = compile(&w.plan, &w.registry, &w.reports, &period, day("2020-03-12"));
    (w, r)
}

#[test]
fn the_province_report_compiles_what_agencies_sent_and_leaves_out_drafts() {
    let (w, r) = compiled_world();
    let task = &w.plan.sections[1].tasks[0];
    let text = r.task(&task.id).expect("compiled").as_str().to_owned();
    assert!(text.contains("Hoàn thành đúng hạn. Giải ngân đạt 95% kế hoạch vốn."), "{text}");
    assert!(r.tasks.iter().all(|t| !t.text.as_str().contains("Bản nháp")));
    assert!(r.general.results.as_str().contains("Đã triển khai."));
    assert!(r.summary.contains("Quý I/2020"));
}

fn document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("document.xml").read_to_string(&mut xml).expect("utf-8");
    xml
}

#[test]
fn the_docx_holds_the_parts_of_decree_30_in_order_with_its_fonts_and_page() {
    let (w, r) = compiled_world();
    let rows = target_rows(&w.plan, &w.registry, &w.reports, day("2020-03-12"));
    let letter = Letter::province(&w.plan, &tra_vinh_workspace(), &r, &rows);
    let xml = document_xml(&docx::render(&letter).expect("docx"));
    let order = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH TRÀ VINH",
        "Số:      /BC-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Trà Vinh, ngày 12 tháng 3 năm 2020",
        "BÁO CÁO",
        "Kết quả thực hiện",
        "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
        "Giải ngân đạt 95%",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
        "Nơi nhận:",
        "- Lưu: VT, THNV.",
        "TM. ỦY BAN NHÂN DÂN",
    ];
    let mut at = 0;
    for part in order {
        let found = xml[at..].find(part).unwrap_or_else(|| panic!("{part:?} missing or out of order"));
        at += found + part.len();
    }
    assert!(xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#), "A4");
    assert!(xml.contains(r#"w:left="1701""#) && xml.contains(r#"w:right="850""#), "30 mm left, 15 mm right");
    assert!(!xml.contains("Arial") && xml.contains(r#"w:ascii="Times New Roman""#));
    let date = xml.find("Trà Vinh, ngày").expect("date");
    let run_start = xml[..date].rfind("<w:r>").expect("run");
    assert!(xml[run_start..date].contains("<w:i"), "the place and date are italic");
    assert!(xml.contains(r#"<w:sz w:val="28""#), "14 pt body");
    assert!(letter.blocks.iter().any(|b| matches!(b, Block::Table { rows, .. } if rows.len() == w.plan.targets.len())));
}

#[test]
fn an_agencys_own_report_is_headed_by_its_parent_and_signed_by_its_submitter() {
    let (w, _) = compiled_world();
    let task = &w.plan.sections[1].tasks[0];
    let lead = task.lead.first().expect("lead");
    let period = w.plan.period(&q1()).expect("q1");
    let report = w.reports.iter().find(|r| &r.agency == lead).and_then(|r| r.period(&q1())).expect("report");
    let letter = Letter::agency(&w.plan, &w.registry, &tra_vinh_workspace(), lead, period, report, day("2020-03-12"));
    assert_eq!(letter.parent, "UBND TỈNH TRÀ VINH");
    assert_eq!(letter.place_date, "Trà Vinh, ngày 08 tháng 3 năm 2020");
    assert_eq!(letter.signer.name, "Trần Thị B");
    let xml = document_xml(&docx::render(&letter).expect("docx"));
    assert!(xml.contains("Giải ngân đạt 95% kế hoạch vốn."));
}

#[test]
fn the_xlsx_reads_back_with_the_same_figures() {
    use calamine::{Data, Reader, Xlsx};
    let mut w = World::new();
    let (agency, target) = with_target_value(&mut w);
    w.of(agency.as_str()).period_mut(&q1()).target_mut(&target.id).value = Some(13.25);
    w.submit(agency.as_str(), &q1(), day("2020-03-05").at_vietnam(9, 0));
    w.submit("so-tai-chinh", &q1(), day("2020-03-12").at_vietnam(9, 0));
    let board = w.board(&Arrivals::new(), "2020-03-20");
    let rows = target_rows(&w.plan, &w.registry, &w.reports, day("2020-03-20"));
    let bytes = xlsx::render(&board, &rows, &[], day("2020-03-20").at_vietnam(9, 0)).expect("xlsx");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    let sheet = book.worksheet_range("Tiến độ báo cáo").expect("board sheet");
    let t0 = 1 + board.columns.len();
    let all = board.totals();
    let last = 2 + board.rows.len();
    let n = |r: usize, c: usize| match sheet.get((r, c)) {
        Some(Data::Float(v)) => *v,
        other => panic!("({r},{c}) is {other:?}"),
    };
    assert_eq!(
        (n(last, t0), n(last, t0 + 1), n(last, t0 + 2)),
        (all.on_time as f64, all.late as f64, all.missing as f64)
    );
    let fin = 2 + board.rows.iter().position(|r| r.agency.as_str() == "so-tai-chinh").expect("row");
    assert_eq!(sheet.get((fin, 0)), Some(&Data::String("Sở Tài chính".into())));
    assert_eq!(n(fin, t0 + 1), 1.0);
    let targets = book.worksheet_range("Chỉ tiêu").expect("targets sheet");
    let line = 1 + rows.iter().position(|r| r.target.id == target.id).expect("row");
    assert_eq!(targets.get((line, 5)), Some(&Data::Float(13.25)));
    assert_eq!(targets.get((line, 1)), Some(&Data::String(target.name.clone())));
}

#[test]
fn a_province_year_board_matches_the_pattern_the_reports_were_made_with() {
    let (registry, parsed) = tra_vinh_2020().expect("builtin");
    let docs = tiendo_core::synthetic::province_year(200).expect("synthetic");
    let reports: Vec<AgencyReports> = docs
        .iter()
        .map(|d| tiendo_core::schema::load::<tiendo_core::schema::ReportsDoc>(&d.bytes).expect("load").1.reports)
        .collect();
    let board = Board::compute(&parsed.plan, &registry, &reports, &[], &Arrivals::new(), day("2021-01-31"));
    for row in &board.rows {
        let at = registry.agencies.iter().position(|a| a.id == row.agency).expect("registered");
        let report = reports.iter().find(|r| r.agency == row.agency).expect("reports");
        for (pi, p) in report.periods.iter().enumerate() {
            let col = board.columns.iter().position(|c| c.period == p.period).expect("column");
            let Some(cell) = &row.cells[col] else { continue };
            let expected = match (at + pi) % 5 {
                0 => "missing",
                1 => "late",
                _ => "on_time",
            };
            let got = match cell.state {
                CellState::OnTime { .. } => "on_time",
                CellState::Late { .. } => "late",
                CellState::Missing { .. } => "missing",
                _ => "other",
            };
            assert_eq!(got, expected, "{} {}", row.agency, p.period);
        }
    }
}

#[test]
fn the_board_folds_the_monthly_periods_into_one_column_and_filters_agencies_by_kind_state_and_name() {
    use tiendo_core::office::board_filter::{BoardFilter, KindFilter, StateFilter};
    let mut w = World::new();
    let due = w.plan.period(&q1()).expect("q1").due;
    w.submit("so-y-te", &q1(), due.at_vietnam(9, 0));
    w.submit("so-tai-chinh", &q1(), due.plus_days(3).at_vietnam(9, 0));
    // Past the due day of December's report (early January).
    let board = w.board(&Arrivals::new(), "2021-03-01");
    let monthly = board.columns.iter().filter(|c| c.label.starts_with("Tháng")).count();
    assert_eq!(monthly, 12);

    let (shown, folded) = BoardFilter::default().apply(&board, &w.plan, &w.registry);
    assert_eq!(shown.columns.len(), board.columns.len() - 12, "the months are one folded column");
    assert!(shown.columns.iter().all(|c| !c.label.starts_with("Tháng")));
    let folded = folded.expect("folded");
    assert_eq!((folded.periods, folded.rows.len()), (12, shown.rows.len()));
    // Sở Kế hoạch và Đầu tư reports monthly and sent none: twelve missing in its folded cell.
    let khdt = shown.rows.iter().position(|r| r.agency.as_str() == "so-khdt").expect("row");
    assert_eq!(folded.rows[khdt].missing, 12);
    assert!(shown.rows.iter().all(|r| r.cells.len() == shown.columns.len()));
    let (unfolded, none) = BoardFilter { monthly: true, ..BoardFilter::default() }.apply(&board, &w.plan, &w.registry);
    assert_eq!((unfolded.columns.len(), none), (board.columns.len(), None));

    let filter = |f: BoardFilter| -> Vec<String> {
        f.apply(&board, &w.plan, &w.registry).0.rows.iter().map(|r| r.agency.to_string()).collect()
    };
    let local = filter(BoardFilter { kind: KindFilter::Local, ..BoardFilter::default() });
    assert_eq!(local.len(), 9, "Trà Vinh's nine district-level units: {local:?}");
    let provincial = filter(BoardFilter { kind: KindFilter::Provincial, ..BoardFilter::default() });
    assert_eq!(local.len() + provincial.len(), board.rows.len());
    assert_eq!(
        filter(BoardFilter { name: "y te".into(), ..BoardFilter::default() }),
        ["so-y-te"],
        "diacritics ignored"
    );
    let late = filter(BoardFilter { state: StateFilter::Late, ..BoardFilter::default() });
    assert_eq!(late, ["so-tai-chinh"]);
    // The footer counts the rows shown: of the one late agency, Q1 was sent late.
    let (only, _) =
        BoardFilter { state: StateFilter::Late, ..BoardFilter::default() }.apply(&board, &w.plan, &w.registry);
    let q1_totals = only.columns.iter().find(|c| c.period == q1()).expect("q1").totals;
    assert_eq!((q1_totals.late, q1_totals.on_time, q1_totals.missing), (1, 0, 0));
    let missing = filter(BoardFilter { state: StateFilter::Missing, ..BoardFilter::default() });
    assert!(missing.contains(&"so-khdt".to_owned()), "{missing:?}");
    // By the year's end everyone has missed some report: nobody is all on time.
    assert!(filter(BoardFilter { state: StateFilter::AllOnTime, ..BoardFilter::default() }).is_empty());
}
