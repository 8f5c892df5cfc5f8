//! Task tables: most provinces' plans of the last years list their tasks in an appendix table
//! (`Phụ lục: Danh mục nhiệm vụ`, columns STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |
//! Thời gian hoàn thành | Sản phẩm). Pasted, a table's cells come separated by tabs or bars, or
//! one cell per line (as Word copies them); read from a `.docx`, its rows come as tab-separated
//! lines. The columns are found by their headers; a row numbered `I`, `II` (or `A`, `B`) without
//! agencies is a group of tasks: a section.

use super::headings::roman_value;
use super::normalize::Line;
use crate::text::fold;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The row's number.
    Number,
    /// The task.
    Text,
    /// Lead agencies.
    Lead,
    /// Coordinating agencies.
    Coordinating,
    /// The deadline.
    Deadline,
    /// The product.
    Product,
    /// Anything else (notes).
    Other,
}

fn column_of(header: &str) -> Option<Column> {
    let f = fold(header);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    Some(if f == "stt" || f == "tt" || f == "so tt" {
        Column::Number
    } else if f.contains("chu tri") || f == "co quan thuc hien" || f == "don vi thuc hien" {
        Column::Lead
    } else if f.contains("phoi hop") {
        Column::Coordinating
    } else if f.contains("nhiem vu") || f.contains("noi dung") || f.contains("giai phap") || f.contains("ten de an") {
        Column::Text
    } else if f.contains("thoi gian") || f.contains("thoi han") || f.contains("tien do") {
        Column::Deadline
    } else if f.contains("san pham") || f.contains("ket qua") || f.contains("hinh thuc") {
        Column::Product
    } else if f.contains("ghi chu") {
        Column::Other
    } else {
        return None;
    })
}

/// One task row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableTask {
    /// 1-based line of the row.
    pub line: usize,
    /// Its number as written.
    pub number: String,
    /// The task.
    pub text: String,
    /// Lead agencies as written.
    pub lead: String,
    /// Coordinating agencies as written.
    pub coordinating: String,
    /// Deadline as written.
    pub deadline: String,
    /// Product as written.
    pub product: String,
}

/// One group of rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableSection {
    /// 1-based line of its row.
    pub line: usize,
    /// Its number as written (`I`), or `1` for the rows before any group.
    pub number: String,
    /// Its title.
    pub title: String,
    /// Its tasks.
    pub tasks: Vec<TableTask>,
}

/// A task table found in a text: its groups and the lines it covers (they are not read again as
/// prose).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTable {
    /// Groups with their tasks, in order.
    pub sections: Vec<TableSection>,
    /// The line numbers the table covers.
    pub lines: std::ops::RangeInclusive<usize>,
}

/// The cells of a raw line, if it is a table row (tabs, or two or more bars).
fn cells(raw: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = if raw.contains('\t') {
        raw.split('\t').collect()
    } else if raw.matches('|').count() >= 2 {
        let t = raw.trim().trim_start_matches('|').trim_end_matches('|');
        t.split('|').collect()
    } else {
        return None;
    };
    let cells: Vec<String> = parts.iter().map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    (cells.len() >= 2).then_some(cells)
}

/// The columns a header row names, if it is one (a number, a task and an agency column).
fn header(cells: &[String]) -> Option<Vec<Column>> {
    let cols: Vec<Column> = cells.iter().map(|c| column_of(c).unwrap_or(Column::Other)).collect();
    let has = |c: Column| cols.contains(&c);
    (has(Column::Number) && has(Column::Text) && (has(Column::Lead) || has(Column::Coordinating))).then_some(cols)
}

/// What a row's number says: a task number, or a group.
enum RowNumber {
    Task(String),
    Group(String),
    None,
}

fn row_number(s: &str) -> RowNumber {
    let t = s.trim().trim_end_matches(['.', ')']);
    if !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        RowNumber::Task(t.to_owned())
    } else if roman_value(t).is_some() || (t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase())) {
        RowNumber::Group(t.to_owned())
    } else {
        RowNumber::None
    }
}

