//! Due dates and data cut-off windows of periods (Nghị định 09/2019/NĐ-CP), as defaults that a
//! plan may override: deadlines and cut-offs are plan data, not constants.

use crate::day::Day;
use crate::model::{CutOff, PeriodKind};

/// The `day`-th of the last month of quarter `q` (1–4) of `year`, clamped to the month's end.
pub fn quarter_due(year: i32, q: u32, day: u32) -> Option<Day> {
    if !(1..=4).contains(&q) {
        return None;
    }
    day_in_month(year, q * 3, day)
}

/// The `day`-th of a month, clamped to the month's last day.
pub fn day_in_month(year: i32, month: u32, day: u32) -> Option<Day> {
    let first = Day::from_ymd(year, month, 1)?;
    let last = first.last_of_month();
    Day::from_ymd(year, month, day.clamp(1, last.date().format("%d").to_string().parse().unwrap_or(28)))
}

/// The regime's cut-off window for a period of `kind` numbered `index` (month 1–12, quarter
/// 1–4, half 1–2; ignored for annual and implementation periods) in `year`:
/// monthly 15th of the previous month → 14th; quarterly 15th of the month before the quarter →
/// 14th of its last month; six-month 15/12 of the previous year → 14/6 (second half 15/6 → 14/12);
/// annual 15/12 of the previous year → 14/12. Implementation periods have none.
pub fn standard_cutoff(kind: PeriodKind, year: i32, index: u32) -> Option<CutOff> {
    let window = |from_month_offset: i32, to_month: u32| -> Option<CutOff> {
        let to = Day::from_ymd(year, to_month, 14)?;
        let start_month = to_month as i32 + from_month_offset;
        let (fy, fm) =
            if start_month <= 0 { (year - 1, (start_month + 12) as u32) } else { (year, start_month as u32) };
        Some(CutOff { from: Day::from_ymd(fy, fm, 15)?, to })
    };
    match kind {
        PeriodKind::Implementation => None,
        PeriodKind::Monthly if (1..=12).contains(&index) => window(-1, index),
        PeriodKind::Quarterly if (1..=4).contains(&index) => window(-3, index * 3),
        PeriodKind::SixMonth if (1..=2).contains(&index) => window(-6, index * 6),
        PeriodKind::Annual => window(-12, 12),
        _ => None,
    }
}

/// The cut-off a plan uses by default: the regime's window, ending no later than the day before
/// the due day (a window cannot close after the report is due).
pub fn default_cutoff(kind: PeriodKind, year: i32, index: u32, due: Day) -> Option<CutOff> {
    let mut c = standard_cutoff(kind, year, index)?;
    let latest = due.plus_days(-1);
    if c.to > latest {
        c.to = latest;
    }
    (c.from <= c.to).then_some(c)
}
