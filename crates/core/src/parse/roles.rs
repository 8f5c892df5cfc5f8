//! Where a task's text names its agencies, and what it says about each one's role.
//!
//! Provinces write the agencies in several places: before a colon at the start
//! (`Sở Tư pháp, Văn phòng UBND tỉnh: …`), in parentheses at the end (`… (Sở Tư pháp chủ trì,
//! phối hợp Văn phòng UBND tỉnh)`), in a sentence (`Giao Sở Tư pháp chủ trì, phối hợp với …
//! thực hiện.`), or on labelled lines under the task (`Cơ quan chủ trì: …`, `Cơ quan phối hợp:
//! …`), which may also give the deadline and the product. This module finds them and rewrites the
//! role words into the one grammar [`super::agencies::read_agencies`] reads: leads first, then
//! `phối hợp` and the coordinating agencies.

use crate::text::fold_ascii;

/// A task's text taken apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskParts {
    /// The agency words as written (for review), empty if none were found.
    pub head: String,
    /// The same rewritten for `read_agencies`.
    pub words: String,
    /// The task's text without them.
    pub text: String,
    /// Items without the labelled lines.
    pub items: Vec<String>,
    /// The deadline as written (`Quý II/2026`), if given.
    pub deadline: Option<String>,
    /// The product as written (`Quyết định của UBND tỉnh`), if given.
    pub product: Option<String>,
}

impl TaskParts {
    /// A task table's row: its cells say which agencies lead and which coordinate.
    pub fn of_row(row: &super::table::TableTask) -> Self {
        let (lead, coordinating) = (row.lead.trim(), row.coordinating.trim());
        let head = match (lead.is_empty(), coordinating.is_empty()) {
            (false, false) => format!("{lead}; {coordinating}"),
            (false, true) => lead.to_owned(),
            _ => coordinating.to_owned(),
        };
        let words = match (lead.is_empty(), coordinating.is_empty()) {
            (false, false) => format!("{lead}, phối hợp {coordinating}"),
            (false, true) => lead.to_owned(),
            (true, false) => format!("phối hợp {coordinating}"),
            (true, true) => String::new(),
        };
        let given = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        Self {
            head,
            words,
            text: row.text.clone(),
            items: Vec::new(),
            deadline: given(&row.deadline),
            product: given(&row.product),
        }
    }
}

/// Labels of the lines that give a task's parts.
const LEAD_LABELS: [&str; 4] = ["co quan chu tri", "don vi chu tri", "co quan, don vi chu tri", "chu tri"];
const COORD_LABELS: [&str; 4] = ["co quan phoi hop", "don vi phoi hop", "co quan, don vi phoi hop", "phoi hop"];
const DEADLINE_LABELS: [&str; 5] =
    ["thoi gian hoan thanh", "thoi han hoan thanh", "thoi gian thuc hien", "thoi han", "tien do thuc hien"];
const PRODUCT_LABELS: [&str; 3] = ["san pham", "ket qua, san pham", "san pham dau ra"];

/// Which labelled part a `Label: value` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Lead,
    Coordinating,
    Deadline,
    Product,
}

/// Finds `Label: value` pieces in `text` (each ends at the next label or at the end); returns
/// them and the text before the first.
fn labelled(text: &str) -> (String, Vec<(Label, String)>) {
    let folded = fold_ascii(text);
    let chars: Vec<char> = text.chars().collect();
    let mut found: Vec<(usize, usize, Label)> = Vec::new();
    let all = [
        (&LEAD_LABELS[..], Label::Lead),
        (&COORD_LABELS[..], Label::Coordinating),
        (&DEADLINE_LABELS[..], Label::Deadline),
        (&PRODUCT_LABELS[..], Label::Product),
    ];
    for (labels, kind) in all {
        for label in labels {
            let mut from = 0;
            while let Some(at) = folded[from..].find(label) {
                let start = from + at;
                let end = start + label.len();
                from = end;
                // A label starts the text or a sentence, and a colon follows it.
                let starts = start == 0 || folded[..start].trim_end().ends_with(['.', ';', ')']);
                let rest = folded[end..].trim_start();
                if starts && rest.starts_with(':') {
                    let colon = end + (folded[end..].len() - rest.len());
                    if !found.iter().any(|(s, e, _)| start < *e && *s < colon + 1) {
                        found.push((start, colon + 1, kind));
                    }
                }
            }
        }
    }
    found.sort_by_key(|(s, _, _)| *s);
    let before = found.first().map_or(chars.len(), |(s, _, _)| *s);
    let mut parts = Vec::new();
    for (i, (_, value_start, kind)) in found.iter().enumerate() {
        let value_end = found.get(i + 1).map_or(chars.len(), |(s, _, _)| *s);
        let value: String = chars[*value_start..value_end].iter().collect();
        let value = value.trim().trim_end_matches(['.', ';']).trim().to_owned();
        if !value.is_empty() {
            parts.push((*kind, value));
        }
    }
    (chars[..before].iter().collect::<String>().trim().to_owned(), parts)
}

