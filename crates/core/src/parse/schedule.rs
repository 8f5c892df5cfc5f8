//! Reads the reporting schedule from the "Tổ chức thực hiện" part.

use super::agencies::read_agencies;
use super::structure::Paragraph;
use super::warning::{Warning, WarningKind};
use crate::day::Day;
use crate::ids::PeriodId;
use crate::model::{Period, PeriodKind, Registry};
use crate::rules::calendar::{day_in_month, default_cutoff, quarter_due};
use crate::text::fold_ascii;

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// A date written as `ngày 20 tháng 01 năm 2020`, `ngày 10/11`, `ngày 10/11/2020` in folded text.
fn dates(f: &str, year: i32) -> Vec<(usize, Day)> {
    let mut out = Vec::new();
    for (at, _) in f.match_indices("ngay ") {
        let rest = &f[at + 5..];
        let nums: Vec<&str> =
            rest.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).take(6).collect();
        let n = |s: &str| s.parse::<u32>().ok();
        let parsed = match nums.as_slice() {
            [d, "thang", m, "nam", y, ..] => n(d).zip(n(m)).zip(n(y)).map(|((d, m), y)| (d, m, y as i32)),
            [d, "thang", m, ..] => n(d).zip(n(m)).map(|(d, m)| (d, m, year)),
            [d, m, y, ..] if rest.contains('/') && n(y).is_some_and(|y| y > 1900) => {
                n(d).zip(n(m)).zip(n(y)).map(|((d, m), y)| (d, m, y as i32))
            }
            [d, m, ..] if rest.split_whitespace().next().is_some_and(|w| w.contains('/')) => {
                n(d).zip(n(m)).map(|(d, m)| (d, m, year))
            }
            _ => None,
        };
        if let Some(day) = parsed.and_then(|(d, m, y)| Day::from_ymd(y, m, d)) {
            out.push((at, day));
        }
    }
    out
}

fn day_before_month_word(f: &str, marker: &str) -> Option<u32> {
    let at = f.find(marker)?;
    let before = f[..at].trim_end();
    // `ngày 10 tháng cuối quý` and `ngày 15 của tháng cuối quý`.
    let before = before.strip_suffix(" cua").unwrap_or(before);
    before.rsplit(' ').next()?.parse().ok()
}

/// A paragraph's clauses: split at `;` and at sentence ends, so that one paragraph may set
/// several deadlines (`… hằng quý trước ngày 15 của tháng cuối quý; báo cáo năm trước ngày 15/12`).
fn clauses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let sentence_end = c == '.' && chars.get(i + 1).is_some_and(|n| *n == ' ');
        if c == ';' || sentence_end {
            if !current.trim().is_empty() {
                out.push(current.trim().to_owned());
            }
            current.clear();
        } else {
            current.push(c);
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out.into_iter().flat_map(|c| split_dated(&c)).collect()
}

/// `… 6 tháng trước ngày 15 tháng 6 và năm trước ngày 15 tháng 11`: one deadline per part when
/// `và` joins parts that each give a day.
fn split_dated(clause: &str) -> Vec<String> {
    let f = fold_ascii(clause);
    let chars: Vec<char> = clause.chars().collect();
    if f.len() != chars.len() {
        return vec![clause.to_owned()];
    }
    let mut parts = Vec::new();
    let mut from = 0;
    for (at, _) in f.match_indices(" va ") {
        let (before, after) = (&f[from..at], &f[at + 4..]);
        if before.contains("ngay ") && after.contains("ngay ") {
            parts.push(chars[from..at].iter().collect::<String>().trim().to_owned());
            from = at + 4;
        }
    }
    parts.push(chars[from..].iter().collect::<String>().trim().to_owned());
    parts
}

