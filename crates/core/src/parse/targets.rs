//! Finds quantitative targets and milestones in task text.

use crate::ids::{AgencyId, TargetId, TaskId};
use crate::model::{Target, TargetKind};
use crate::text::fold_ascii;

/// Multi-word units, folded, longest first.
const UNITS: &[&str] = &[
    "tien bo ky thuat",
    "hop tac xa",
    "du an",
    "truong",
    "giao vien",
    "to hop tac",
    "doanh nghiep",
    "san pham",
    "luot khach",
    "ty dong",
    "trieu dong",
    "tieu chi",
    "lao dong",
    "nguoi",
    "xa",
    "ho",
    "ap",
    "km",
];
/// Words before a figure that mean it is not a target (document numbers, dates, roads).
const NOT_BEFORE: &[&str] = &[
    "so",
    "ngay",
    "thang",
    "nam",
    "giai doan",
    "khoa",
    "lan thu",
    "loai",
    "dieu",
    "khoan",
    "quoc lo",
    "tinh lo",
    "nghi dinh",
    "thong tu",
];
const LEAD_FILLERS: &[&str] = &[
    "phan dau",
    "trong do",
    "dong thoi",
    "cuoi nam",
    "den nam",
    "den cuoi nam",
    "nam",
    "co",
    "dat",
    "duy tri",
    "tiep tuc",
    "moi nam",
];
const TAIL_FILLERS: &[&str] = &[
    "dat",
    "co",
    "tu",
    "duoi muc",
    "duoi",
    "it nhat",
    "toi thieu",
    "tren",
    "khong qua",
    "toi da",
    "duy tri",
    "muc",
    "khoang",
    "la",
    "o muc",
    "con",
    "va",
];
/// Verbs before a count that make it a target (`phát triển mới 500 doanh nghiệp`, `thêm 10 xã`).
const COUNT_VERBS: &[&str] = &[
    "phat trien moi",
    "thanh lap moi",
    "them",
    "chuyen giao",
    "thu hut",
    "ho tro",
    "dao tao",
    "xay dung",
    "dat",
    "thu ngan sach nha nuoc dat",
];

/// Words after a figure that end its name.
const AFTER_STOPS: &[&str] = &["theo", "trong", "nham", "de", "so voi", "nam"];

struct Figure {
    start: usize,
    end: usize,
    kind: TargetKind,
    unit: String,
    unit_at: usize,
}

fn number_at(f: &str, at: usize) -> Option<(f64, usize)> {
    let b = f.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = at;
    let mut text = String::new();
    loop {
        while digit(i) {
            text.push(b[i] as char);
            i += 1;
        }
        // `1.000` is a thousand; `13,5` is thirteen and a half.
        if b.get(i) == Some(&b'.') && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4) {
            i += 1;
            continue;
        }
        if b.get(i) == Some(&b',') && digit(i + 1) && !text.contains('.') {
            text.push('.');
            i += 1;
            continue;
        }
        break;
    }
    if text.is_empty() {
        return None;
    }
    Some((text.parse().ok()?, i))
}