/// Rewrites role words into `read_agencies`' grammar: `X chủ trì, Y phối hợp` and `X; Y` become
/// `X, phối hợp Y`; a trailing `chủ trì` is dropped (leads come first anyway).
pub fn normalise_roles(phrase: &str) -> String {
    let phrase = phrase.trim().trim_matches(['(', ')']).trim();
    let chars: Vec<char> = phrase.chars().collect();
    let f = fold_ascii(phrase);
    let slice =
        |a: usize, b: usize| chars[a..b].iter().collect::<String>().trim().trim_matches([',', ';']).trim().to_owned();
    let trimmed = f.trim_end_matches(['.', ' ', ';', ',']);
    for tail in ["phoi hop thuc hien", "phoi hop"] {
        if let Some(lead_end) = trimmed.strip_suffix(tail).map(str::len) {
            if !trimmed[..lead_end].ends_with(' ') && lead_end > 0 {
                continue;
            }
            return match trimmed[..lead_end].rfind("chu tri") {
                Some(ct) => format!("{}, phối hợp {}", slice(0, ct), slice(ct + "chu tri".len(), lead_end)),
                None => format!("phối hợp {}", slice(0, lead_end)),
            };
        }
    }
    for tail in ["chu tri thuc hien", "chu tri"] {
        if let Some(end) = trimmed.strip_suffix(tail).map(str::len) {
            if end > 0 && trimmed[..end].ends_with(' ') {
                return slice(0, end);
            }
        }
    }
    phrase.to_owned()
}

/// A parenthesis without role words, `(X; Y)`, names the lead first and then those who
/// coordinate; with role words it reads as [`normalise_roles`] does.
fn parenthesis_roles(inside: &str) -> String {
    let f = fold_ascii(inside);
    if !f.contains("chu tri") && !f.contains("phoi hop") {
        if let Some(semi) = f.find(';') {
            let chars: Vec<char> = inside.chars().collect();
            let part = |a: usize, b: usize| chars[a..b].iter().collect::<String>().trim().to_owned();
            return format!("{}, phối hợp {}", part(0, semi), part(semi + 1, chars.len()));
        }
    }
    normalise_roles(inside)
}

/// Whether `phrase` reads like agency words: role words, or a name of the kinds agencies have.
pub fn looks_like_agencies(phrase: &str) -> bool {
    let f = fold_ascii(phrase);
    let f = f.trim_start_matches(['(', ' ']);
    let starts = [
        "so ",
        "ubnd",
        "uy ban",
        "van phong",
        "cong an",
        "bo chi huy",
        "ban ",
        "cac so",
        "thue",
        "kho bac",
        "ngan hang",
        "truong ",
        "dai ",
        "bao ",
        "lien minh",
        "hoi ",
        "tinh doan",
        "chi cuc",
        "cuc ",
        "tong cong ty",
        "cac co quan",
        "cac don vi",
        "chu tich",
        "thu truong",
        "giam doc",
        "bhxh",
        "bao hiem xa hoi",
        "mat tran",
    ];
    // A name starts with a capital (`Sở`, `UBND`); `bao gồm …` is not one.
    let capital = phrase.trim_start_matches(['(', ' ']).chars().next().is_some_and(char::is_uppercase);
    f.contains("chu tri") || f.contains("phoi hop") || (capital && starts.iter().any(|s| f.starts_with(s)))
}

/// The parenthesis that ends `text` (before a final `.`): its inside and where it starts.
fn trailing_parenthesis(text: &str) -> Option<(usize, String)> {
    let t = text.trim_end().trim_end_matches(['.', ';']).trim_end();
    let inner_end = t.strip_suffix(')')?.len();
    let open = t[..inner_end].rfind('(')?;
    let inside = t[open + 1..inner_end].trim().to_owned();
    (inside.chars().count() <= 400).then_some((open, inside))
}

/// Verbs that begin a task's action after the agencies named in a sentence.
const ACTIONS: [&str; 30] = [
    "thuc hien",
    "trien khai",
    "to chuc",
    "tham muu",
    "xay dung",
    "theo doi",
    "huong dan",
    "bao cao",
    "ra soat",
    "hoan thien",
    "tiep tuc",
    "chi dao",
    "day manh",
    "nang cao",
    "tang cuong",
    "phat trien",
    "kiem tra",
    "danh gia",
    "de xuat",
    "ban hanh",
    "tuyen truyen",
    "thuc day",
    "ho tro",
    "quan ly",
    "cai thien",
    "rut ngan",
    "bao dam",
    "dam bao",
    "nghien cuu",
    "tap trung",
];

/// Whether `text` opens with agencies and `chủ trì` in its first clause (`Sở Y tế chủ trì,
/// phối hợp với …`), as a `Giao` sentence without its `Giao`.
fn leads_the_sentence(text: &str) -> bool {
    let f = fold_ascii(text);
    let first = f.split(". ").next().unwrap_or_default();
    match first.find(" chu tri") {
        Some(at) if at > 0 => {
            let head: String = text.chars().take(first[..at].chars().count()).collect();
            looks_like_agencies(&head)
        }
        _ => false,
    }
}

