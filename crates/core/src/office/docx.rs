//! A [`Letter`] as a Word document in the layout of Nghị định 30/2020: A4, margins 20/20/30/15 mm,
//! Times New Roman, a two-column header, the motto, the italic place and date, `BÁO CÁO`, the
//! body at 14 pt justified with a 1 cm first-line indent, `Nơi nhận:` and the signature block.

use crate::office::error::ExportError;
use crate::office::letter::{Block, Letter, MOTTO};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table, TableCell,
    TableRow, WidthType,
};

/// Font of every run.
pub const FONT: &str = "Times New Roman";
/// Twips per millimetre.
const MM: f64 = 56.6929;
/// A4 in twips.
const A4: (u32, u32) = (11906, 16838);
/// Text width: A4 less 30 mm left and 15 mm right.
const TEXT_WIDTH: usize = 11906 - 1701 - 850;

fn mm(v: f64) -> i32 {
    (v * MM).round() as i32
}

fn run(text: &str, half_points: usize) -> Run {
    Run::new()
        .add_text(text)
        .size(half_points)
        .fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT))
}

fn centred(r: Run) -> Paragraph {
    Paragraph::new().add_run(r).align(AlignmentType::Center).line_spacing(LineSpacing::new().before(0).after(0))
}

/// A short centred rule: an underlined run of no-break spaces.
fn rule(width_chars: usize) -> Paragraph {
    centred(run(&"\u{a0}".repeat(width_chars), 26).underline("single"))
}

fn cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs.into_iter().fold(TableCell::new().width(width, WidthType::Dxa), TableCell::add_paragraph)
}

fn header(letter: &Letter) -> Table {
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
        centred(run(MOTTO[1], 28).bold().underline("single")),
        centred(run("", 26)),
        centred(run(&letter.place_date, 28).italic()),
    ];
    Table::without_borders(vec![TableRow::new(vec![cell(left_w, left), cell(right_w, right)])])
        .set_grid(vec![left_w, right_w])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

fn body_paragraph(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, 28))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(mm(10.0))), None, None)
        .line_spacing(LineSpacing::new().before(0).after(120))
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, 28).bold())
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(mm(10.0))), None, None)
        .line_spacing(LineSpacing::new().before(120).after(120))
        .keep_next(true)
}

fn table(header_cells: &[String], rows: &[Vec<String>]) -> Table {
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
    let row = |cells: &[String], bold: bool| {
        TableRow::new(
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| {
                    let r = run(c, 26);
                    cell(*w, vec![centred(if bold { r.bold() } else { r })])
                })
                .collect(),
        )
    };
    let mut out = vec![row(header_cells, true)];
    out.extend(rows.iter().map(|r| row(r, false)));
    Table::new(out).set_grid(widths).width(TEXT_WIDTH, WidthType::Dxa)
}

fn closing(letter: &Letter) -> Table {
    let left_w = 4200;
    let right_w = TEXT_WIDTH - left_w;
    let mut left = vec![Paragraph::new().add_run(run("Nơi nhận:", 24).bold().italic())];
    let last = letter.recipients.len().saturating_sub(1);
    for (i, r) in letter.recipients.iter().enumerate() {
        let end = if i == last { "." } else { ";" };
        left.push(Paragraph::new().add_run(run(&format!("- {r}{end}"), 22)).line_spacing(LineSpacing::new().after(0)));
    }
    let mut right: Vec<Paragraph> = letter.signer.lines.iter().map(|l| centred(run(l, 28).bold())).collect();
    for _ in 0..4 {
        right.push(centred(run("", 28)));
    }
    right.push(centred(run(&letter.signer.name, 28).bold()));
    Table::without_borders(vec![TableRow::new(vec![cell(left_w, left), cell(right_w, right)])])
        .set_grid(vec![left_w, right_w])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// The letter as `.docx` bytes.
pub fn render(letter: &Letter) -> Result<Vec<u8>, ExportError> {
    let margins = PageMargin {
        top: mm(20.0),
        bottom: mm(20.0),
        left: mm(30.0),
        right: mm(15.0),
        header: 720,
        footer: 720,
        gutter: 0,
    };
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(margins)
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT))
        .default_size(28)
        .add_table(header(letter))
        .add_paragraph(centred(run("", 28)))
        .add_paragraph(centred(run(&letter.title, 28).bold()))
        .add_paragraph(centred(run(&letter.summary, 28).bold()))
        .add_paragraph(rule(16));
    for block in &letter.blocks {
        doc = match block {
            Block::Heading(t) => doc.add_paragraph(heading(t)),
            Block::Subheading(t) => doc.add_paragraph(heading(t)),
            Block::Paragraph(t) => doc.add_paragraph(body_paragraph(t)),
            Block::Table { header: h, rows } => doc.add_table(table(h, rows)).add_paragraph(body_paragraph("")),
        };
    }
    doc = doc.add_paragraph(body_paragraph("")).add_table(closing(letter));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}
