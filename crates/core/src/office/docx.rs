//! A [`Letter`] as a Word document in the layout of Nghị định 30/2020: A4, margins 20/20/30/15 mm,
//! Times New Roman, a two-column header, the motto, the italic place and date, `BÁO CÁO`, the
//! body at 14 pt justified with a 1 cm first-line indent, `Nơi nhận:` and the signature block.

use crate::office::error::ExportError;
use crate::office::letter::{Block, Letter, MOTTO};
use crate::office::ooxml::{self, escape, DECLARATION};

/// Font of every run.
pub const FONT: &str = "Times New Roman";
/// Twips per millimetre.
const MM: f64 = 56.6929;
/// A4 in twips.
const A4: (u32, u32) = (11906, 16838);
/// Text width: A4 less 30 mm left and 15 mm right.
const TEXT_WIDTH: usize = 11906 - 1701 - 850;
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn mm(v: f64) -> i32 {
    (v * MM).round() as i32
}

/// A run of text in one look (size in half points).
#[derive(Debug, Clone)]
struct Run {
    text: String,
    size: usize,
    bold: bool,
    italic: bool,
    underline: bool,
}

impl Run {
    fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    fn underline(mut self) -> Self {
        self.underline = true;
        self
    }
    fn xml(&self) -> String {
        let f = FONT;
        let mut p = format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/>"#);
        if self.bold {
            p.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            p.push_str("<w:i/><w:iCs/>");
        }
        p.push_str(&format!(r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#, self.size));
        if self.underline {
            p.push_str(r#"<w:u w:val="single"/>"#);
        }
        format!(r#"<w:r><w:rPr>{p}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#, escape(&self.text))
    }
}

fn run(text: &str, half_points: usize) -> Run {
    Run { text: text.to_owned(), size: half_points, bold: false, italic: false, underline: false }
}

/// A paragraph: its runs, alignment (`center`, `both`, `left`), spacing before and after
/// (twips), first-line indent, and whether it stays with the next.
#[derive(Debug, Clone)]
struct Paragraph {
    runs: Vec<Run>,
    align: &'static str,
    spacing: (u32, u32),
    first_line: Option<i32>,
    keep_next: bool,
}

impl Paragraph {
    fn new(r: Run) -> Self {
        Self { runs: vec![r], align: "left", spacing: (0, 0), first_line: None, keep_next: false }
    }
    fn xml(&self) -> String {
        let mut p = String::new();
        if self.keep_next {
            p.push_str("<w:keepNext/>");
        }
        p.push_str(&format!(r#"<w:spacing w:before="{}" w:after="{}"/>"#, self.spacing.0, self.spacing.1));
        if let Some(i) = self.first_line {
            p.push_str(&format!(r#"<w:ind w:firstLine="{i}"/>"#));
        }
        p.push_str(&format!(r#"<w:jc w:val="{}"/>"#, self.align));
        let runs: String = self.runs.iter().map(Run::xml).collect();
        format!("<w:p><w:pPr>{p}</w:pPr>{runs}</w:p>")
    }
}

fn centred(r: Run) -> Paragraph {
    Paragraph { align: "center", ..Paragraph::new(r) }
}

/// A short centred rule: an underlined run of no-break spaces.
fn rule(width_chars: usize) -> Paragraph {
    centred(run(&"\u{a0}".repeat(width_chars), 26).underline())
}

fn cell(width: usize, paragraphs: Vec<Paragraph>) -> String {
    let body: String = paragraphs.iter().map(Paragraph::xml).collect();
    let body = if body.is_empty() { centred(run("", 26)).xml() } else { body };
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>"#)
}

/// A table of fixed column widths, with thin borders or none.
fn table_xml(widths: &[usize], rows: &[String], borders: bool) -> String {
    let edge = |side: &str| {
        if borders {
            format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#)
        } else {
            format!(r#"<w:{side} w:val="nil"/>"#)
        }
    };
    let edges: String = ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|s| edge(s)).collect();
    let grid: String = widths.iter().map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#)).collect();
    let rows: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"#
    )
}

fn header(letter: &Letter) -> String {
    let left_w = 3900;
    let right_w = TEXT_WIDTH - left_w;
    let mut left = Vec::new();
    if !letter.parent.is_empty() {
        left.push(centred(run(&letter.parent, 26)));
    }
    for line in letter.issuer.lines() {
        left.push(centred(run(line, 26).bold()));
    }
    left.push(rule(12));
    left.push(centred(run(&letter.number, 26)));
    let right = vec![
        centred(run(MOTTO[0], 24).bold()),
        centred(run(MOTTO[1], 28).bold().underline()),
        centred(run("", 26)),
        centred(run(&letter.place_date, 28).italic()),
    ];
    table_xml(&[left_w, right_w], &[cell(left_w, left) + &cell(right_w, right)], false)
}

fn body_paragraph(text: &str) -> Paragraph {
    Paragraph { align: "both", spacing: (0, 120), first_line: Some(mm(10.0)), ..Paragraph::new(run(text, 28)) }
}

fn heading(text: &str) -> Paragraph {
    Paragraph {
        align: "both",
        spacing: (120, 120),
        first_line: Some(mm(10.0)),
        keep_next: true,
        ..Paragraph::new(run(text, 28).bold())
    }
}

fn table(header_cells: &[String], rows: &[Vec<String>]) -> String {
    let n = header_cells.len().max(1);
    // The first column is a number, the second a name: give the name two fifths of the room.
    let first = 600;
    let name = if n > 2 { (TEXT_WIDTH - first) * 2 / 5 } else { TEXT_WIDTH - first };
    let rest = (TEXT_WIDTH - first - name) / n.saturating_sub(2).max(1);
    let widths: Vec<usize> = (0..n)
        .map(|i| match i {
            0 => first,
            1 => name,
            _ => rest,
        })
        .collect();
    let row = |cells: &[String], bold: bool| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let r = run(c, 26);
                cell(*w, vec![centred(if bold { r.bold() } else { r })])
            })
            .collect()
    };
    let mut out = vec![row(header_cells, true)];
    out.extend(rows.iter().map(|r| row(r, false)));
    table_xml(&widths, &out, true)
}

fn closing(letter: &Letter) -> String {
    let left_w = 4200;
    let right_w = TEXT_WIDTH - left_w;
    let mut left = vec![Paragraph::new(run("Nơi nhận:", 24).bold().italic())];
    let last = letter.recipients.len().saturating_sub(1);
    for (i, r) in letter.recipients.iter().enumerate() {
        let end = if i == last { "." } else { ";" };
        left.push(Paragraph::new(run(&format!("- {r}{end}"), 22)));
    }
    let mut right: Vec<Paragraph> = letter.signer.lines.iter().map(|l| centred(run(l, 28).bold())).collect();
    for _ in 0..4 {
        right.push(centred(run("", 28)));
    }
    right.push(centred(run(&letter.signer.name, 28).bold()));
    table_xml(&[left_w, right_w], &[cell(left_w, left) + &cell(right_w, right)], false)
}

fn styles() -> String {
    let f = FONT;
    format!(
        r#"{DECLARATION}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}" w:eastAsia="{f}"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#
    )
}

/// The letter as `.docx` bytes.
pub fn render(letter: &Letter) -> Result<Vec<u8>, ExportError> {
    let mut body = header(letter);
    for p in [
        centred(run("", 28)),
        centred(run(&letter.title, 28).bold()),
        centred(run(&letter.summary, 28).bold()),
        rule(16),
    ] {
        body.push_str(&p.xml());
    }
    for block in &letter.blocks {
        match block {
            Block::Heading(t) | Block::Subheading(t) => body.push_str(&heading(t).xml()),
            Block::Paragraph(t) => body.push_str(&body_paragraph(t).xml()),
            Block::Table { header: h, rows } => {
                body.push_str(&table(h, rows));
                body.push_str(&body_paragraph("").xml());
            }
        }
    }
    body.push_str(&body_paragraph("").xml());
    body.push_str(&closing(letter));
    let (top, left, right) = (mm(20.0), mm(30.0), mm(15.0));
    let document = format!(
        r#"{DECLARATION}<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr><w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{top}" w:left="{left}" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        A4.0, A4.1
    );
    let word = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let parts = [
        (
            "[Content_Types].xml",
            ooxml::content_types(&[
                ("word/document.xml", &format!("{word}.document.main+xml")),
                ("word/styles.xml", &format!("{word}.styles+xml")),
            ]),
        ),
        ("_rels/.rels", ooxml::package_rels("word/document.xml")),
        ("docProps/core.xml", ooxml::core_props(&letter.title, None)),
        ("word/_rels/document.xml.rels", ooxml::relationships(&[("styles", "styles.xml")])),
        ("word/document.xml", document),
        ("word/styles.xml", styles()),
    ];
    Ok(ooxml::zip(&parts))
}
