//! Finds the plan's sections, tasks, items and its "Tổ chức thực hiện" part in cleaned lines.

use super::headings::{mark, roman_value, Mark};
use super::normalize::Line;
use super::warning::{Warning, WarningKind};
use crate::text::fold;

/// A paragraph: lines joined, with the number of its first line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based line number of its first line.
    pub line: usize,
    /// Joined text.
    pub text: String,
}

/// A task as found, before its agencies and targets are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTask {
    /// Its number as an id: `3.4` or `III.2`.
    pub number: String,
    /// Agencies, colon and text, joined.
    pub body: Paragraph,
    /// Bullet or lettered items.
    pub items: Vec<Paragraph>,
}

/// A section as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSection {
    /// Its number as written: `3` or `III`.
    pub number: String,
    /// Its heading, joined.
    pub title: Paragraph,
    /// Its tasks.
    pub tasks: Vec<RawTask>,
}

/// The shape of a plan text.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    /// Lines before the plan's title (the decision).
    pub header: Vec<Line>,
    /// The plan's title lines (capitals), joined.
    pub title: Option<Paragraph>,
    /// Sections in order.
    pub sections: Vec<RawSection>,
    /// Paragraphs of the "Tổ chức thực hiện" part.
    pub organisation: Vec<Paragraph>,
    /// What was not understood.
    pub warnings: Vec<Warning>,
}

/// Whether task number `n` skips one or two numbers after `count` tasks and starts an agency head.
fn skipped(n: u32, count: u32, rest: &str) -> bool {
    (count + 2..=count + 3).contains(&n) && rest.chars().take(200).collect::<String>().contains(':')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `1.` sections, `1.1.` tasks (Trà Vinh 2020).
    Arabic,
    /// `I.` sections, `1.` tasks.
    Roman,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Preamble,
    SectionTitle,
    TaskBody,
    Item,
    Organisation,
}

fn is_plan_title(text: &str) -> bool {
    let f = fold(text);
    let upper = text.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase());
    upper && (f.starts_with("ke hoach hanh dong") || f.starts_with("chuong trinh hanh dong") || f == "ke hoach")
}

fn is_organisation_heading(text: &str) -> bool {
    if text.chars().count() > 60 {
        return false;
    }
    let f = fold(text);
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric());
    let f = f.strip_prefix("phan ").unwrap_or(f);
    let f = match f.split_once(". ") {
        Some((num, rest)) if num.chars().all(|c| c.is_ascii_digit() || "ivxl".contains(c)) => rest,
        _ => f,
    };
    f.starts_with("to chuc thuc hien")
}

