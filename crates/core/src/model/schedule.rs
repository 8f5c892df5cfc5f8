//! The reporting schedule: periods with due dates and data cut-off windows.

use crate::day::Day;
use crate::ids::{AgencyId, PeriodId};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// The kind of a reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Implementing documents (`văn bản triển khai`), due early in the year.
    Implementation,
    /// Monthly report.
    Monthly,
    /// Quarterly report.
    Quarterly,
    /// Six-month report.
    SixMonth,
    /// Year-end summary (`báo cáo tổng kết năm`).
    Annual,
}

/// The window of data a report covers (`thời gian chốt số liệu`), both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct CutOff {
    /// First day of data.
    pub from: Day,
    /// Last day of data.
    pub to: Day,
}

/// One reporting period of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Period {
    /// Stable id: `2020-IMPL`, `2020-M03`, `2020-Q1`, `2020-H1`, `2020-Y`.
    #[key]
    pub id: PeriodId,
    /// Kind of period.
    pub kind: PeriodKind,
    /// Vietnamese label, e.g. `Quý I/2020`.
    pub label: String,
    /// The last day on which a report is on time.
    pub due: Day,
    /// The data window, if the plan or the regime sets one.
    pub cutoff: Option<CutOff>,
    /// Agencies that report in this period; empty means every agency with tasks.
    #[serde(default)]
    #[autosurgeon(missing = "Vec::new")]
    pub reporters: Vec<AgencyId>,
    /// The words of the plan that set this deadline.
    #[serde(default)]
    #[autosurgeon(missing = "String::new")]
    pub source: String,
}

/// A period's short name for a chart's axis: `VB` (implementing documents), `T3` (March),
/// `Q1`, `6T` (six months), `N` (the year), from its id; the id's tail if it is none of these.
pub fn short_label(id: &PeriodId) -> String {
    let tail = id.as_str().rsplit('-').next().unwrap_or(id.as_str());
    match tail {
        "IMPL" => "VB".into(),
        "Y" => "N".into(),
        "H1" | "H" => "6T".into(),
        t if t.starts_with('M') && t.len() > 1 => match t[1..].parse::<u32>() {
            Ok(m) => format!("T{m}"),
            Err(_) => t.to_owned(),
        },
        t => t.to_owned(),
    }
}

impl Period {
    /// Whether `agency` must report in this period, given whether it has tasks in the plan.
    pub fn applies_to(&self, agency: &AgencyId, has_tasks: bool) -> bool {
        if self.reporters.is_empty() {
            has_tasks
        } else {
            self.reporters.contains(agency)
        }
    }
}