/// Builds the groups from rows of cells.
struct Builder {
    columns: Vec<Column>,
    sections: Vec<TableSection>,
}

impl Builder {
    fn new(columns: Vec<Column>) -> Self {
        Self { columns, sections: Vec::new() }
    }

    fn row(&mut self, line: usize, cells: &[String]) {
        let get = |col: Column| -> String {
            self.columns
                .iter()
                .zip(cells)
                .filter(|(c, _)| **c == col)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let number = get(Column::Number);
        let text = get(Column::Text);
        let (lead, coordinating) = (get(Column::Lead), get(Column::Coordinating));
        match row_number(&number) {
            RowNumber::Group(n) if lead.is_empty() && coordinating.is_empty() => {
                let title = if text.is_empty() {
                    cells.iter().skip(1).find(|c| !c.is_empty()).cloned().unwrap_or_default()
                } else {
                    text
                };
                self.sections.push(TableSection { line, number: n, title, tasks: Vec::new() });
            }
            RowNumber::Task(n) => {
                if self.sections.is_empty() {
                    self.sections.push(TableSection { line, number: "1".into(), ..TableSection::default() });
                }
                let task = TableTask {
                    line,
                    number: n,
                    text,
                    lead,
                    coordinating,
                    deadline: get(Column::Deadline),
                    product: get(Column::Product),
                };
                if let Some(s) = self.sections.last_mut() {
                    s.tasks.push(task);
                }
            }
            // A row without a number continues the task above (a cell broken across lines).
            _ => {
                if let Some(t) = self.sections.last_mut().and_then(|s| s.tasks.last_mut()) {
                    for (field, more) in [(&mut t.text, text), (&mut t.lead, lead), (&mut t.coordinating, coordinating)]
                    {
                        if !more.is_empty() {
                            if !field.is_empty() {
                                field.push(' ');
                            }
                            field.push_str(&more);
                        }
                    }
                }
            }
        }
    }
}

/// Whether a line ends the table (the plan's closing parts).
fn ends_table(text: &str) -> bool {
    let f = fold(text);
    let f = f.trim_start_matches(|c: char| !c.is_alphabetic());
    ["to chuc thuc hien", "noi nhan", "kinh phi thuc hien"].iter().any(|e| f.starts_with(e))
}

/// A table with separated cells (tabs or bars) in the raw text.
fn delimited(raw: &str) -> Option<TaskTable> {
    let lines: Vec<&str> = raw.lines().collect();
    let (at, columns) =
        lines.iter().enumerate().find_map(|(i, l)| cells(l).and_then(|c| header(&c)).map(|h| (i, h)))?;
    let mut b = Builder::new(columns);
    let mut last = at;
    for (i, l) in lines.iter().enumerate().skip(at + 1) {
        let no = i + 1;
        match cells(l) {
            Some(c) => {
                b.row(no, &c);
                last = i;
            }
            None if l.trim().is_empty() => {}
            None if ends_table(l) || i > last + 2 => break,
            // A cell broken across lines by the copy: the text goes on.
            None => {
                b.row(no, &[String::new(), l.trim().to_owned()]);
                last = i;
            }
        }
    }
    let table = TaskTable { sections: b.sections, lines: (at + 1)..=(last + 1) };
    table.sections.iter().any(|s| !s.tasks.is_empty()).then_some(table)
}

/// A table copied one cell per line: a run of header lines, then rows that start with a number.
fn cell_per_line(lines: &[Line]) -> Option<TaskTable> {
    let start = lines.iter().position(|l| column_of(&l.text) == Some(Column::Number))?;
    let columns: Vec<Column> = lines[start..]
        .iter()
        .map_while(|l| (l.text.chars().count() <= 40).then(|| column_of(&l.text)).flatten())
        .collect();
    let has = |c: Column| columns.contains(&c);
    if !(has(Column::Text) && (has(Column::Lead) || has(Column::Coordinating))) {
        return None;
    }
    let after = start + columns.len();
    let mut b = Builder::new(columns.clone());
    let mut row: Option<(usize, Vec<String>)> = None;
    let mut last = after;
    let mut next_task = 1u32;
    let flush = |b: &mut Builder, row: &mut Option<(usize, Vec<String>)>| {
        if let Some((line, mut cells)) = row.take() {
            // Too many lines for the columns: the task's text ran over several paragraphs.
            let want = columns.len();
            let text_at = columns.iter().position(|c| *c == Column::Text).unwrap_or(1);
            while cells.len() > want && text_at + 1 < cells.len() {
                let more = cells.remove(text_at + 1);
                cells[text_at].push(' ');
                cells[text_at].push_str(&more);
            }
            b.row(line, &cells);
        }
    };
    for (i, l) in lines.iter().enumerate().skip(after) {
        if ends_table(&l.text) {
            break;
        }
        let starts_row = match row_number(&l.text) {
            RowNumber::Task(n) => n == next_task.to_string(),
            RowNumber::Group(_) => l.text.chars().count() <= 4,
            RowNumber::None => false,
        };
        if starts_row {
            flush(&mut b, &mut row);
            if let RowNumber::Task(_) = row_number(&l.text) {
                next_task += 1;
            }
            row = Some((l.no, vec![l.text.clone()]));
        } else if let Some((_, cells)) = row.as_mut() {
            cells.push(l.text.clone());
        } else {
            break;
        }
        last = i;
    }
    flush(&mut b, &mut row);
    let table = TaskTable { sections: b.sections, lines: lines[start].no..=lines[last.min(lines.len() - 1)].no };
    table.sections.iter().any(|s| !s.tasks.is_empty()).then_some(table)
}

/// The task table of a plan text, if it has one.
pub fn find(raw: &str, lines: &[Line]) -> Option<TaskTable> {
    delimited(raw).or_else(|| cell_per_line(lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_separated_table_is_read_by_its_headers_with_groups_as_sections() {
        let raw = "PHỤ LỤC\nSTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm\n\
                   I\tCải cách thể chế\t\t\t\t\n\
                   1\tRà soát văn bản\tSở Tư pháp\tSở Nội vụ\tQuý II/2026\tBáo cáo\n\
                   2\tXây dựng quy chế\tVăn phòng UBND tỉnh\t\tCả năm\tQuyết định của UBND tỉnh\n\
                   II\tKinh tế\t\t\t\t\n\
                   3\tThu hút đầu tư\tSở Tài chính\tCác sở, ngành\tThường xuyên\t\n\
                   TỔ CHỨC THỰC HIỆN\n";
        let lines = super::super::normalize::normalize(raw);
        let t = find(raw, &lines).expect("a table");
        assert_eq!(t.sections.len(), 2);
        assert_eq!(t.sections[0].title, "Cải cách thể chế");
        assert_eq!(t.sections[0].tasks[1].product, "Quyết định của UBND tỉnh");
        assert_eq!(t.sections[1].tasks[0].coordinating, "Các sở, ngành");
        assert_eq!(t.sections[1].tasks[0].deadline, "Thường xuyên");
        assert_eq!(t.lines, 2..=7);
    }

    #[test]
    fn a_table_copied_one_cell_per_line_is_read_row_by_row() {
        let raw = "STT\nNhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nThời hạn\nI\nThể chế\n1\nRà soát văn bản\nSở Tư pháp\nSở Nội vụ\nQuý II/2026\n2\nXây dựng quy chế\nmột đoạn nữa\nVăn phòng UBND tỉnh\nSở Tư pháp\nCả năm\nTổ chức thực hiện\n";
        let lines = super::super::normalize::normalize(raw);
        let t = find(raw, &lines).expect("a table");
        assert_eq!(t.sections.len(), 1);
        let tasks = &t.sections[0].tasks;
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[1].text, "Xây dựng quy chế một đoạn nữa");
        assert_eq!(tasks[1].lead, "Văn phòng UBND tỉnh");
        assert_eq!(tasks[1].deadline, "Cả năm");
    }
}
