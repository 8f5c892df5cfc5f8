//! How official Vietnamese documents write numbers, dates and headings.

use crate::day::Day;
use crate::model::{TargetKind, TaskStatus};
use crate::rules::evaluation::Evaluation;
use chrono::Datelike;

/// A figure with a decimal comma and no trailing zeros: `13,5`, `90`, `1.250`.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return String::from("—");
    }
    let rounded = (v * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let whole = rounded.abs().trunc() as u64;
    let frac = ((rounded.abs() - rounded.abs().trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let mut out = if negative { format!("-{grouped}") } else { grouped };
    if frac > 0 {
        let f = format!("{frac:02}");
        out.push(',');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// What a target asks for, in words of figures: `13 – 14%`, `≥ 90%`, `< 2%`, `67/85 xã`.
pub fn planned(kind: &TargetKind, unit: &str) -> String {
    let u = |s: String| {
        if unit.is_empty() {
            s
        } else if unit == "%" {
            format!("{s}%")
        } else {
            format!("{s} {unit}")
        }
    };
    match kind {
        TargetKind::Range { min, max } => u(format!("{} – {}", number(*min), number(*max))),
        TargetKind::Minimum { value } => format!("≥ {}", u(number(*value))),
        TargetKind::Maximum { value, strict: true } => format!("< {}", u(number(*value))),
        TargetKind::Maximum { value, strict: false } => format!("≤ {}", u(number(*value))),
        TargetKind::CountOfTotal { count, total } => u(format!("{}/{}", number(*count), number(*total))),
        TargetKind::Exact { value } => u(number(*value)),
        TargetKind::Milestone => String::from("Đạt"),
    }
}

/// A figure with its unit: `13,5%`, `560 doanh nghiệp`.
pub fn with_unit(v: f64, unit: &str) -> String {
    match unit {
        "" => number(v),
        "%" => format!("{}%", number(v)),
        _ => format!("{} {unit}", number(v)),
    }
}

/// The date line of Nghị định 30/2020: `Trà Vinh, ngày 05 tháng 02 năm 2020`. Days below 10 and
/// the months January and February take a leading zero.
pub fn place_and_date(place: &str, day: Day) -> String {
    let d = day.date();
    let month = if d.month() <= 2 { format!("{:02}", d.month()) } else { d.month().to_string() };
    format!("{place}, ngày {:02} tháng {month} năm {}", d.day(), d.year())
}

/// A document number as Nghị định 30/2020 writes it: below 10 with a leading zero; a blank number
/// (not yet registered) as dots for the clerk to fill in by hand.
pub fn doc_number(number: &str, symbol: &str) -> String {
    let n = number.trim();
    let n = match n.parse::<u32>() {
        Ok(v) if v < 10 => format!("{v:02}"),
        Ok(v) => v.to_string(),
        Err(_) if n.is_empty() => String::from("     "),
        Err(_) => n.to_owned(),
    };
    format!("Số: {n}/{symbol}")
}

/// A Roman numeral for a section heading (1 → `I`, 14 → `XIV`).
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// A task status in the words of the Government's task reports.
pub fn status(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::DoneOnTime => "Hoàn thành đúng hạn",
        TaskStatus::DoneLate => "Hoàn thành trễ hạn",
        TaskStatus::InProgress => "Chưa hoàn thành, còn trong hạn",
        TaskStatus::Overdue => "Chưa hoàn thành, quá hạn",
    }
}

/// Whether a target is met, in words.
pub fn evaluation(e: Evaluation) -> &'static str {
    match e {
        Evaluation::Met => "Đạt",
        Evaluation::NotMet => "Chưa đạt",
        Evaluation::NoData => "Chưa có số liệu",
    }
}

/// Upper case as Vietnamese writes it (`Trà Vinh` → `TRÀ VINH`).
pub fn upper(s: &str) -> String {
    s.chars().flat_map(char::to_uppercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_use_a_decimal_comma_and_dots_between_thousands() {
        assert_eq!(number(13.5), "13,5");
        assert_eq!(number(90.0), "90");
        assert_eq!(number(1250.0), "1.250");
        assert_eq!(number(-0.25), "-0,25");
        assert_eq!(number(f64::NAN), "—");
    }

    #[test]
    fn the_date_line_pads_days_below_ten_and_only_the_first_two_months() {
        let d = |s: &str| s.parse::<Day>().expect("day");
        assert_eq!(place_and_date("Trà Vinh", d("2020-02-05")), "Trà Vinh, ngày 05 tháng 02 năm 2020");
        assert_eq!(place_and_date("Trà Vinh", d("2020-03-10")), "Trà Vinh, ngày 10 tháng 3 năm 2020");
        assert_eq!(place_and_date("Trà Vinh", d("2020-12-01")), "Trà Vinh, ngày 01 tháng 12 năm 2020");
    }

    #[test]
    fn numbers_below_ten_take_a_leading_zero_and_blank_numbers_leave_room() {
        assert_eq!(doc_number("5", "BC-UBND"), "Số: 05/BC-UBND");
        assert_eq!(doc_number("125", "BC-UBND"), "Số: 125/BC-UBND");
        assert_eq!(doc_number("", "BC-UBND"), "Số:      /BC-UBND");
    }

    #[test]
    fn roman_numerals_and_planned_values_read_as_written() {
        assert_eq!([roman(1), roman(4), roman(9), roman(14)], ["I", "IV", "IX", "XIV"]);
        assert_eq!(planned(&TargetKind::Range { min: 13.0, max: 14.0 }, "%"), "13 – 14%");
        assert_eq!(planned(&TargetKind::Maximum { value: 2.0, strict: true }, "%"), "< 2%");
        assert_eq!(planned(&TargetKind::CountOfTotal { count: 67.0, total: 85.0 }, "xã"), "67/85 xã");
        assert_eq!(upper("Ủy ban nhân dân tỉnh Trà Vinh"), "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH");
    }
}
