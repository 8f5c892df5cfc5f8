//! The outline of a plan's body, inferred rather than assumed: which numbering schemes the text
//! uses (`Phần I`, `I.`, `1.`, `1.1.`, `1.1.1.`, `a)`, `a.`, `-`, `+`, `*`) and how they nest in
//! this document. Each numbered line opens a node under the nearest open node of another scheme,
//! or beside the open node of its own scheme when it continues that node's numbering; any other
//! line continues the open node's text. Which level holds the tasks is decided afterwards (by
//! which level names agencies), not here.

use super::headings::{mark, Mark};
use super::normalize::Line;
use super::warning::{Warning, WarningKind};

/// A numbering scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// `Phần I`, `PHẦN II`.
    Part,
    /// `I.`, `II.`.
    Roman,
    /// `1.`, `1.1.`, `1.1.1.`: the depth of the number.
    Arabic(u8),
    /// `a)`, `b.`.
    Letter,
    /// `-`, `+`, `*`, `•`.
    Bullet(char),
}

/// One numbered line and what follows it up to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Its scheme.
    pub scheme: Scheme,
    /// Its number: `[2, 3]` for `2.3.`, `[4]` for `IV.` or `d)`, `[]` for a bullet.
    pub number: Vec<u32>,
    /// The number as written: `2.3`, `IV`, `d`.
    pub label: String,
    /// 1-based line of its first line.
    pub line: usize,
    /// Its text after the number, lines joined.
    pub text: String,
    /// Its children, by index.
    pub children: Vec<usize>,
    /// Its parent, by index.
    pub parent: Option<usize>,
}

/// The nodes of a body, in text order.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Every node; a node's children come after it.
    pub nodes: Vec<Node>,
    /// The top-level nodes.
    pub roots: Vec<usize>,
    /// What did not fit the numbering.
    pub warnings: Vec<Warning>,
}

/// `Phần I` / `PHẦN THỨ NHẤT` are not marks of [`mark`]; the rest are.
fn numbered(text: &str) -> Option<(Scheme, Vec<u32>, String, &str)> {
    let folded_start: String = text.chars().take(5).flat_map(char::to_lowercase).collect();
    if folded_start == "phần " {
        let rest = text.split_once(' ')?.1;
        let numeral: String = rest.chars().take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L')).collect();
        let value = super::headings::roman_value(&numeral)?;
        let after = rest[numeral.len()..].trim_start_matches(['.', ':', ')']).trim_start();
        return Some((Scheme::Part, vec![value], numeral, after));
    }
    match mark(text) {
        Mark::Arabic(n, rest) => {
            let label = n.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
            let depth = u8::try_from(n.len()).ok()?;
            Some((Scheme::Arabic(depth), n, label, rest))
        }
        Mark::Roman(v, rest) => {
            let label: String = text.chars().take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L')).collect();
            Some((Scheme::Roman, vec![v], label, rest))
        }
        Mark::Letter(v, rest) => Some((Scheme::Letter, vec![v], text.chars().take(1).collect(), rest)),
        Mark::Bullet(rest) => {
            let c = text.chars().next().map(|c| if c == '–' { '-' } else { c }).unwrap_or('-');
            Some((Scheme::Bullet(c), Vec::new(), String::new(), rest))
        }
        Mark::None => None,
    }
}

/// Whether `number` continues `prev`'s numbering in `scheme`; `Some(true)` if it skips one or
/// two numbers (a typo in the decision, taken when an agency head with its colon follows).
fn continues(scheme: Scheme, prev: &[u32], number: &[u32], rest: &str) -> Option<bool> {
    if matches!(scheme, Scheme::Bullet(_)) {
        return Some(false);
    }
    let (Some(last), Some(prev_last)) = (number.last(), prev.last()) else { return None };
    if number.len() != prev.len() || number[..number.len() - 1] != prev[..prev.len() - 1] {
        return None;
    }
    if *last == prev_last + 1 {
        return Some(false);
    }
    let skipped = (prev_last + 2..=prev_last + 3).contains(last)
        && matches!(scheme, Scheme::Arabic(d) if d >= 2)
        && rest.chars().take(200).collect::<String>().contains(':');
    skipped.then_some(true)
}