/// A `Giao X chủ trì …` sentence in `text`: its agency words, the byte range of the sentence,
/// and what it asks beyond the bare verb (`thực hiện giảm tỷ lệ hộ nghèo 1%`), which stays text.
fn giao(text: &str) -> Option<(std::ops::Range<usize>, String, String)> {
    let giao = [". Giao ", "; Giao "]
        .iter()
        .filter_map(|p| text.find(p).map(|i| i + 2))
        .chain(text.starts_with("Giao ").then_some(0))
        .min();
    // `Sở Y tế chủ trì, phối hợp với … tiếp tục triển khai …`: the same sentence without `Giao`.
    let (start, after) = match giao {
        Some(start) => (start, start + "Giao ".len()),
        None if leads_the_sentence(text) => (0, 0),
        None => return None,
    };
    let end = text[after..].find(". ").map_or(text.len(), |i| after + i + 1);
    let sentence = text[after..end].trim().trim_end_matches(['.', ';']).trim();
    let f = fold_ascii(sentence);
    // The agencies end where the action begins.
    // A verb is a whole word: followed by a space, or ending the sentence.
    let spaced = format!("{f} ");
    let cut = ACTIONS
        .iter()
        .filter_map(|verb| spaced.find(&format!(" {verb} ")))
        .filter(|i| f[..*i].contains("chu tri") || f[..*i].contains("phoi hop"))
        .min()
        .unwrap_or(f.len());
    let words: String = sentence.chars().take(cut).collect();
    let action: String = sentence.chars().skip(cut).collect::<String>().trim().to_owned();
    let bare = ["thuc hien", "trien khai thuc hien", "to chuc thuc hien", "trien khai", "theo doi", "tham muu"]
        .contains(&fold_ascii(&action).as_str());
    let action = if action.is_empty() || bare { String::new() } else { format!("{action}.") };
    (looks_like_agencies(&words) && (f.contains("chu tri") || f.contains("phoi hop"))).then_some((
        start..end,
        words,
        action,
    ))
}

/// Takes a task apart: labelled lines (in its text or as items), then the agencies before a
/// colon, in a closing parenthesis, or in a `Giao …` sentence, whichever the text uses first.
/// `colon_head` is the classic reader of agencies before the colon.
pub fn split_task<'a>(
    body: &'a str,
    items: &[String],
    colon_head: impl Fn(&'a str) -> Option<(&'a str, &'a str)>,
) -> TaskParts {
    let mut parts = TaskParts::default();
    let (before, mut labels) = labelled(body);
    let mut kept_items = Vec::new();
    for item in items {
        let (rest, found) = labelled(item);
        if found.is_empty() {
            kept_items.push(item.clone());
        } else {
            labels.extend(found);
            if !rest.is_empty() {
                kept_items.push(rest);
            }
        }
    }
    parts.items = kept_items;
    let mut lead = Vec::new();
    let mut coordinating = Vec::new();
    for (label, value) in labels {
        match label {
            Label::Lead => lead.push(value),
            Label::Coordinating => coordinating.push(value),
            Label::Deadline => parts.deadline = parts.deadline.or(Some(value)),
            Label::Product => parts.product = parts.product.or(Some(value)),
        }
    }
    if !lead.is_empty() || !coordinating.is_empty() {
        let lead = lead.join(", ");
        let coordinating = coordinating.join(", ");
        parts.head = match (lead.is_empty(), coordinating.is_empty()) {
            (false, false) => format!("{lead}; {coordinating}"),
            (false, true) => lead.clone(),
            _ => coordinating.clone(),
        };
        parts.words = match (lead.is_empty(), coordinating.is_empty()) {
            (false, false) => format!("{lead}, phối hợp {coordinating}"),
            (false, true) => lead,
            _ => format!("phối hợp {coordinating}"),
        };
        parts.text = before;
        return parts;
    }
    if let Some((head, text)) = colon_head(body) {
        parts.head = head.to_owned();
        parts.words = normalise_roles(head);
        parts.text = text.to_owned();
        return parts;
    }
    if let Some((open, inside)) = trailing_parenthesis(&before).filter(|(_, i)| looks_like_agencies(i)) {
        parts.head = inside.clone();
        parts.words = parenthesis_roles(&inside);
        parts.text = before[..open].trim().trim_end_matches([',', ';']).trim().to_owned();
        return parts;
    }
    if let Some((range, words, action)) = giao(&before) {
        parts.head = words.clone();
        parts.words = normalise_roles(&words);
        let mut text = before[..range.start].trim().to_owned();
        for more in [action.as_str(), before[range.end..].trim()] {
            if !more.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(more);
            }
        }
        parts.text = text;
        return parts;
    }
    parts.text = before;
    parts
}

#[cfg(test)]
mod tests;
