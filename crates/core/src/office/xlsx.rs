//! The timeliness board and the targets as an Excel workbook: words in the cells people read,
//! figures as numbers so that they can be summed and charted.

use crate::office::board::{Board, CellState};
use crate::office::error::ExportError;
use crate::office::format;
use crate::office::targets::TargetRow;
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

fn err(e: XlsxError) -> ExportError {
    ExportError::Xlsx(e.to_string())
}

/// A board cell in words: `Đúng hạn`, `Trễ 3 ngày`, `Chưa nộp (quá 5 ngày)`, …
pub fn cell_words(state: CellState) -> String {
    match state {
        CellState::OnTime { arrived: None } => String::from("Đúng hạn"),
        CellState::OnTime { arrived: Some(d) } => format!("Đúng hạn (nhận {})", d.to_vietnamese()),
        CellState::Late { days } => format!("Trễ {days} ngày"),
        CellState::Missing { days_overdue, started: false } => format!("Chưa nộp (quá {days_overdue} ngày)"),
        CellState::Missing { days_overdue, started: true } => format!("Đang soạn, quá hạn {days_overdue} ngày"),
        CellState::Draft { days_left } => format!("Đang soạn (còn {days_left} ngày)"),
        CellState::NotYetDue { days_left } => format!("Chưa đến hạn (còn {days_left} ngày)"),
    }
}

fn fill(state: CellState) -> Color {
    match state {
        CellState::OnTime { .. } => Color::RGB(0xD4EDDA),
        CellState::Late { .. } => Color::RGB(0xFFF3CD),
        CellState::Missing { .. } => Color::RGB(0xF8D7DA),
        CellState::Draft { .. } | CellState::NotYetDue { .. } => Color::RGB(0xFFFFFF),
    }
}

fn base() -> Format {
    Format::new().set_font_name("Times New Roman").set_border(FormatBorder::Thin).set_text_wrap()
}

fn board_sheet(ws: &mut Worksheet, board: &Board) -> Result<(), XlsxError> {
    let head = base().set_bold().set_background_color(Color::RGB(0xE7ECF3));
    ws.set_name("Tiến độ báo cáo")?;
    ws.write_string_with_format(
        0,
        0,
        format!("Tình hình nộp báo cáo đến ngày {}", board.as_of.to_vietnamese()),
        &Format::new().set_bold(),
    )?;
    ws.write_string_with_format(1, 0, "Cơ quan", &head)?;
    ws.set_column_width(0, 34)?;
    for (i, c) in board.columns.iter().enumerate() {
        let col = 1 + i as u16;
        ws.write_string_with_format(1, col, format!("{} (hạn {})", c.label, c.due.to_vietnamese()), &head)?;
        ws.set_column_width(col, 18)?;
    }
    let t0 = 1 + board.columns.len() as u16;
    for (j, name) in ["Đúng hạn", "Trễ hạn", "Chưa nộp"].iter().enumerate() {
        ws.write_string_with_format(1, t0 + j as u16, *name, &head)?;
    }
    for (r, row) in board.rows.iter().enumerate() {
        let line = 2 + r as u32;
        ws.write_string_with_format(line, 0, &row.name, &base())?;
        for (i, cell) in row.cells.iter().enumerate() {
            let col = 1 + i as u16;
            match cell {
                Some(c) => ws.write_string_with_format(
                    line,
                    col,
                    cell_words(c.state),
                    &base().set_background_color(fill(c.state)),
                )?,
                None => ws.write_string_with_format(line, col, "", &base())?,
            };
        }
        for (j, n) in [row.totals.on_time, row.totals.late, row.totals.missing].iter().enumerate() {
            ws.write_number_with_format(line, t0 + j as u16, *n as f64, &base())?;
        }
    }
    let sum = 2 + board.rows.len() as u32;
    ws.write_string_with_format(sum, 0, "Cộng: đúng hạn / trễ hạn / chưa nộp", &head)?;
    for (i, c) in board.columns.iter().enumerate() {
        let t = c.totals;
        ws.write_string_with_format(sum, 1 + i as u16, format!("{} / {} / {}", t.on_time, t.late, t.missing), &head)?;
    }
    let all = board.totals();
    for (j, n) in [all.on_time, all.late, all.missing].iter().enumerate() {
        ws.write_number_with_format(sum, t0 + j as u16, *n as f64, &head)?;
    }
    ws.set_freeze_panes(2, 1)?;
    Ok(())
}

fn targets_sheet(ws: &mut Worksheet, rows: &[TargetRow]) -> Result<(), XlsxError> {
    let head = base().set_bold().set_background_color(Color::RGB(0xE7ECF3));
    ws.set_name("Chỉ tiêu")?;
    let periods: Vec<String> =
        rows.first().map(|r| r.series.iter().map(|p| p.label.clone()).collect()).unwrap_or_default();
    let fixed = ["TT", "Chỉ tiêu", "Nhiệm vụ", "Đơn vị", "Kế hoạch", "Thực hiện", "Ngày số liệu", "Đánh giá"];
    for (i, h) in fixed.iter().chain(periods.iter().map(String::as_str).collect::<Vec<_>>().iter()).enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &head)?;
    }
    ws.set_column_width(1, 40)?;
    for (i, r) in rows.iter().enumerate() {
        let line = 1 + i as u32;
        ws.write_number_with_format(line, 0, (i + 1) as f64, &base())?;
        ws.write_string_with_format(line, 1, &r.target.name, &base())?;
        ws.write_string_with_format(line, 2, r.target.task.as_str(), &base())?;
        ws.write_string_with_format(line, 3, &r.target.unit, &base())?;
        ws.write_string_with_format(line, 4, &r.planned, &base())?;
        match r.latest.as_ref().map(|l| (l.value.value, l.value.achieved)) {
            Some((Some(v), _)) => ws.write_number_with_format(line, 5, v, &base())?,
            Some((None, Some(a))) => {
                ws.write_string_with_format(line, 5, if a { "Đạt" } else { "Chưa đạt" }, &base())?
            }
            _ => ws.write_string_with_format(line, 5, "", &base())?,
        };
        let day = r.latest.as_ref().map(|l| l.day.to_vietnamese()).unwrap_or_default();
        ws.write_string_with_format(line, 6, day, &base())?;
        ws.write_string_with_format(line, 7, format::evaluation(r.evaluation), &base())?;
        for (j, p) in r.series.iter().enumerate() {
            let col = (fixed.len() + j) as u16;
            match p.reading.as_ref().and_then(|x| x.value.value) {
                Some(v) => ws.write_number_with_format(line, col, v, &base())?,
                None => ws.write_string_with_format(line, col, "", &base())?,
            };
        }
    }
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}

/// The workbook: the board, then the targets. `created` is written as the file's creation time
/// (the same inputs give the same bytes).
pub fn render(board: &Board, targets: &[TargetRow], created_ms: i64) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    let when = chrono::DateTime::from_timestamp_millis(created_ms).unwrap_or_default().naive_utc();
    let stamp = ExcelDateTime::parse_from_str(&when.format("%Y-%m-%dT%H:%M:%SZ").to_string()).map_err(err)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&stamp).set_title("Tiến độ"));
    board_sheet(wb.add_worksheet(), board).map_err(err)?;
    targets_sheet(wb.add_worksheet(), targets).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}