/// Whether a new list of `scheme` may start here with `number` under `parent`.
fn starts(scheme: Scheme, number: &[u32], parent: Option<&Node>) -> bool {
    match scheme {
        Scheme::Bullet(_) => parent.is_some(),
        Scheme::Arabic(d) if d >= 2 => {
            number.last() == Some(&1)
                && parent.is_none_or(|p| match p.scheme {
                    Scheme::Arabic(pd) if pd + 1 == d => p.number[..] == number[..number.len() - 1],
                    _ => true,
                })
        }
        _ => number == [1],
    }
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

fn join(to: &mut String, more: &str) {
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(more);
}

/// Reads the outline of `body` (the lines after the plan's title, up to its organisation part).
pub fn build(body: &[Line]) -> Outline {
    let mut o = Outline::default();
    let mut open: Vec<usize> = Vec::new();
    let mut previous = String::new();
    for line in body {
        let text = line.text.as_str();
        let parsed = numbered(text).filter(|(scheme, _, _, rest)| match scheme {
            Scheme::Bullet(_) => !is_broken_dash(rest, &previous) && !open.is_empty(),
            _ => true,
        });
        previous = text.to_owned();
        let mut placed = false;
        if let Some((scheme, number, label, rest)) = parsed {
            let sibling = open.iter().rposition(|&n| o.nodes[n].scheme == scheme);
            let place = match sibling {
                Some(pos) => match continues(scheme, &o.nodes[open[pos]].number, &number, rest) {
                    Some(gap) => {
                        if gap {
                            o.warnings
                                .push(Warning { line: line.no, kind: WarningKind::NumberingGap(text.to_owned()) });
                        }
                        Some((pos, o.nodes[open[pos]].parent))
                    }
                    None => None,
                },
                None => {
                    let parent = open.last().copied();
                    starts(scheme, &number, parent.map(|p| &o.nodes[p])).then_some((open.len(), parent))
                }
            };
            if let Some((keep, parent)) = place {
                open.truncate(keep);
                let id = o.nodes.len();
                o.nodes.push(Node {
                    scheme,
                    number,
                    label,
                    line: line.no,
                    text: rest.to_owned(),
                    children: Vec::new(),
                    parent,
                });
                match parent {
                    Some(p) => o.nodes[p].children.push(id),
                    None => o.roots.push(id),
                }
                open.push(id);
                placed = true;
            } else if !open.is_empty() && !matches!(scheme, Scheme::Bullet(_)) && looks_like_heading(text) {
                o.warnings.push(Warning { line: line.no, kind: WarningKind::OutOfSequence(text.to_owned()) });
            }
        }
        if !placed {
            if let Some(&top) = open.last() {
                join(&mut o.nodes[top].text, text);
            }
        }
    }
    o
}

impl Outline {
    /// The depth of a node (top level: 0).
    pub fn depth(&self, mut n: usize) -> usize {
        let mut d = 0;
        while let Some(p) = self.nodes[n].parent {
            d += 1;
            n = p;
        }
        d
    }

    /// Every descendant of `n`, in text order.
    pub fn descendants(&self, n: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.nodes[n].children.iter().rev().copied().collect();
        while let Some(c) = stack.pop() {
            out.push(c);
            stack.extend(self.nodes[c].children.iter().rev());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        super::super::normalize::normalize(text)
    }

    fn shape(o: &Outline) -> Vec<(usize, String)> {
        (0..o.nodes.len()).map(|n| (o.depth(n), o.nodes[n].label.clone())).collect()
    }

    #[test]
    fn roman_parts_with_arabic_sections_and_dotted_tasks_nest_in_that_order() {
        let o = build(&lines(
            "I. MỤC TIÊU\n1. Mục tiêu chung\nTăng trưởng.\nII. NHIỆM VỤ, GIẢI PHÁP\n1. Phát triển kinh tế\n1.1. Sở A: làm.\n- ý một\n1.2. Sở B: làm.\n2. Xã hội\n2.1. Sở C: làm.",
        ));
        let labels: Vec<(usize, String)> = shape(&o);
        assert_eq!(
            labels,
            [(0, "I"), (1, "1"), (0, "II"), (1, "1"), (2, "1.1"), (3, ""), (2, "1.2"), (1, "2"), (2, "2.1")]
                .map(|(d, l)| (d, l.to_owned()))
        );
        assert_eq!(o.nodes[1].text, "Mục tiêu chung Tăng trưởng.");
    }

    #[test]
    fn a_number_out_of_sequence_is_text_and_a_broken_dash_joins_its_line() {
        let o = build(&lines("1. Một\n1.1. Sở A: làm kinh tế\n- xã hội\n2020. Năm\n1.3. Sở B: tiếp tục làm."));
        assert_eq!(o.nodes.len(), 3, "{:?}", shape(&o));
        assert_eq!(o.nodes[1].text, "Sở A: làm kinh tế - xã hội 2020. Năm");
        assert!(matches!(o.warnings[0].kind, WarningKind::NumberingGap(_)));
    }

    #[test]
    fn lettered_items_under_arabic_sections_and_parts_are_nodes() {
        let o = build(&lines("Phần I. MỤC TIÊU\nPhần II. NHIỆM VỤ\n1. Kinh tế\na) Hoàn thiện thể chế (Sở Tư pháp chủ trì).\nb. Cải cách hành chính.\n+ nhỏ"));
        assert_eq!(
            shape(&o),
            [(0, "I"), (0, "II"), (1, "1"), (2, "a"), (2, "b"), (3, "")].map(|(d, l)| (d, l.to_owned()))
        );
    }
}
