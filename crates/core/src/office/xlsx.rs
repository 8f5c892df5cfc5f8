//! The timeliness board and the targets as an Excel workbook: words in the cells people read,
//! figures as numbers so that they can be summed and charted.

use crate::office::board::{Board, CellState};
use crate::office::error::ExportError;
use crate::office::format;
use crate::office::league::LeagueTable;
use crate::office::ooxml::{self, escape, DECLARATION, REL};
use crate::office::targets::TargetRow;

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

/// The cell formats of `xl/styles.xml`, by index: Times New Roman throughout; the table cells
/// with thin borders and wrapped text; the header grey; board cells coloured by state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    Title = 1,
    Base = 2,
    Head = 3,
    OnTime = 4,
    Late = 5,
    Missing = 6,
}

fn look(state: CellState) -> Look {
    match state {
        CellState::OnTime { .. } => Look::OnTime,
        CellState::Late { .. } => Look::Late,
        CellState::Missing { .. } => Look::Missing,
        CellState::Draft { .. } | CellState::NotYetDue { .. } => Look::Base,
    }
}

fn styles() -> String {
    let font = |bold: bool| {
        format!(
            r#"<font>{}<sz val="11"/><name val="Times New Roman"/><family val="1"/></font>"#,
            if bold { "<b/>" } else { "" }
        )
    };
    let fill = |rgb: &str| {
        format!(
            r#"<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/><bgColor indexed="64"/></patternFill></fill>"#
        )
    };
    let xf = |font: u8, fill: u8, border: u8| {
        format!(
            r#"<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="{}"/></xf>"#,
            u8::from(border == 1)
        )
    };
    let thin = r#"<left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/>"#;
    format!(
        r#"{DECLARATION}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2">{}{}</fonts><fills count="6"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>{}{}{}{}</fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>{thin}</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>{}{}{}{}{}{}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#,
        font(false),
        font(true),
        fill("E7ECF3"),
        fill("D4EDDA"),
        fill("FFF3CD"),
        fill("F8D7DA"),
        xf(1, 0, 0),
        xf(0, 0, 1),
        xf(1, 2, 1),
        xf(0, 3, 1),
        xf(0, 4, 1),
        xf(0, 5, 1),
    )
}

/// `A`, `B`, …, `Z`, `AA`, … for column `col` (from 0).
fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut name = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        name.push(b'A' + d as u8);
        n = (n - 1) / 26;
    }
    name.iter().rev().map(|b| *b as char).collect()
}

/// One worksheet being written: rows of cells, column widths, frozen panes.
#[derive(Debug, Default)]
struct Sheet {
    rows: Vec<Vec<String>>,
    widths: Vec<(usize, f64)>,
    freeze: (usize, usize),
    /// The length in characters of each text, to give rows of wrapped text their height
    /// (spreadsheet programs do not all work it out when opening a file).
    lengths: Vec<(usize, usize, usize)>,
}

/// Points per line of 11 pt text.
const LINE_PT: f64 = 15.0;
/// Width of a column not given one (characters).
const DEFAULT_WIDTH: f64 = 8.43;

impl Sheet {
    fn put(&mut self, row: usize, col: usize, cell: String) {
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let r = &mut self.rows[row];
        if r.len() <= col {
            r.resize_with(col + 1, String::new);
        }
        r[col] = cell;
    }

