//! Finds the plan's sections, tasks, items and its "Tổ chức thực hiện" part in cleaned lines.

use super::agencies::{read_agencies, split_head};
use super::headings::{mark, Mark};
use super::normalize::Line;
use super::outline::{self, Outline, Scheme};
use super::roles;
use super::warning::{Warning, WarningKind};
use crate::model::Registry;
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
    /// The row of a task table it came from, with its cells.
    pub row: Option<super::table::TableTask>,
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
    /// The line after them in sentence case that is part of the title (`Thực hiện Nghị quyết …`).
    pub subtitle: Option<Paragraph>,
    /// Sections in order.
    pub sections: Vec<RawSection>,
    /// Paragraphs of the "Tổ chức thực hiện" part.
    pub organisation: Vec<Paragraph>,
    /// Paragraphs of the objectives part (`Mục tiêu`, `Chỉ tiêu`), where the plan's own targets are.
    pub objectives: Vec<Paragraph>,
    /// What was not understood.
    pub warnings: Vec<Warning>,
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

/// The key of an outline level: its scheme and depth.
type Level = (Scheme, usize);

/// Titles of parts that are the plan's context (objectives, requirements), never its sections.
const CONTEXT: [&str; 7] = ["muc tieu", "muc dich", "quan diem", "yeu cau", "can cu", "boi canh", "danh gia"];

fn is_context(text: &str) -> bool {
    let f = fold(text);
    CONTEXT.iter().any(|c| f.starts_with(c))
}

/// Whether a part states the plan's objectives or main targets (`MỤC TIÊU, CHỈ TIÊU`,
/// `Các chỉ tiêu chủ yếu`), whose figures are the plan's own targets.
fn is_objectives(text: &str) -> bool {
    let f = fold(text);
    let f = f.strip_prefix("cac ").unwrap_or(&f);
    f.starts_with("muc tieu") || f.starts_with("chi tieu")
}

/// The words of a heading's node after the heading itself: after its colon (`Các chỉ tiêu chủ
/// yếu: GRDP tăng 8%`), else after its words in capitals (`MỤC TIÊU Tăng trưởng 8%`).
fn after_heading(text: &str) -> &str {
    if let Some((_, rest)) = text.split_once(':') {
        return rest.trim();
    }
    let mut rest = text.trim_start();
    while let Some(word) = rest.split_whitespace().next() {
        let letters = word.chars().filter(|c| c.is_alphabetic());
        if letters.clone().next().is_none() && word.chars().any(char::is_alphanumeric) {
            break;
        }
        if letters.clone().any(char::is_lowercase) {
            break;
        }
        rest = rest[word.len()..].trim_start();
    }
    rest
}

/// Whether a node's text (with its labelled child lines) names agencies: registered ones, a
/// group, or names of the kinds agencies have.
fn names_agencies(o: &Outline, n: usize, registry: &Registry) -> bool {
    let node = &o.nodes[n];
    let children: Vec<String> = node.children.iter().map(|c| o.nodes[*c].text.clone()).collect();
    let parts = roles::split_task(&node.text, &children, split_head);
    if parts.words.is_empty() {
        return false;
    }
    let words = read_agencies(&parts.words, registry);
    !words.lead.is_empty()
        || !words.coordinating.is_empty()
        || !words.groups.is_empty()
        || !words.coordinating_groups.is_empty()
        || words.unknown.iter().any(|(name, _)| roles::looks_like_agencies(name))
}

/// Chooses the level that holds the tasks: the one whose items name agencies most often (fewer
/// items win a tie: a list of tasks under few sections); bullets only if nothing else does. With
/// no agencies anywhere, the second level of the outline, as plans number it.
fn task_level(o: &Outline, candidates: &[usize], registry: &Registry) -> Option<Level> {
    let mut scores: std::collections::BTreeMap<Level, (usize, usize)> = std::collections::BTreeMap::new();
    for &n in candidates {
        let key = (o.nodes[n].scheme, o.depth(n));
        let entry = scores.entry(key).or_default();
        entry.1 += 1;
        if names_agencies(o, n, registry) {
            entry.0 += 1;
        }
    }
    let best = |bullets: bool| {
        scores
            .iter()
            .filter(|((scheme, _), (named, _))| *named > 0 && matches!(scheme, Scheme::Bullet(_)) == bullets)
            .max_by_key(|((_, depth), (named, total))| (*named, std::cmp::Reverse(*total), std::cmp::Reverse(*depth)))
            .map(|(k, _)| *k)
    };
    best(false).or_else(|| best(true)).or_else(|| {
        let second = candidates.iter().find(|&&n| o.depth(n) == 1 && !matches!(o.nodes[n].scheme, Scheme::Bullet(_)));
        let first = candidates.iter().find(|&&n| !matches!(o.nodes[n].scheme, Scheme::Bullet(_)));
        second.or(first).map(|&n| (o.nodes[n].scheme, o.depth(n)))
    })
}

