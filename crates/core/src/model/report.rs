//! An agency's reports on a plan: one document per agency and plan, one entry per period.

use crate::day::Day;
use crate::ids::{AgencyId, DeviceId, PeriodId, PlanId, TargetId, TaskId};
use crate::long_text::LongText;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// Task status as the Government's task reports count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Hoàn thành đúng hạn.
    DoneOnTime,
    /// Hoàn thành trễ hạn.
    DoneLate,
    /// Chưa hoàn thành, còn trong hạn.
    InProgress,
    /// Chưa hoàn thành, quá hạn.
    Overdue,
}

/// What an agency reports on one task in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct TaskReport {
    /// The task.
    #[key]
    pub task: TaskId,
    /// Status, once chosen.
    pub status: Option<TaskStatus>,
    /// Completion, 0–100.
    pub percent: Option<u8>,
    /// Results achieved.
    pub results: LongText,
    /// Difficulties (`khó khăn, vướng mắc`).
    pub difficulties: LongText,
    /// Proposals (`kiến nghị, đề xuất`).
    pub proposals: LongText,
}

impl TaskReport {
    /// An empty report on a task.
    pub fn new(task: TaskId) -> Self {
        Self {
            task,
            status: None,
            percent: None,
            results: LongText::default(),
            difficulties: LongText::default(),
            proposals: LongText::default(),
        }
    }
}

/// An actual value reported for a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct TargetValue {
    /// The target.
    #[key]
    pub target: TargetId,
    /// The figure, for quantitative targets.
    pub value: Option<f64>,
    /// Whether reached, for milestones.
    pub achieved: Option<bool>,
    /// The day the figure refers to.
    pub as_of: Option<Day>,
    /// A note on the figure.
    pub note: String,
    /// The figure as typed (`7,25`, `khoảng 12`), so that what was not understood as a number
    /// is kept and shown back. Absent until first typed: a genesis, made before any typing,
    /// stays byte for byte what it was.
    #[autosurgeon(reconcile = "crate::schema::absent_when_none", missing = "Option::default")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typed: Option<String>,
}

impl TargetValue {
    /// No value reported yet for a target.
    pub fn new(target: TargetId) -> Self {
        Self { target, value: None, achieved: None, as_of: None, note: String::new(), typed: None }
    }

    /// Takes a figure as typed: keeps the text, and the number when it is one (see
    /// [`crate::number::parse`]). Returns what was not understood, if anything.
    pub fn set_typed(&mut self, typed: &str) -> Result<(), crate::number::NotANumber> {
        self.typed = Some(typed.to_owned());
        match crate::number::parse(typed) {
            Ok(v) => {
                self.value = v.filter(|x| x.is_finite());
                Ok(())
            }
            Err(e) => {
                self.value = None;
                Err(e)
            }
        }
    }

    /// The figure as shown in its field: as typed, else the number in Vietnamese notation.
    pub fn shown(&self) -> String {
        match (&self.typed, self.value) {
            (Some(t), _) => t.clone(),
            (None, Some(v)) => crate::number::format(v),
            (None, None) => String::new(),
        }
    }

    /// The text typed that is not a number, if any.
    pub fn not_understood(&self) -> Option<&str> {
        self.typed.as_deref().filter(|t| crate::number::parse(t).is_err())
    }
}

/// The general parts of a report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct GeneralParts {
    /// Kết quả đạt được.
    pub results: LongText,
    /// Tồn tại, hạn chế và nguyên nhân.
    pub shortcomings: LongText,
    /// Nhiệm vụ kỳ tới.
    pub next_tasks: LongText,
    /// Kiến nghị, đề xuất.
    pub proposals: LongText,
}

/// One submission of a period's report: who, when, and the document state at that moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Submission {
    /// The device that submitted.
    pub device: DeviceId,
    /// The person's name as typed.
    pub by: String,
    /// When, as Unix milliseconds (judged in Vietnam's time zone).
    pub at_ms: i64,
    /// The document heads at submission (hex change hashes).
    pub heads: Vec<String>,
}

/// An agency's report for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct PeriodReport {
    /// The period.
    #[key]
    pub period: PeriodId,
    /// Per assigned task.
    pub tasks: Vec<TaskReport>,
    /// Per target.
    pub targets: Vec<TargetValue>,
    /// The general parts.
    pub general: GeneralParts,
    /// Submissions, oldest first; empty while a draft.
    pub submissions: Vec<Submission>,
}

impl PeriodReport {
    /// An empty draft for a period.
    pub fn new(period: PeriodId) -> Self {
        Self {
            period,
            tasks: Vec::new(),
            targets: Vec::new(),
            general: GeneralParts::default(),
            submissions: Vec::new(),
        }
    }
    /// Whether anything has been written: a status, a figure, a text or a target value.
    pub fn has_content(&self) -> bool {
        let g = &self.general;
        self.tasks.iter().any(|t| {
            t.status.is_some()
                || t.percent.is_some()
                || !t.results.is_blank()
                || !t.difficulties.is_blank()
                || !t.proposals.is_blank()
        }) || self.targets.iter().any(|t| t.value.is_some() || t.achieved.is_some() || !t.note.trim().is_empty())
            || [&g.results, &g.shortcomings, &g.next_tasks, &g.proposals].iter().any(|t| !t.is_blank())
    }
    /// The latest submission, if any.
    pub fn last_submission(&self) -> Option<&Submission> {
        self.submissions.last()
    }
    /// The report on a task, if started.
    pub fn task(&self, id: &TaskId) -> Option<&TaskReport> {
        self.tasks.iter().find(|t| &t.task == id)
    }
}

/// All of one agency's reports on one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct AgencyReports {
    /// The reporting agency.
    pub agency: AgencyId,
    /// The plan.
    pub plan: PlanId,
    /// One entry per period started.
    pub periods: Vec<PeriodReport>,
}

impl AgencyReports {
    /// The report for a period, if started.
    pub fn period(&self, id: &PeriodId) -> Option<&PeriodReport> {
        self.periods.iter().find(|p| &p.period == id)
    }
}

/// The item of `list` that `is` picks, pushed from `make` first if there is none.
fn entry<T>(list: &mut Vec<T>, is: impl Fn(&T) -> bool, make: impl FnOnce() -> T) -> &mut T {
    let at = match list.iter().position(is) {
        Some(at) => at,
        None => {
            list.push(make());
            list.len() - 1
        }
    };
    &mut list[at]
}

impl AgencyReports {
    /// The report for a period, started empty if it is not there (a period added by an
    /// amendment after the genesis document).
    pub fn period_mut(&mut self, id: &PeriodId) -> &mut PeriodReport {
        entry(&mut self.periods, |p| &p.period == id, || PeriodReport::new(id.clone()))
    }
}

impl PeriodReport {
    /// The report on a task, started empty if it is not there.
    pub fn task_mut(&mut self, id: &TaskId) -> &mut TaskReport {
        entry(&mut self.tasks, |t| &t.task == id, || TaskReport::new(id.clone()))
    }
    /// The value of a target, started empty if it is not there.
    pub fn target_mut(&mut self, id: &TargetId) -> &mut TargetValue {
        entry(&mut self.targets, |t| &t.target == id, || TargetValue::new(id.clone()))
    }
    /// The value reported for a target, if any.
    pub fn target(&self, id: &TargetId) -> Option<&TargetValue> {
        self.targets.iter().find(|t| &t.target == id)
    }
}
