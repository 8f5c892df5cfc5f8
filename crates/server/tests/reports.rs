//! `tiendo report export` through the real binary, on a data directory holding a province-year.

mod support;

use support::cli::tiendo;

use std::io::Read;
use tiendo_core::office::{Arrivals, Snapshot};
use tiendo_server::store::DataDir;

/// A data directory with the built-in plan and every agency's filled, mostly submitted reports.
fn province_year() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf8").to_owned();
    assert!(tiendo(&["init", "--data", &data]).status.success());
    let store = DataDir::new(&data);
    for r in tiendo_core::synthetic::province_year(400).expect("synthetic") {
        store.write_doc(&r.id, &r.bytes).expect("write");
    }
    (dir, data)
}

fn document_xml(path: &std::path::Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("file")).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("document.xml").read_to_string(&mut xml).expect("utf-8");
    xml
}

#[test]
fn report_export_writes_the_provinces_docx_and_an_agencys_from_the_servers_data() {
    let (dir, data) = province_year();
    let out = dir.path().join("tinh.docx");
    let o = tiendo(&[
        "report",
        "export",
        "--period",
        "2020-Q1",
        "--format",
        "docx",
        "--out",
        out.to_str().expect("p"),
        "--data",
        &data,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = document_xml(&out);
    let at = |s: &str| xml.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("ỦY BAN NHÂN DÂN") < at("BÁO CÁO") && at("BÁO CÁO") < at("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"));
    assert!(at("Quý I/2020") < at("Nơi nhận:"));
    assert!(xml.contains(": Chưa hoàn thành, còn trong hạn, đạt "), "agencies' words are compiled in");
    let own = dir.path().join("syt.docx");
    let o = tiendo(&[
        "report",
        "export",
        "--period",
        "2020-Q1",
        "--format",
        "docx",
        "--agency",
        "so-y-te",
        "--out",
        own.to_str().expect("p"),
        "--data",
        &data,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = document_xml(&own);
    assert!(xml.contains("SỞ Y TẾ") && xml.contains("UBND TỈNH TRÀ VINH") && xml.contains("/BC-SYT"));
}

#[test]
fn report_export_xlsx_holds_the_same_totals_as_the_board_computed_from_the_same_data() {
    use calamine::{Data, Reader, Xlsx};
    let (dir, data) = province_year();
    let out = dir.path().join("board.xlsx");
    let o = tiendo(&[
        "report",
        "export",
        "--period",
        "2020-Q1",
        "--format",
        "xlsx",
        "--as-of",
        "31/12/2020",
        "--out",
        out.to_str().expect("p"),
        "--data",
        &data,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let snap: Snapshot = tiendo_server::reports::snapshot(&DataDir::new(&data), None).expect("snapshot");
    let board = snap.board(&Arrivals::new(), "2020-12-31".parse().expect("day"));
    let all = board.totals();
    assert!(all.on_time > 0 && all.late > 0 && all.missing > 0, "{all:?}");
    let mut book: Xlsx<_> = calamine::open_workbook(&out).expect("opens");
    let sheet = book.worksheet_range("Tiến độ báo cáo").expect("sheet");
    let (r, c) = (2 + board.rows.len(), 1 + board.columns.len());
    let got: Vec<Option<&Data>> = (0..3).map(|i| sheet.get((r, c + i))).collect();
    let want = [all.on_time, all.late, all.missing].map(|n| Data::Float(n as f64));
    assert_eq!(got, want.iter().map(Some).collect::<Vec<_>>());
}

#[test]
fn report_export_refuses_an_unknown_period_or_agency_and_writes_nothing() {
    let (dir, data) = province_year();
    let out = dir.path().join("x.docx");
    let p = out.to_str().expect("p");
    let o = tiendo(&["report", "export", "--period", "2020-Q9", "--format", "docx", "--out", p, "--data", &data]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no period 2020-Q9"));
    let o = tiendo(&[
        "report", "export", "--period", "2020-Q1", "--format", "docx", "--agency", "so-x", "--out", p, "--data", &data,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no agency so-x"));
    assert!(!out.exists());
}
