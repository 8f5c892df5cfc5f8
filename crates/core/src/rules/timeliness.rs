//! Whether a report came in on time.

use crate::day::Day;
use crate::model::{Period, PeriodReport};
use serde::{Deserialize, Serialize};

/// The timeliness of one agency's report for one period, as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Timeliness {
    /// Submitted on or before the due day (in Vietnam's time zone).
    OnTime,
    /// Submitted after the due day, by this many days.
    Late {
        /// Days after the due day.
        days: i64,
    },
    /// Not submitted and the due day has passed, by this many days.
    Missing {
        /// Days since the due day.
        days_overdue: i64,
    },
    /// Not submitted, and the due day is today or later.
    NotYetDue {
        /// Days until the due day (0 on the day itself).
        days_left: i64,
    },
}

/// Judges a report from the moment of its first submission, recorded in the report itself, so a
/// report submitted on time offline and delivered late still counts as on time.
pub fn timeliness(period: &Period, report: Option<&PeriodReport>, as_of: Day) -> Timeliness {
    let submitted =
        report.and_then(|r| r.submissions.first()).and_then(|s| Day::in_vietnam(s.at_ms)).filter(|day| *day <= as_of);
    match submitted {
        Some(day) if day <= period.due => Timeliness::OnTime,
        Some(day) => Timeliness::Late { days: period.due.days_until(day) },
        None if as_of > period.due => Timeliness::Missing { days_overdue: period.due.days_until(as_of) },
        None => Timeliness::NotYetDue { days_left: as_of.days_until(period.due) },
    }
}
