//! Reads the decision's metadata from the text before the plan: number, date, issuer, signer.

use super::normalize::Line;
use super::structure::Paragraph;
use super::warning::{Warning, WarningKind};
use crate::day::Day;
use crate::model::Decision;
use crate::text::{fold, fold_ascii};

/// Metadata read from the header.
#[derive(Debug, Clone)]
pub struct Header {
    /// The decision.
    pub decision: Decision,
    /// The plan's title.
    pub title: String,
    /// The year the plan covers.
    pub year: i32,
}

/// `Trà Vinh` from `TRÀ VINH`: each word capitalised.
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) => c.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Chủ tịch` from `CHỦ TỊCH`: the first letter capitalised.
fn sentence_case(s: &str) -> String {
    // Numbers of documents keep their capitals (`11/NQ-CP`, `43/2022/QH15`).
    let words: Vec<String> = s
        .split(' ')
        .map(|w| if w.chars().any(|c| c.is_ascii_digit()) { w.to_owned() } else { w.to_lowercase() })
        .collect();
    let mut lower = words.join(" ");
    // Names that Vietnamese writes with a capital wherever they stand.
    for name in ["nghị quyết", "chính phủ", "quốc hội", "thủ tướng", "ủy ban nhân dân", "hội đồng nhân dân", "tỉnh ủy"]
    {
        let mut cs = name.chars();
        let capital: String = cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default();
        lower = lower.replace(name, &capital);
    }
    let mut cs = lower.chars();
    cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
}

fn first_date(text: &str) -> Option<Day> {
    let f = fold_ascii(text);
    f.match_indices("ngay ").find_map(|(at, _)| {
        let w: Vec<&str> = f[at + 5..].split([' ', ',']).filter(|w| !w.is_empty()).take(5).collect();
        match w.as_slice() {
            [d, "thang", m, "nam", y] => Day::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
            _ => None,
        }
    })
}

fn between<'a>(text: &'a str, from_folded: &str, until: &[&str]) -> Option<&'a str> {
    let f = fold_ascii(text);
    // Prefer an occurrence in running text over one in a title in capitals.
    let starts: Vec<usize> = f.match_indices(from_folded).map(|(i, _)| i).collect();
    let has_lower = |i: usize| text.chars().skip(i).take(from_folded.len()).any(char::is_lowercase);
    let start = starts.iter().copied().find(|i| has_lower(*i)).or_else(|| starts.first().copied())?;
    let end = until.iter().filter_map(|u| f[start..].find(u).map(|e| start + e)).min().unwrap_or(f.len());
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    Some(text[byte(start)..byte(end)].trim())
}

/// The province's name from `TỈNH AN GIANG`, without a second table column pasted on the same
/// line (`TỈNH AN GIANG | Độc lập - Tự do - Hạnh phúc`).
fn province_name(rest: &str) -> String {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let end = (0..words.len())
        .find(|&i| {
            let next = folded.get(i + 1).map_or("", String::as_str);
            matches!((folded[i].as_str(), next), ("doc", "lap") | ("cong", "hoa") | ("so:", _) | ("-", _))
        })
        .unwrap_or(words.len());
    words[..end].join(" ")
}

/// Reads the header; what is missing is warned about and left empty.
pub fn read_header(
    header: &[Line],
    title: Option<&Paragraph>,
    subtitle: Option<&Paragraph>,
    preamble: &str,
    warnings: &mut Vec<Warning>,
) -> Header {
    let joined = header.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
    let all = format!("{joined} {preamble}");
    let line0 = header.first().map_or(1, |l| l.no);
    let mut missing =
        |what: &str| warnings.push(Warning { line: line0, kind: WarningKind::MissingMetadata(what.to_owned()) });

    let number = all
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')')))
        .find(|w| {
            let f = fold(w);
            // `01/QĐ-UBND`, and the numbers plans carry themselves: `25/KH-UBND`, `28/CTr-UBND`.
            f.split_once('/').is_some_and(|(n, rest)| {
                !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
                    && (rest.starts_with("qd-") || rest.ends_with("-ubnd") && rest.len() <= 12)
            })
        })
        .map(str::to_owned)
        .unwrap_or_default();
    if number.is_empty() {
        missing("số quyết định");
    }
    let date = first_date(&all);
    if date.is_none() {
        missing("ngày ban hành");
    }
    let province = header.iter().take(10).find_map(|l| {
        let f = fold(&l.text);
        // `TỈNH CÀ MAU` on its own line, or `ỦY BAN NHÂN DÂN TỈNH CÀ MAU` on one.
        let skip = if f.starts_with("tinh ") {
            5
        } else if f.starts_with("uy ban nhan dan tinh ") {
            "uy ban nhan dan tinh ".len()
        } else {
            return None;
        };
        Some(title_case(&province_name(&l.text.chars().skip(skip).collect::<String>())))
    });
    let issuer = match &province {
        Some(p) => format!("Ủy ban nhân dân tỉnh {p}"),
        None => {
            missing("cơ quan ban hành");
            "Ủy ban nhân dân tỉnh".to_owned()
        }
    };
    let sign_at = header.iter().rposition(|l| matches!(fold(&l.text).as_str(), "chu tich" | "pho chu tich"));
    let (signer, signer_title) = match sign_at {
        Some(i) => (header.get(i + 1).map(|l| l.text.clone()).unwrap_or_default(), sentence_case(&header[i].text)),
        None => {
            missing("người ký");
            (String::new(), String::new())
        }
    };
    let implements = between(
        &all,
        "thuc hien nghi quyet so",
        &[" ve ", ". ", " uy ban nhan dan tinh", " quyet dinh:", " dieu 1", " chu tich", " kt. chu tich"],
    )
    .map(|s| s.chars().skip("thực hiện ".chars().count()).collect::<String>())
    .unwrap_or_default();
    let ends = [
        ". ",
        "./.",
        " chu tich",
        " uy ban nhan dan tinh",
        " quyet dinh:",
        " dieu 1",
        " kt. chu tich",
        " voi nhung noi dung",
        " voi cac noi dung",
        " nhu sau",
        ":",
    ];
    // `ban hành Chương trình hành động như sau:` names no plan: then the title lines do.
    let generic = ["chuong trinh hanh dong", "ke hoach hanh dong", "ke hoach", "chuong trinh"];
    let title = between(&all, "ban hanh ke hoach", &ends)
        .or_else(|| between(&all, "ban hanh chuong trinh", &ends))
        .map(|s| s.chars().skip("Ban hành ".chars().count()).collect::<String>())
        .map(|s| s.trim_end_matches(['.', ',']).trim().to_owned())
        .filter(|s| !generic.contains(&fold_ascii(s).as_str()))
        .or_else(|| {
            title.map(|t| {
                // The subtitle keeps its own case (`01/NQ-CP`), after the capitals made sentence case.
                let mut title = sentence_case(&t.text);
                if let Some(sub) = subtitle {
                    let mut cs = sub.text.trim().chars();
                    title.push(' ');
                    title.extend(cs.next().into_iter().flat_map(char::to_lowercase).chain(cs));
                }
                title
            })
        })
        .unwrap_or_default();
    let year = date
        .map(Day::year)
        .or_else(|| {
            fold_ascii(&title).split(' ').filter_map(|w| w.parse::<i32>().ok()).find(|y| (2000..2100).contains(y))
        })
        .unwrap_or(2020);
    Header {
        decision: Decision {
            number,
            date: date.or_else(|| Day::from_ymd(year, 1, 1)).unwrap_or_else(Day::today_in_vietnam),
            issuer,
            signer,
            signer_title,
            implements,
        },
        title,
        year,
    }
}