/// Splits cleaned lines into header, title, sections with tasks, and the organisation part.
pub fn structure(lines: &[Line], registry: &Registry) -> Structure {
    let mut s = Structure::default();
    let title_at = lines.iter().rposition(|l| is_plan_title(&l.text));
    let body_start = match title_at {
        Some(i) => {
            s.header = lines[..i].to_vec();
            let mut title = Paragraph { line: lines[i].no, text: lines[i].text.clone() };
            let caps = lines[i + 1..].iter().take_while(|l| is_capitals(&l.text)).count();
            // A subtitle in sentence case is part of the title: `KẾ HOẠCH HÀNH ĐỘNG` /
            // `Thực hiện Nghị quyết số 01/NQ-CP …`.
            let bare = caps == 0
                && matches!(
                    fold(&lines[i].text).as_str(),
                    "ke hoach hanh dong" | "chuong trinh hanh dong" | "ke hoach"
                );
            // A bare `KẾ HOẠCH` is followed by what it is about (`Cải cách hành chính … năm
            // 2026`): any short unnumbered line that is not a preamble ending in a colon.
            let subtitle = bare
                && lines.get(i + 1 + caps).is_some_and(|l| {
                    let f = fold(&l.text);
                    let subject = matches!(mark(&l.text), Mark::None)
                        && l.text.chars().count() <= 200
                        && !l.text.trim_end().ends_with(':')
                        && !f.starts_with("can cu");
                    f.starts_with("thuc hien ") || f.starts_with("trien khai ") || subject
                });
            for l in &lines[i + 1..i + 1 + caps] {
                title.text.push(' ');
                title.text.push_str(&l.text);
            }
            s.title = Some(title);
            if subtitle {
                s.subtitle = lines.get(i + 1 + caps).map(|l| Paragraph { line: l.no, text: l.text.clone() });
            }
            i + 1 + usize::from(subtitle)
        }
        None => {
            // No plan title (`QUYẾT ĐỊNH` / `Ban hành Kế hoạch …`, then the parts at once): the
            // lines before the first numbered one are still the decision's header.
            let first = lines.iter().position(|l| matches!(mark(&l.text), Mark::Arabic(..) | Mark::Roman(..)));
            s.header = lines[..first.unwrap_or(0)].to_vec();
            0
        }
    };
    let body = &lines[body_start..];
    let org_at = body.iter().position(|l| is_organisation_heading(&l.text)).unwrap_or(body.len());
    for line in &body[org_at.min(body.len())..].iter().skip(1).collect::<Vec<_>>() {
        let text = line.text.as_str();
        match mark(text) {
            Mark::Arabic(_, rest) | Mark::Bullet(rest) | Mark::Letter(_, rest) => {
                s.organisation.push(Paragraph { line: line.no, text: rest.to_owned() })
            }
            _ => match s.organisation.last_mut() {
                Some(p) => join(&mut p.text, text),
                None => s.organisation.push(Paragraph { line: line.no, text: text.to_owned() }),
            },
        }
    }
    let o = outline::build(&body[..org_at]);
    s.warnings.extend(o.warnings.iter().cloned());
    // Nodes outside the context parts (objectives, requirements).
    let mut candidates = Vec::new();
    let mut stack: Vec<usize> = o.roots.iter().rev().copied().collect();
    while let Some(n) = stack.pop() {
        if is_objectives(&o.nodes[n].text) {
            let own = Paragraph { line: o.nodes[n].line, text: after_heading(&o.nodes[n].text).to_owned() };
            let below = o
                .descendants(n)
                .into_iter()
                .map(|d| Paragraph { line: o.nodes[d].line, text: o.nodes[d].text.clone() });
            s.objectives.extend(std::iter::once(own).chain(below));
        }
        if !o.nodes[n].children.is_empty() && is_context(&o.nodes[n].text) {
            continue;
        }
        candidates.push(n);
        stack.extend(o.nodes[n].children.iter().rev());
    }
    candidates.sort_unstable();
    let Some(level) = task_level(&o, &candidates, registry) else { return s };
    let is_task = |n: usize| (o.nodes[n].scheme, o.depth(n)) == level;
    let tasks: Vec<usize> = candidates.iter().copied().filter(|&n| is_task(n)).collect();
    // Sections: every node at the level of the tasks' parents.
    let parent_level = tasks.iter().filter_map(|&t| o.nodes[t].parent).map(|p| (o.nodes[p].scheme, o.depth(p))).next();
    let mut sections: Vec<usize> = match parent_level {
        Some(pl) => candidates.iter().copied().filter(|&n| (o.nodes[n].scheme, o.depth(n)) == pl).collect(),
        None => Vec::new(),
    };
    sections.retain(|&n| !tasks.contains(&n));
    let section_label = |sec: usize| section_number(&o, sec);
    let mut raw_sections: Vec<RawSection> = sections
        .iter()
        .map(|&sec| RawSection {
            number: section_label(sec),
            title: Paragraph { line: o.nodes[sec].line, text: o.nodes[sec].text.clone() },
            tasks: Vec::new(),
        })
        .collect();
    if tasks.iter().any(|&t| o.nodes[t].parent.is_none_or(|p| !sections.contains(&p))) && sections.is_empty() {
        raw_sections.push(RawSection {
            number: "1".into(),
            title: Paragraph { line: 0, text: String::new() },
            tasks: Vec::new(),
        });
    }
    for &t in &tasks {
        let at = o.nodes[t].parent.and_then(|p| sections.iter().position(|&s| s == p)).unwrap_or(0);
        let Some(section) = raw_sections.get_mut(at) else { continue };
        let number = match o.nodes[t].scheme {
            Scheme::Arabic(d) if d >= 2 => o.nodes[t].label.clone(),
            _ => format!("{}.{}", section.number, o.nodes[t].label),
        };
        let items = o
            .descendants(t)
            .into_iter()
            .map(|d| Paragraph { line: o.nodes[d].line, text: o.nodes[d].text.clone() })
            .collect();
        let body = Paragraph { line: o.nodes[t].line, text: o.nodes[t].text.clone() };
        section.tasks.push(RawTask { number, body, items, row: None });
    }
    // Lists directly under a section (not under a task) are not kept.
    for &sec in &sections {
        for &c in &o.nodes[sec].children {
            if matches!(o.nodes[c].scheme, Scheme::Bullet(_)) && !is_task(c) {
                s.warnings.push(Warning {
                    line: o.nodes[c].line,
                    kind: WarningKind::ItemOutsideTask(o.nodes[c].text.clone()),
                });
            }
        }
    }
    unique_numbers(&o, &sections, &mut raw_sections);
    s.sections = raw_sections;
    s
}