fn period(year: i32, kind: PeriodKind, index: u32, due: Day, source: &str) -> Option<Period> {
    let (id, label) = match kind {
        PeriodKind::Implementation => (format!("{year}-IMPL"), format!("Văn bản triển khai năm {year}")),
        PeriodKind::Monthly => (format!("{year}-M{index:02}"), format!("Tháng {index:02}/{year}")),
        PeriodKind::Quarterly => (format!("{year}-Q{index}"), format!("Quý {}/{year}", ROMAN.get(index as usize - 1)?)),
        PeriodKind::SixMonth => (
            format!("{year}-H{index}"),
            if index == 1 { format!("6 tháng đầu năm {year}") } else { format!("6 tháng cuối năm {year}") },
        ),
        PeriodKind::Annual => (format!("{year}-Y"), format!("Tổng kết năm {year}")),
    };
    Some(Period {
        id: PeriodId::new(id).ok()?,
        kind,
        label,
        due,
        cutoff: default_cutoff(kind, year, index, due),
        reporters: Vec::new(),
        source: source.to_owned(),
    })
}

/// Reads the reporting periods from the organisation paragraphs.
pub fn read_schedule(
    paragraphs: &[Paragraph],
    year: i32,
    registry: &Registry,
    warnings: &mut Vec<Warning>,
) -> Vec<Period> {
    let mut out: Vec<Period> = Vec::new();
    let pieces =
        paragraphs.iter().flat_map(|p| clauses(&p.text).into_iter().map(|text| Paragraph { line: p.line, text }));
    for p in pieces {
        let f = fold_ascii(&p.text);
        let found = dates(&f, year);
        let source: String = p.text.chars().take(200).collect();
        if f.contains("cuoi quy") || f.contains("hang quy") {
            match day_before_month_word(&f, "thang cuoi quy") {
                Some(d) => out.extend(
                    (1..=4).filter_map(|q| period(year, PeriodKind::Quarterly, q, quarter_due(year, q, d)?, &source)),
                ),
                None => warnings.push(Warning { line: p.line, kind: WarningKind::UnreadDeadline(source.clone()) }),
            }
        } else if f.contains("hang thang") {
            let head = p.text.split(" chủ trì").next().unwrap_or(&p.text);
            let reporters = read_agencies(head, registry).lead;
            let day = day_before_month_word(&f, "hang thang").filter(|d| (1..=31).contains(d));
            if day.is_none() {
                warnings.push(Warning { line: p.line, kind: WarningKind::MonthlyDueDefaulted(source.clone()) });
            }
            for m in 1..=12 {
                let due = match day {
                    Some(d) => day_in_month(year, m, d),
                    None => Day::from_ymd(year, m, 1).map(Day::last_of_month),
                };
                if let Some(mut per) = due.and_then(|due| period(year, PeriodKind::Monthly, m, due, &source)) {
                    per.reporters = reporters.clone();
                    out.push(per);
                }
            }
        } else if let Some((_, due)) = found.first() {
            let kind = if f.contains("6 thang") || f.contains("sau thang") {
                Some((PeriodKind::SixMonth, if due.month() <= 8 { 1 } else { 2 }))
            } else if f.contains("tong ket")
                || f.contains("ca nam")
                || f.contains("hang nam")
                || f.contains("bao cao nam")
                || f.starts_with("nam ")
            {
                Some((PeriodKind::Annual, 0))
            } else if f.contains("trien khai") || f.contains("van ban") {
                Some((PeriodKind::Implementation, 0))
            } else {
                None
            };
            match kind.and_then(|(k, i)| period(year, k, i, *due, &source)) {
                Some(per) => out.push(per),
                None => warnings.push(Warning { line: p.line, kind: WarningKind::UnreadDeadline(source.clone()) }),
            }
        }
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_date_forms_are_read_with_the_plan_year_as_default() {
        let d = |s: &str| dates(&fold_ascii(s), 2021).first().map(|x| x.1);
        assert_eq!(d("trước ngày 20 tháng 01 năm 2020"), Day::from_ymd(2020, 1, 20));
        assert_eq!(d("trước ngày 10/11"), Day::from_ymd(2021, 11, 10));
        assert_eq!(d("trước ngày 05/12/2021,"), Day::from_ymd(2021, 12, 5));
        assert_eq!(d("trước ngày 15 tháng 6"), Day::from_ymd(2021, 6, 15));
        assert_eq!(d("ngày 31 tháng 02"), None);
    }
}
