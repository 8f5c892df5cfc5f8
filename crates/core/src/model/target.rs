//! Quantitative targets and qualitative milestones of a plan.

use crate::ids::{AgencyId, TargetId, TaskId};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// What a target asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TargetKind {
    /// Between `min` and `max` inclusive (`tăng trưởng tín dụng 13 - 14%`).
    Range {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// At least `value` (`đạt từ 90% trở lên`, `ít nhất 02`).
    Minimum {
        /// The bound.
        value: f64,
    },
    /// At most `value` (`dưới mức 2%`). `strict` when the text says "below" rather than "at most".
    Maximum {
        /// The bound.
        value: f64,
        /// Whether the value itself fails (`dưới`) or passes (`không quá`).
        strict: bool,
    },
    /// `count` of `total` (`67/85 xã`): met when the actual count reaches `count`.
    CountOfTotal {
        /// The count aimed for.
        count: f64,
        /// The whole.
        total: f64,
    },
    /// A plain figure (`tinh giản biên chế 10%`): met when reached.
    Exact {
        /// The figure.
        value: f64,
    },
    /// A qualitative milestone (a town reaching urban class IV): met when reported achieved.
    Milestone,
}

/// One target of a plan, tied to a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Target {
    /// Stable id, e.g. `2.1/t1`.
    #[key]
    pub id: TargetId,
    /// The task it belongs to.
    pub task: TaskId,
    /// The words that name it, e.g. `tăng trưởng tín dụng`.
    pub name: String,
    /// What it asks for.
    pub kind: TargetKind,
    /// Unit: `%`, `xã`, `doanh nghiệp`, … (empty for milestones).
    pub unit: String,
    /// Agencies that report its actual value (by default the task's lead agencies).
    pub responsible: Vec<AgencyId>,
}