/// A section's number as written, or its part's and its own when parts restart the numbering.
fn section_number(o: &Outline, sec: usize) -> String {
    o.nodes[sec].label.clone()
}

/// Where parts restart the numbering (`I.` `1.` … `II.` `1.` …), sections and tasks are named
/// with their part's number in front: `II.1`, `II.1.2`.
fn unique_numbers(o: &Outline, sections: &[usize], raw: &mut [RawSection]) {
    let mut seen = std::collections::BTreeSet::new();
    let repeated = raw.iter().any(|r| !seen.insert(r.number.clone()));
    if !repeated {
        return;
    }
    for (r, &sec) in raw.iter_mut().zip(sections) {
        let Some(part) = o.nodes[sec].parent else { continue };
        let prefix = o.nodes[part].label.clone();
        r.number = format!("{prefix}.{}", r.number);
        for t in &mut r.tasks {
            t.number = format!("{prefix}.{}", t.number);
        }
    }
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

/// The sections and tasks of a task table, numbered `group.row` (`I.1`, `II.3`).
pub fn table_sections(table: super::table::TaskTable) -> Vec<RawSection> {
    table
        .sections
        .into_iter()
        .map(|sec| RawSection {
            number: sec.number.clone(),
            title: Paragraph { line: sec.line, text: sec.title },
            tasks: sec
                .tasks
                .into_iter()
                .map(|t| RawTask {
                    number: format!("{}.{}", sec.number, t.number),
                    body: Paragraph { line: t.line, text: t.text.clone() },
                    items: Vec::new(),
                    row: Some(t),
                })
                .collect(),
        })
        .collect()
}