fn skip_spaces(f: &str, mut i: usize) -> usize {
    while f.as_bytes().get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

fn ends_with_word(before: &str, words: &[&str]) -> bool {
    let t = before.trim_end_matches([' ', '(']);
    words.iter().any(|w| t == *w || t.ends_with(&format!(" {w}")) || t.ends_with(&format!("({w}")))
}

/// Reads the figures of one clause (folded text `f`).
fn figures(f: &str, in_striving: bool) -> Vec<Figure> {
    let b = f.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'/' | b'.' | b'-' | b','));
        if !(b[i].is_ascii_digit() && boundary) {
            i += 1;
            continue;
        }
        let start = i;
        let Some((n1, mut j)) = number_at(f, i) else { break };
        let mut kind = None;
        let after = skip_spaces(f, j);
        if b.get(j) == Some(&b'/') {
            match number_at(f, j + 1) {
                Some((n2, k)) if !matches!(b.get(k), Some(b'/' | b'-')) => {
                    kind = Some(TargetKind::CountOfTotal { count: n1, total: n2 });
                    j = k;
                }
                _ => {
                    i = j + 1;
                    while i < b.len() && b[i] != b' ' {
                        i += 1;
                    }
                    continue;
                }
            }
        } else if matches!(b.get(after), Some(b'-')) {
            let k0 = skip_spaces(f, after + 1);
            if let Some((n2, k)) = number_at(f, k0) {
                if n2 > n1 {
                    kind = Some(TargetKind::Range { min: n1, max: n2 });
                    j = k;
                }
            }
        }
        if b.get(j)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_digit))
        {
            i = j;
            continue;
        }
        let u = skip_spaces(f, j);
        let (unit, mut end) = if b.get(u) == Some(&b'%') {
            ("%".to_owned(), u + 1)
        } else {
            let rest = &f[u..];
            let unit = UNITS.iter().find(|w| {
                rest.starts_with(*w) && rest[w.len()..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric())
            });
            match unit {
                Some(w) => ((*w).to_owned(), u + w.len()),
                None => (rest.split([' ', ',', ';', ')']).next().unwrap_or("").to_owned(), u),
            }
        };
        let before = &f[..start];
        let year_like = (1900.0..=2100.0).contains(&n1) && unit != "%";
        let excluded = ends_with_word(before, NOT_BEFORE) || year_like || unit.is_empty();
        let rest_after = f[skip_spaces(f, end)..].to_owned();
        let trailing_min = rest_after.starts_with("tro len");
        if trailing_min {
            end = skip_spaces(f, end) + "tro len".len();
        }
        let bounded =
            ends_with_word(before, &["duoi muc", "duoi", "khong qua", "toi da", "it nhat", "toi thieu", "tu", "tren"])
                || trailing_min;
        let count_of_total = matches!(kind, Some(TargetKind::CountOfTotal { .. } | TargetKind::Range { .. }));
        let counted = UNITS.contains(&unit.as_str()) && ends_with_word(before, COUNT_VERBS);
        let accept = !excluded && (unit == "%" || in_striving || bounded || count_of_total || counted);
        if accept {
            let kind = kind.unwrap_or_else(|| {
                if ends_with_word(before, &["duoi muc", "duoi", "thap hon"]) {
                    TargetKind::Maximum { value: n1, strict: true }
                } else if ends_with_word(before, &["khong qua", "toi da", "khong vuot qua"]) {
                    TargetKind::Maximum { value: n1, strict: false }
                } else if bounded {
                    TargetKind::Minimum { value: n1 }
                } else {
                    TargetKind::Exact { value: n1 }
                }
            });
            let unit = if unit == "%" || UNITS.contains(&unit.as_str()) { unit } else { String::new() };
            out.push(Figure { start, end: if unit.is_empty() { j } else { end }, kind, unit, unit_at: u });
        }
        i = end.max(j).max(i + 1);
    }
    out
}

/// Splits on `", "`, `;`, `(`, `)` and `". "`, keeping decimal commas and points.
fn clauses(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..b.len() {
        let cut = matches!(b[i], b';' | b'(' | b')')
            || (matches!(b[i], b',' | b'.') && b.get(i + 1).is_none_or(|c| *c == b' '));
        if cut {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, b.len()));
    out.into_iter().filter(|(a, z)| z > a).collect()
}

fn strip_words(words: &[&str], lead: &[&str], tail: &[&str]) -> (usize, usize) {
    let folded: Vec<String> =
        words.iter().map(|w| fold_ascii(w).trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_owned()).collect();
    let (mut a, mut z) = (0, words.len());
    'outer: loop {
        for phrase in lead {
            let n = phrase.split(' ').count();
            if z - a >= n && folded[a..a + n].join(" ") == *phrase {
                a += n;
                while a < z && folded[a].chars().all(|c| c.is_ascii_digit()) {
                    a += 1;
                }
                continue 'outer;
            }
        }
        for phrase in tail {
            let n = phrase.split(' ').count();
            if z - a >= n && folded[z - n..z].join(" ") == *phrase {
                z -= n;
                continue 'outer;
            }
        }
        break;
    }
    (a, z)
}

