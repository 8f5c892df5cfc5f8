//! Calendar days and instants, in the province's time zone (Asia/Ho_Chi_Minh, UTC+7, no DST).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Vietnam's offset from UTC in seconds. Vietnam has no daylight saving time.
pub const VIETNAM_OFFSET_SECS: i32 = 7 * 3600;

/// Why a string is not a day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a date (expected yyyy-mm-dd or dd/mm/yyyy)")]
pub struct DayError {
    /// The offending value.
    pub value: String,
}

/// A calendar day. Stored and serialised as ISO `yyyy-mm-dd`; shown as `dd/mm/yyyy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day(NaiveDate);

impl Day {
    /// A day from year, month and day; `None` if no such day exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self)
    }
    /// The underlying chrono date.
    pub fn date(self) -> NaiveDate {
        self.0
    }
    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }
    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.0.month()
    }
    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Day) -> i64 {
        (other.0 - self.0).num_days()
    }
    /// The day `n` days later (earlier for negative `n`), saturating at chrono's range.
    pub fn plus_days(self, n: i64) -> Day {
        Day(self.0.checked_add_signed(chrono::Duration::days(n)).unwrap_or(self.0))
    }
    /// The same day `n` years later; 29 February becomes 28 February in a common year.
    pub fn plus_years(self, n: i32) -> Day {
        let (y, m, d) = (self.year() + n, self.month(), self.0.day());
        NaiveDate::from_ymd_opt(y, m, d).or_else(|| NaiveDate::from_ymd_opt(y, m, d - 1)).map_or(self, Day)
    }
    /// The last day of this day's month.
    pub fn last_of_month(self) -> Day {
        let (y, m) = if self.month() == 12 { (self.year() + 1, 1) } else { (self.year(), self.month() + 1) };
        match NaiveDate::from_ymd_opt(y, m, 1) {
            Some(first_next) => Day(first_next.pred_opt().unwrap_or(self.0)),
            None => self,
        }
    }
    /// The local calendar day in Vietnam of an instant given as Unix milliseconds.
    pub fn in_vietnam(unix_ms: i64) -> Option<Day> {
        let utc: DateTime<Utc> = Utc.timestamp_millis_opt(unix_ms).single()?;
        let offset = FixedOffset::east_opt(VIETNAM_OFFSET_SECS)?;
        Some(Day(utc.with_timezone(&offset).date_naive()))
    }
    /// The instant `hour:minute` of this day in Vietnam, as Unix milliseconds.
    pub fn at_vietnam(self, hour: u32, minute: u32) -> i64 {
        let local = self.0.and_hms_opt(hour.min(23), minute.min(59), 0).unwrap_or_default();
        (local.and_utc().timestamp() - i64::from(VIETNAM_OFFSET_SECS)) * 1000
    }
    /// An instant given as Unix milliseconds, in Vietnam's time (RFC 3339, `+07:00`).
    pub fn vietnam_time(unix_ms: i64) -> Option<String> {
        let utc: DateTime<Utc> = Utc.timestamp_millis_opt(unix_ms).single()?;
        let offset = FixedOffset::east_opt(VIETNAM_OFFSET_SECS)?;
        Some(utc.with_timezone(&offset).to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
    }
    /// The clock time of an instant in Vietnam, `hh:mm` (`14:05`).
    pub fn vietnam_clock(unix_ms: i64) -> Option<String> {
        let utc: DateTime<Utc> = Utc.timestamp_millis_opt(unix_ms).single()?;
        let offset = FixedOffset::east_opt(VIETNAM_OFFSET_SECS)?;
        Some(utc.with_timezone(&offset).format("%H:%M").to_string())
    }
    /// Today in Vietnam.
    pub fn today_in_vietnam() -> Day {
        Day::in_vietnam(Utc::now().timestamp_millis()).unwrap_or(Day(NaiveDate::MIN))
    }
    /// A date as a person types it: `dd/mm/yyyy` (also with one-digit day or month, and `.` or
    /// `-` between), or `yyyy-mm-dd`. Blank is `Ok(None)`; the year must have four digits, so a
    /// date still being typed (`12/3/20`) is not taken for the year 20.
    pub fn parse_typed(typed: &str) -> Result<Option<Day>, DayError> {
        let t = typed.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let err = || DayError { value: t.to_owned() };
        if let Ok(d) = t.parse::<Day>() {
            if t.split(['/', '-']).any(|p| p.len() == 4) {
                return Ok(Some(d));
            }
        }
        let parts: Vec<&str> = t.split(['/', '.', '-']).map(str::trim).collect();
        let [d, m, y] = parts[..] else { return Err(err()) };
        if y.len() != 4 || d.is_empty() || m.is_empty() || d.len() > 2 || m.len() > 2 {
            return Err(err());
        }
        let num = |s: &str| s.parse::<u32>().map_err(|_| err());
        let year = i32::try_from(num(y)?).map_err(|_| err())?;
        NaiveDate::from_ymd_opt(year, num(m)?, num(d)?).map(|d| Some(Day(d))).ok_or_else(err)
    }
    /// `dd/mm/yyyy`, as Vietnamese documents write dates.
    pub fn to_vietnamese(self) -> String {
        self.0.format("%d/%m/%Y").to_string()
    }
    /// Whether `text` writes this day as dd/mm/yyyy, with or without leading zeros (`30/6/2026`).
    pub fn is_written_in(self, text: &str) -> bool {
        text.contains(&self.to_vietnamese()) || text.contains(&self.0.format("%-d/%-m/%Y").to_string())
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl FromStr for Day {
    type Err = DayError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
            .map(Day)
            .map_err(|_| DayError { value: s.to_owned() })
    }
}

impl TryFrom<String> for Day {
    type Error = DayError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Day> for String {
    fn from(d: Day) -> String {
        d.to_string()
    }
}

impl autosurgeon::Reconcile for Day {
    type Key<'a> = autosurgeon::reconcile::NoKey;
    fn reconcile<R: autosurgeon::Reconciler>(&self, reconciler: R) -> Result<(), R::Error> {
        self.to_string().reconcile(reconciler)
    }
}

impl autosurgeon::Hydrate for Day {
    fn hydrate_string(s: &'_ str) -> Result<Self, autosurgeon::HydrateError> {
        s.parse().map_err(|e: DayError| autosurgeon::HydrateError::unexpected("a yyyy-mm-dd date", e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_parse_iso_and_vietnamese_forms_and_show_vietnamese() {
        let d: Day = "20/01/2020".parse().expect("valid");
        assert_eq!(d, "2020-01-20".parse().expect("valid"));
        assert_eq!(d.to_vietnamese(), "20/01/2020");
        assert!(d.is_written_in("trước ngày 20/1/2020") && d.is_written_in("20/01/2020"));
        assert!(!d.is_written_in("Quý I/2020") && !d.is_written_in("2/1/2020"));
        assert!("31/02/2020".parse::<Day>().is_err());
    }

    #[test]
    fn typed_dates_read_in_the_forms_people_type_and_not_while_half_typed() {
        let d = |s: &str| Day::parse_typed(s).expect(s).expect(s).to_vietnamese();
        assert_eq!(d("12/03/2026"), "12/03/2026");
        assert_eq!(d("1/3/2026"), "01/03/2026");
        assert_eq!(d(" 1.3.2026 "), "01/03/2026");
        assert_eq!(d("01-03-2026"), "01/03/2026");
        assert_eq!(d("2026-03-01"), "01/03/2026");
        assert_eq!(Day::parse_typed(""), Ok(None));
        for half in ["1", "12/", "12/03", "12/03/20", "12/03/202", "31/02/2026", "ngày 5"] {
            assert!(Day::parse_typed(half).is_err(), "{half}");
        }
    }

    #[test]
    fn an_instant_late_in_the_utc_evening_is_the_next_day_in_vietnam() {
        // 2020-03-10T17:30:00Z is 2020-03-11 00:30 in Vietnam.
        let ms = 1_583_861_400_000;
        assert_eq!(Day::in_vietnam(ms), Day::from_ymd(2020, 3, 11));
        // 16:59:59Z is still 23:59:59 on the 10th.
        assert_eq!(Day::in_vietnam(ms - 1_801_000), Day::from_ymd(2020, 3, 10));
    }

    #[test]
    fn last_of_month_handles_december_and_leap_years() {
        assert_eq!(Day::from_ymd(2020, 2, 3).map(Day::last_of_month), Day::from_ymd(2020, 2, 29));
        assert_eq!(Day::from_ymd(2020, 12, 3).map(Day::last_of_month), Day::from_ymd(2020, 12, 31));
    }
}