/// Splits cleaned lines into header, title, sections with tasks, and the organisation part.
pub fn structure(lines: &[Line]) -> Structure {
    let mut s = Structure::default();
    let title_at = lines.iter().rposition(|l| is_plan_title(&l.text));
    let body_start = match title_at {
        Some(i) => {
            s.header = lines[..i].to_vec();
            let mut title = Paragraph { line: lines[i].no, text: lines[i].text.clone() };
            for l in lines[i + 1..].iter().take_while(|l| is_capitals(&l.text)) {
                title.text.push(' ');
                title.text.push_str(&l.text);
            }
            s.title = Some(title);
            i + 1
        }
        None => 0,
    };
    let body = &lines[body_start..];
    let layout = body
        .iter()
        .find_map(|l| match mark(&l.text) {
            Mark::Roman(..) if !is_organisation_heading(&l.text) => Some(Layout::Roman),
            Mark::Arabic(..) => Some(Layout::Arabic),
            _ => None,
        })
        .unwrap_or(Layout::Arabic);

    let mut open = Open::Preamble;
    let mut last_line_text = String::new();
    for line in body {
        let text = line.text.as_str();
        if open != Open::Organisation && is_organisation_heading(text) {
            open = Open::Organisation;
            continue;
        }
        if open == Open::Organisation {
            match mark(text) {
                Mark::Arabic(_, rest) | Mark::Bullet(rest) | Mark::Letter(_, rest) => {
                    s.organisation.push(Paragraph { line: line.no, text: rest.to_owned() })
                }
                _ => match s.organisation.last_mut() {
                    Some(p) => join(&mut p.text, text),
                    None => s.organisation.push(Paragraph { line: line.no, text: text.to_owned() }),
                },
            }
            continue;
        }
        let next_section = s.sections.len() as u32 + 1;
        let task_count = s.sections.last().map_or(0, |sec| sec.tasks.len() as u32);
        let m = mark(text);
        let heading = match (&m, layout) {
            (Mark::Arabic(n, rest), Layout::Arabic) if n.as_slice() == [next_section] => {
                Some(Heading::Section(next_section.to_string(), rest))
            }
            (Mark::Arabic(n, rest), Layout::Arabic)
                if n.len() == 2 && n[0] + 1 == next_section && n[1] == task_count + 1 =>
            {
                Some(Heading::Task(format!("{}.{}", n[0], n[1]), rest))
            }
            // A skipped number (`1.2` then `1.4`) is a typo in the decision, not a line broken
            // before a number, when an agency head with its colon follows.
            (Mark::Arabic(n, rest), Layout::Arabic)
                if n.len() == 2 && n[0] + 1 == next_section && skipped(n[1], task_count, rest) =>
            {
                s.warnings.push(Warning { line: line.no, kind: WarningKind::NumberingGap(text.to_owned()) });
                Some(Heading::Task(format!("{}.{}", n[0], n[1]), rest))
            }
            (Mark::Roman(r, rest), Layout::Roman) if *r == next_section => Some(Heading::Section(roman_of(text), rest)),
            (Mark::Arabic(n, rest), Layout::Roman)
                if n.len() == 1 && !s.sections.is_empty() && n[0] == task_count + 1 =>
            {
                let sec = s.sections.last().map(|x| x.number.clone()).unwrap_or_default();
                Some(Heading::Task(format!("{}.{}", sec, n[0]), rest))
            }
            (Mark::Bullet(rest), _) if !is_broken_dash(rest, &last_line_text) && open != Open::Preamble => {
                Some(Heading::Item(rest))
            }
            (Mark::Letter(_, rest), _) if open != Open::Preamble => Some(Heading::Item(rest)),
            _ => None,
        };
        last_line_text = text.to_owned();
        match heading {
            Some(Heading::Section(number, rest)) => {
                s.sections.push(RawSection {
                    number,
                    title: Paragraph { line: line.no, text: rest.to_owned() },
                    tasks: Vec::new(),
                });
                open = Open::SectionTitle;
            }
            Some(Heading::Task(number, rest)) => {
                if let Some(sec) = s.sections.last_mut() {
                    sec.tasks.push(RawTask {
                        number,
                        body: Paragraph { line: line.no, text: rest.to_owned() },
                        items: Vec::new(),
                    });
                    open = Open::TaskBody;
                }
            }
            Some(Heading::Item(rest)) => match s.sections.last_mut().and_then(|sec| sec.tasks.last_mut()) {
                Some(task) if open != Open::SectionTitle => {
                    task.items.push(Paragraph { line: line.no, text: rest.to_owned() });
                    open = Open::Item;
                }
                _ => {
                    s.warnings.push(Warning { line: line.no, kind: WarningKind::ItemOutsideTask(rest.to_owned()) });
                }
            },
            None => {
                let target = match open {
                    Open::Preamble | Open::Organisation => None,
                    Open::SectionTitle => s.sections.last_mut().map(|sec| &mut sec.title.text),
                    Open::TaskBody => {
                        s.sections.last_mut().and_then(|sec| sec.tasks.last_mut()).map(|t| &mut t.body.text)
                    }
                    Open::Item => s
                        .sections
                        .last_mut()
                        .and_then(|sec| sec.tasks.last_mut())
                        .and_then(|t| t.items.last_mut())
                        .map(|p| &mut p.text),
                };
                if let Some(t) = target {
                    join(t, text);
                    if matches!(m, Mark::Arabic(..) | Mark::Roman(..)) && looks_like_heading(text) {
                        s.warnings.push(Warning { line: line.no, kind: WarningKind::OutOfSequence(text.to_owned()) });
                    }
                }
            }
        }
    }
    s
}

enum Heading<'a> {
    Section(String, &'a str),
    Task(String, &'a str),
    Item(&'a str),
}

fn roman_of(text: &str) -> String {
    let r: String = text.chars().take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L')).collect();
    debug_assert!(roman_value(&r).is_some());
    r
}

fn join(to: &mut String, more: &str) {
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(more);
}

fn is_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase())
}

/// `kinh tế\n- xã hội` is a word split at a dash, not an item: a lower-case start after a line
/// that does not end a clause.
fn is_broken_dash(rest: &str, previous: &str) -> bool {
    let lower_start = rest.chars().next().is_some_and(char::is_lowercase);
    let ended = previous.ends_with([':', ';', '.', '!', '?']);
    lower_start && !ended
}

/// A numbered line that came out of sequence but reads like a heading (capital after number).
fn looks_like_heading(text: &str) -> bool {
    text.split_once(' ').is_some_and(|(_, rest)| rest.chars().next().is_some_and(char::is_uppercase))
}