fn name_of(original: &str, clause: (usize, usize), from: usize, fig: &Figure) -> String {
    let chars: Vec<char> = original.chars().collect();
    let slice = |a: usize, z: usize| chars[a..z].iter().collect::<String>();
    // After another figure in the same clause, the words between belong to that figure.
    let before = if from > clause.0 { String::new() } else { slice(clause.0, fig.start) };
    let before_words: Vec<&str> = before.split_whitespace().collect();
    let (a, z) = strip_words(&before_words, LEAD_FILLERS, TAIL_FILLERS);
    let mut name = before_words[a..z].join(" ");
    let unit_text = if fig.unit == "%" || fig.unit.is_empty() {
        String::new()
    } else {
        slice(fig.unit_at, fig.unit_at + fig.unit.len())
    };
    let after = slice(fig.end.min(clause.1), clause.1);
    let after_words: Vec<&str> = after.split_whitespace().take(12).collect();
    let stop = after_words
        .iter()
        .position(|w| {
            let fw = fold_ascii(w);
            fw.chars().next().is_some_and(|c| c.is_ascii_digit()) || AFTER_STOPS.contains(&fw.as_str())
        })
        .unwrap_or(after_words.len());
    let (_, stop) = strip_words(&after_words[..stop], &[], TAIL_FILLERS);
    for part in [unit_text.as_str(), &after_words[..stop].join(" ")] {
        if !part.is_empty() {
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(part);
        }
    }
    name.trim_matches(|c: char| c == ',' || c == ' ').to_owned()
}

/// Finds the targets in a task's text and items. Ids are `{task}/t{n}` in order of appearance.
pub fn find_targets(task: &TaskId, texts: &[&str], responsible: &[AgencyId]) -> Vec<Target> {
    let mut out = Vec::new();
    for text in texts {
        let f = fold_ascii(text);
        let mut striving_from = None;
        let mut previous: Option<(usize, usize)> = None;
        for (a, z) in clauses(&f) {
            let clause = &f[a..z];
            if let Some(p) = clause.find("phan dau") {
                striving_from = Some(a + p);
            }
            let in_striving = striving_from.is_some_and(|s| s <= a + clause.len());
            let mut push = |kind: TargetKind, unit: String, name: String| {
                let id = TargetId::new(format!("{task}/t{}", out.len() + 1));
                if let Ok(id) = id {
                    out.push(Target { id, task: task.clone(), name, kind, unit, responsible: responsible.to_vec() });
                }
            };
            if clause.contains("khong con") || clause.contains("do thi loai") {
                for piece in milestone_pieces(text, &f, (a, z)) {
                    push(TargetKind::Milestone, String::new(), piece);
                }
                continue;
            }
            let mut from = a;
            for fig in figures(clause, in_striving) {
                let fig = Figure { start: fig.start + a, end: fig.end + a, unit_at: fig.unit_at + a, ..fig };
                let mut name = name_of(text, (a, z), from, &fig);
                if name.is_empty() {
                    // `xử lý nợ xấu (duy trì dưới mức 2%)`: the name is in the clause before.
                    name = previous
                        .map(|(pa, pz)| {
                            name_of(
                                text,
                                (pa, pz),
                                pa,
                                &Figure {
                                    start: pz,
                                    end: pz,
                                    unit_at: pz,
                                    kind: TargetKind::Milestone,
                                    unit: String::new(),
                                },
                            )
                        })
                        .unwrap_or_default();
                }
                from = fig.end;
                let unit = if fig.unit == "%" {
                    fig.unit
                } else {
                    text.chars().skip(fig.unit_at).take(fig.unit.len()).collect()
                };
                push(fig.kind, unit, name);
            }
            if f[z..].starts_with('.') || f[z..].starts_with(';') {
                striving_from = None;
            }
            previous = Some((a, z));
        }
    }
    out
}

/// Milestones: each `… đô thị loại II` (split at "và"), or a whole `không còn …` clause.
fn milestone_pieces(original: &str, f: &str, (a, z): (usize, usize)) -> Vec<String> {
    let chars: Vec<char> = original.chars().collect();
    let clause = &f[a..z];
    let mut pieces = Vec::new();
    let mut from = 0;
    for part in clause.split(" va ") {
        let len = part.len();
        let text: String = chars[a + from..a + from + len].iter().collect();
        let words: Vec<&str> = text.split_whitespace().collect();
        let (s, e) = strip_words(&words, LEAD_FILLERS, &[]);
        let piece = words[s..e].join(" ");
        let fp = fold_ascii(&piece);
        if fp.contains("do thi loai") || fp.contains("khong con") {
            pieces.push(piece);
        }
        from += len + " va ".len();
    }
    pieces
}
