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

impl AgencyReports {
    /// The report for a period, started empty if it is not there (a period added by an
    /// amendment after the genesis document).
    pub fn period_mut(&mut self, id: &PeriodId) -> &mut PeriodReport {
        let at = match self.periods.iter().position(|p| &p.period == id) {
            Some(at) => at,
            None => {
                self.periods.push(PeriodReport::new(id.clone()));
                self.periods.len() - 1
            }
        };
        &mut self.periods[at]
    }
}

impl PeriodReport {
    /// The report on a task, started empty if it is not there.
    pub fn task_mut(&mut self, id: &TaskId) -> &mut TaskReport {
        let at = match self.tasks.iter().position(|t| &t.task == id) {
            Some(at) => at,
            None => {
                self.tasks.push(TaskReport::new(id.clone()));
                self.tasks.len() - 1
            }
        };
        &mut self.tasks[at]
    }
    /// The value of a target, started empty if it is not there.
    pub fn target_mut(&mut self, id: &TargetId) -> &mut TargetValue {
        let at = match self.targets.iter().position(|t| &t.target == id) {
            Some(at) => at,
            None => {
                self.targets.push(TargetValue {
                    target: id.clone(),
                    value: None,
                    achieved: None,
                    as_of: None,
                    note: String::new(),
                });
                self.targets.len() - 1
            }
        };
        &mut self.targets[at]
    }
    /// The value reported for a target, if any.
    pub fn target(&self, id: &TargetId) -> Option<&TargetValue> {
        self.targets.iter().find(|t| &t.target == id)
    }
}
