//! A task's own deadline as plans write it: `Quý II/2026`, `Tháng 6/2026`, `30/6/2026`, `Cả năm`,
//! `Thường xuyên`, `Năm học 2026 - 2027`. Kept as written, with the last day it allows when it
//! names one (a standing task has none).

use crate::day::Day;
use crate::model::TaskDeadline;
use crate::text::fold_ascii;

/// The numbers in `s`, in order.
fn numbers(s: &str) -> Vec<u32> {
    s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect()
}

fn roman_or_arabic(word: &str) -> Option<u32> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.parse().ok().or_else(|| super::headings::roman_value(&w.to_ascii_uppercase()))
}

fn last_of_month(year: i32, month: u32) -> Option<Day> {
    Day::from_ymd(year, month, 1).map(Day::last_of_month)
}

/// Whether folded words name a standing task's deadline (`thuong xuyen`, `hang nam`, `lien tuc`),
/// which has no last day.
fn standing(f: &str) -> bool {
    f.starts_with("thuong xuyen") || f.starts_with("hang nam") || f.starts_with("lien tuc")
}

/// A deadline the task's own sentence gives, when no labelled line does: `…; hoàn thành trước
/// ngày 31/3/2026`, `… trong quý I năm 2026`, `hoàn thành trong tháng 9 năm 2026`. Only a phrase
/// that names a last day counts; `hoàn thành toàn bộ kế hoạch` is not a deadline.
pub fn in_text(text: &str, year: i32) -> Option<TaskDeadline> {
    let folded = fold_ascii(text);
    let chars: Vec<char> = text.chars().collect();
    if folded.len() != chars.len() {
        return None;
    }
    let starts = ["hoan thanh truoc ", "hoan thanh trong ", "truoc ngay ", "trong quy ", "trong thang "];
    let at = starts.iter().filter_map(|s| folded.rfind(s).map(|i| (i, s))).max_by_key(|(i, _)| *i)?;
    let from = at.0 + if at.1.starts_with("hoan thanh") { "hoan thanh ".len() } else { 0 };
    let end = folded[from..].find(['.', ';', ',', '(']).map_or(folded.len(), |e| from + e);
    let written: String = chars[from..end].iter().collect::<String>().trim().to_owned();
    read_strict(&written, year).filter(|d| d.due.is_some())
}

/// Reads a deadline as the office corrects it: like [`read`], but words that give neither a
/// last day nor a standing task are not a deadline.
pub fn read_strict(written: &str, year: i32) -> Option<TaskDeadline> {
    read(written, year).filter(|d| d.due.is_some() || standing(&fold_ascii(written.trim())))
}

/// Reads a deadline as written; `year` is the plan's, for deadlines that give none.
pub fn read(written: &str, year: i32) -> Option<TaskDeadline> {
    let written = written.trim().trim_end_matches(['.', ';']).trim();
    if written.is_empty() {
        return None;
    }
    let f = fold_ascii(written);
    let f = f.trim_start_matches("truoc ").trim_start_matches("trong ").trim_start_matches("hoan thanh ");
    let nums = numbers(f);
    let year_in = |default: i32| nums.iter().rev().find(|n| **n >= 2000).map_or(default, |y| *y as i32);
    let due = if standing(f) {
        None
    } else if f.starts_with("nam hoc") {
        // A school year ends with May of its second year.
        let second = nums.iter().filter(|n| **n >= 2000).nth(1).map(|y| *y as i32).unwrap_or(year_in(year) + 1);
        Day::from_ymd(second, 5, 31)
    } else if let Some(rest) = f.strip_prefix("quy ") {
        let q = rest.split(['/', ' ', ',']).next().and_then(roman_or_arabic).filter(|q| (1..=4).contains(q))?;
        last_of_month(year_in(year), q * 3)
    } else if f.starts_with("6 thang dau nam") {
        last_of_month(year_in(year), 6)
    } else if let Some(rest) = f.strip_prefix("thang ") {
        let m =
            rest.split(['/', ' ', ',']).next().and_then(|m| m.parse::<u32>().ok()).filter(|m| (1..=12).contains(m))?;
        last_of_month(year_in(year), m)
    } else if f.starts_with("ca nam") || f.starts_with("nam ") || f == "nam" {
        Day::from_ymd(year_in(year), 12, 31)
    } else if let Ok(Some(day)) = Day::parse_typed(f.trim_start_matches("ngay ")) {
        Some(day)
    } else if let [d, m] = nums[..] {
        Day::from_ymd(year, m, d)
    } else if let [d, m, y] = nums[..] {
        Day::from_ymd(y as i32, m, d)
    } else {
        None
    };
    Some(TaskDeadline { written: written.to_owned(), due })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(s: &str) -> Option<String> {
        read(s, 2026).and_then(|d| d.due).map(Day::to_vietnamese)
    }

    #[test]
    fn the_forms_plans_write_give_the_last_day_they_allow() {
        assert_eq!(due("Quý II/2026").as_deref(), Some("30/06/2026"));
        assert_eq!(due("quý 4 năm 2026").as_deref(), Some("31/12/2026"));
        assert_eq!(due("Tháng 6/2026").as_deref(), Some("30/06/2026"));
        assert_eq!(due("30/6/2026").as_deref(), Some("30/06/2026"));
        assert_eq!(due("Trước 15/9").as_deref(), Some("15/09/2026"));
        assert_eq!(due("Cả năm").as_deref(), Some("31/12/2026"));
        assert_eq!(due("Năm 2027").as_deref(), Some("31/12/2027"));
        assert_eq!(due("Năm học 2026 - 2027").as_deref(), Some("31/05/2027"));
        assert_eq!(due("6 tháng đầu năm").as_deref(), Some("30/06/2026"));
        assert_eq!(due("Thường xuyên"), None);
        assert_eq!(read("Thường xuyên", 2026).map(|d| d.written), Some("Thường xuyên".to_owned()));
        assert_eq!(read("", 2026), None);
        assert_eq!(read_strict("khi nào xong", 2026), None);
        assert!(read_strict("Thường xuyên", 2026).is_some() && read_strict("Quý I/2026", 2026).is_some());
    }

    #[test]
    fn a_deadline_is_shown_with_its_last_day_unless_the_words_already_give_it() {
        let shown = |s: &str| read(s, 2026).map(|d| d.shown());
        assert_eq!(shown("Quý II/2026").as_deref(), Some("Quý II/2026 (30/06/2026)"));
        assert_eq!(shown("30/6/2026").as_deref(), Some("30/6/2026"));
        assert_eq!(shown("Trước ngày 15/09/2026").as_deref(), Some("Trước ngày 15/09/2026"));
        assert_eq!(shown("Thường xuyên").as_deref(), Some("Thường xuyên"));
    }
}