    fn text(&mut self, row: usize, col: usize, text: impl AsRef<str>, look: Look) {
        let at = format!("{}{}", column_name(col), row + 1);
        if look != Look::Title {
            self.lengths.push((row, col, text.as_ref().chars().count()));
        }
        let t = escape(text.as_ref());
        self.put(
            row,
            col,
            format!(r#"<c r="{at}" s="{}" t="inlineStr"><is><t xml:space="preserve">{t}</t></is></c>"#, look as u8),
        );
    }

    fn number(&mut self, row: usize, col: usize, value: f64, look: Look) {
        if !value.is_finite() {
            return self.text(row, col, "", look);
        }
        let at = format!("{}{}", column_name(col), row + 1);
        self.put(row, col, format!(r#"<c r="{at}" s="{}"><v>{value}</v></c>"#, look as u8));
    }

    fn xml(&self) -> String {
        let (rows, cols) = self.freeze;
        let pane = format!(
            r#"<pane xSplit="{cols}" ySplit="{rows}" topLeftCell="{}{}" activePane="bottomRight" state="frozen"/>"#,
            column_name(cols),
            rows + 1
        );
        let mut widths = self.widths.clone();
        widths.sort_by_key(|(c, _)| *c);
        let cols: String = widths
            .iter()
            .map(|(c, w)| format!(r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#, c + 1))
            .collect();
        // `<cols>` must hold at least one column when present.
        let cols = if cols.is_empty() { cols } else { format!("<cols>{cols}</cols>") };
        let width = |col: usize| widths.iter().find(|(c, _)| *c == col).map_or(DEFAULT_WIDTH, |(_, w)| *w);
        let mut lines = vec![1.0_f64; self.rows.len()];
        for &(row, col, len) in &self.lengths {
            let wrapped = (len as f64 / (width(col) - 1.0).max(1.0)).ceil();
            lines[row] = lines[row].max(wrapped);
        }
        let data: String = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, cells)| {
                let height = match lines[i] {
                    n if n > 1.0 => format!(r#" ht="{}" customHeight="1""#, n * LINE_PT),
                    _ => String::new(),
                };
                format!(r#"<row r="{}"{height}>{}</row>"#, i + 1, cells.concat())
            })
            .collect();
        format!(
            r#"{DECLARATION}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{REL}"><sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>{cols}<sheetData>{data}</sheetData></worksheet>"#
        )
    }
}

fn board_sheet(board: &Board) -> Sheet {
    let mut ws = Sheet { freeze: (2, 1), ..Sheet::default() };
    ws.text(0, 0, format!("Tình hình nộp báo cáo đến ngày {}", board.as_of.to_vietnamese()), Look::Title);
    ws.text(1, 0, "Cơ quan", Look::Head);
    ws.widths.push((0, 34.0));
    for (i, c) in board.columns.iter().enumerate() {
        ws.text(1, 1 + i, format!("{} (hạn {})", c.label, c.due.to_vietnamese()), Look::Head);
        ws.widths.push((1 + i, 18.0));
    }
    let t0 = 1 + board.columns.len();
    for (j, name) in ["Đúng hạn", "Trễ hạn", "Chưa nộp", "Bị trả lại"].iter().enumerate() {
        ws.text(1, t0 + j, name, Look::Head);
    }
    for (r, row) in board.rows.iter().enumerate() {
        let line = 2 + r;
        ws.text(line, 0, &row.name, Look::Base);
        for (i, cell) in row.cells.iter().enumerate() {
            match cell {
                Some(c) => ws.text(line, 1 + i, cell_words(c.state), look(c.state)),
                None => ws.text(line, 1 + i, "", Look::Base),
            }
        }
        let t = row.totals;
        for (j, n) in [t.on_time, t.late, t.missing, t.returned].iter().enumerate() {
            ws.number(line, t0 + j, *n as f64, Look::Base);
        }
    }
    let sum = 2 + board.rows.len();
    ws.text(sum, 0, "Cộng: đúng hạn / trễ hạn / chưa nộp / bị trả lại", Look::Head);
    for (i, c) in board.columns.iter().enumerate() {
        let t = c.totals;
        ws.text(sum, 1 + i, format!("{} / {} / {} / {}", t.on_time, t.late, t.missing, t.returned), Look::Head);
    }
    let all = board.totals();
    for (j, n) in [all.on_time, all.late, all.missing, all.returned].iter().enumerate() {
        ws.number(sum, t0 + j, *n as f64, Look::Head);
    }
    ws
}

fn targets_sheet(rows: &[TargetRow]) -> Sheet {
    let mut ws = Sheet { freeze: (1, 2), ..Sheet::default() };
    let periods: Vec<String> =
        rows.first().map(|r| r.series.iter().map(|p| p.label.clone()).collect()).unwrap_or_default();
    let fixed = ["TT", "Chỉ tiêu", "Nhiệm vụ", "Đơn vị", "Kế hoạch", "Thực hiện", "Ngày số liệu", "Đánh giá"];
    for (i, h) in fixed.iter().copied().chain(periods.iter().map(String::as_str)).enumerate() {
        ws.text(0, i, h, Look::Head);
    }
    ws.widths.push((1, 40.0));
    for (i, r) in rows.iter().enumerate() {
        let line = 1 + i;
        ws.number(line, 0, (i + 1) as f64, Look::Base);
        ws.text(line, 1, &r.target.name, Look::Base);
        ws.text(line, 2, r.target.task.as_str(), Look::Base);
        ws.text(line, 3, &r.target.unit, Look::Base);
        ws.text(line, 4, &r.planned, Look::Base);
        match r.latest.as_ref().map(|l| (l.value.value, l.value.achieved)) {
            Some((Some(v), _)) => ws.number(line, 5, v, Look::Base),
            Some((None, Some(a))) => ws.text(line, 5, if a { "Đạt" } else { "Chưa đạt" }, Look::Base),
            _ => ws.text(line, 5, "", Look::Base),
        }
        let day = r.latest.as_ref().map(|l| l.day.to_vietnamese()).unwrap_or_default();
        ws.text(line, 6, day, Look::Base);
        ws.text(line, 7, format::evaluation(r.evaluation), Look::Base);
        for (j, p) in r.series.iter().enumerate() {
            match p.reading.as_ref().and_then(|x| x.value.value) {
                Some(v) => ws.number(line, fixed.len() + j, v, Look::Base),
                None => ws.text(line, fixed.len() + j, "", Look::Base),
            }
        }
    }
    ws
}

/// The league tables, one under the other: place, agency, reports on time / late / missing /
/// returned, tasks done on time / late / not done.
fn league_sheet(tables: &[LeagueTable]) -> Sheet {
    let mut ws = Sheet { freeze: (0, 2), ..Sheet::default() };
    ws.widths.push((1, 34.0));
    let heads = [
        "Hạng",
        "Cơ quan",
        "Báo cáo đúng hạn",
        "Báo cáo trễ hạn",
        "Chưa nộp",
        "Bị trả lại",
        "Nhiệm vụ hoàn thành đúng hạn",
        "Hoàn thành trễ hạn",
        "Chưa hoàn thành",
    ];
    let mut line = 0;
    for t in tables {
        ws.text(line, 0, format!("Xếp hạng {}", t.label), Look::Title);
        for (i, h) in heads.iter().enumerate() {
            ws.text(line + 1, i, h, Look::Head);
        }
        for (r, row) in t.rows.iter().enumerate() {
            let at = line + 2 + r;
            ws.number(at, 0, row.rank as f64, Look::Base);
            ws.text(at, 1, &row.name, Look::Base);
            let counts = [
                row.on_time,
                row.late,
                row.missing,
                row.returned,
                row.tasks_on_time,
                row.tasks_late,
                row.tasks_not_done,
            ];
            for (j, n) in counts.iter().enumerate() {
                ws.number(at, 2 + j, *n as f64, Look::Base);
            }
        }
        line += t.rows.len() + 3;
    }
    ws
}

/// The workbook: the board, then the targets. `created` is written as the file's creation time
/// (the same inputs give the same bytes).
pub fn render(
    board: &Board,
    targets: &[TargetRow],
    leagues: &[LeagueTable],
    created_ms: i64,
) -> Result<Vec<u8>, ExportError> {
    let names = ["Tiến độ báo cáo", "Chỉ tiêu", "Xếp hạng"];
    let sheets: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!(r#"<sheet name="{}" sheetId="{id}" r:id="rId{id}"/>"#, escape(n), id = i + 1))
        .collect();
    let workbook = format!(
        r#"{DECLARATION}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{REL}"><sheets>{sheets}</sheets></workbook>"#
    );
    let workbook_rels = ooxml::relationships(&[
        ("worksheet", "worksheets/sheet1.xml"),
        ("worksheet", "worksheets/sheet2.xml"),
        ("worksheet", "worksheets/sheet3.xml"),
        ("styles", "styles.xml"),
    ]);
    let sml = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let (main, sheet, style) =
        (format!("{sml}.sheet.main+xml"), format!("{sml}.worksheet+xml"), format!("{sml}.styles+xml"));
    let parts = [
        (
            "[Content_Types].xml",
            ooxml::content_types(&[
                ("xl/workbook.xml", &main),
                ("xl/worksheets/sheet1.xml", &sheet),
                ("xl/worksheets/sheet2.xml", &sheet),
                ("xl/worksheets/sheet3.xml", &sheet),
                ("xl/styles.xml", &style),
            ]),
        ),
        ("_rels/.rels", ooxml::package_rels("xl/workbook.xml")),
        ("docProps/core.xml", ooxml::core_props("Tiến độ", Some(created_ms))),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/worksheets/sheet1.xml", board_sheet(board).xml()),
        ("xl/worksheets/sheet2.xml", targets_sheet(targets).xml()),
        ("xl/worksheets/sheet3.xml", league_sheet(leagues).xml()),
        ("xl/styles.xml", styles()),
    ];
    Ok(ooxml::zip(&parts))
}
