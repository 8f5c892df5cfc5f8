//! An action plan: decision metadata, sections, tasks, targets and the reporting schedule.

use super::schedule::Period;
use super::target::Target;
use crate::day::Day;
use crate::ids::{AgencyId, PeriodId, PlanId, SectionId, TaskId};
use crate::long_text::LongText;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// The decision that issues the plan (`Quyết định số 01/QĐ-UBND ngày 02/01/2020`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Decision {
    /// Number and symbol, e.g. `01/QĐ-UBND`.
    pub number: String,
    /// Date of signing.
    pub date: Day,
    /// Issuing body, e.g. `Ủy ban nhân dân tỉnh Trà Vinh`.
    pub issuer: String,
    /// Signer's name.
    pub signer: String,
    /// Signer's title, e.g. `Chủ tịch`.
    pub signer_title: String,
    /// What it implements, e.g. `Nghị quyết số 01/NQ-CP ngày 01/01/2020 của Chính phủ`.
    pub implements: String,
}

/// A group of agencies named collectively in a task: one of the standing groups, which start as
/// every agency of their kinds, or a group the office named. The office edits the members of
/// either (see [`crate::model::Group`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
pub enum AgencyGroup {
    /// `các Sở, ngành`: every department or agency.
    AllDepartments,
    /// `địa phương`, `UBND các huyện, thị xã, thành phố`: every district-level unit.
    AllDistricts,
    /// `UBND các xã, phường`, `UBND cấp xã`: every commune-level unit.
    AllCommunes,
    /// A group the office named (`các xã biên giới`).
    Named(crate::ids::GroupId),
}

impl AgencyGroup {
    /// The standing groups.
    pub const STANDING: [AgencyGroup; 3] =
        [AgencyGroup::AllDepartments, AgencyGroup::AllCommunes, AgencyGroup::AllDistricts];

    /// The id its members are kept under.
    pub fn id(&self) -> crate::ids::GroupId {
        let standing = |s: &str| crate::ids::GroupId::new(s).unwrap_or_else(|_| unreachable!("constant id is valid"));
        match self {
            AgencyGroup::AllDepartments => standing("all_departments"),
            AgencyGroup::AllDistricts => standing("all_districts"),
            AgencyGroup::AllCommunes => standing("all_communes"),
            AgencyGroup::Named(id) => id.clone(),
        }
    }

    /// The group with this id: a standing one, or one the office named.
    pub fn from_id(id: &crate::ids::GroupId) -> AgencyGroup {
        Self::STANDING.into_iter().find(|g| &g.id() == id).unwrap_or_else(|| AgencyGroup::Named(id.clone()))
    }

    /// Whether an agency of `kind` belongs to this group unless the office left it out.
    pub fn by_kind(&self, kind: crate::model::AgencyKind) -> bool {
        use crate::model::AgencyKind as K;
        matches!(
            (self, kind),
            (AgencyGroup::AllDepartments, K::Department)
                | (AgencyGroup::AllDistricts, K::District)
                | (AgencyGroup::AllCommunes, K::Commune | K::SpecialZone)
        )
    }
}

/// One numbered task (`3.4.`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Task {
    /// Its number, e.g. `3.4`.
    #[key]
    pub id: TaskId,
    /// The task text after the agencies, without bullet items.
    pub text: LongText,
    /// `- ` bullet or lettered sub-items.
    pub items: Vec<LongText>,
    /// Lead agencies (`chủ trì`).
    pub lead: Vec<AgencyId>,
    /// Coordinating agencies (`phối hợp`).
    pub coordinating: Vec<AgencyId>,
    /// Groups assigned as leads, resolved against the registry by [`crate::rules::assignment`].
    pub groups: Vec<AgencyGroup>,
    /// Groups named as coordinating (`phối hợp với các Sở, ngành`).
    #[serde(default)]
    #[autosurgeon(missing = "Vec::new")]
    pub coordinating_groups: Vec<AgencyGroup>,
    /// The agency words as written, for review.
    #[serde(default)]
    #[autosurgeon(missing = "String::new")]
    pub agencies_text: String,
    /// The task's own deadline, when the plan gives one (absent from plans read before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[autosurgeon(reconcile = "crate::schema::absent_when_none", missing = "Option::default")]
    pub deadline: Option<TaskDeadline>,
    /// What the task must produce (`Quyết định của UBND tỉnh`, `Báo cáo`), when the plan says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[autosurgeon(reconcile = "crate::schema::absent_when_none", missing = "Option::default")]
    pub product: Option<String>,
    /// Last year's task this one continues, when it was copied into this plan unfinished.
    /// Absent otherwise, so that plans read before stay byte for byte what they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[autosurgeon(reconcile = "crate::schema::absent_when_none", missing = "Option::default")]
    pub carried_over: Option<CarriedOver>,
}

/// Where a carried-over task comes from: last year's plan and task, and what its lead agencies
/// last said of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct CarriedOver {
    /// Last year's plan.
    pub plan: PlanId,
    /// The task there.
    pub task: TaskId,
    /// The year of that plan.
    pub year: i32,
}

impl Task {
    /// What to call the task in a list: its text, or its first item when the text is all
    /// bullet items (task 2.2 of the built-in plan), cut to `max` characters at a word.
    pub fn title(&self, max: usize) -> String {
        let text = self.text.as_str().trim();
        let source = if text.is_empty() { self.items.first().map_or("", |i| i.as_str()) } else { text };
        crate::text::shorten(source, max)
    }
}

/// A task's own deadline: as written, and the last day it allows when it names one (`Quý
/// II/2026` allows up to 30/06/2026; `Thường xuyên` has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct TaskDeadline {
    /// As the plan writes it.
    pub written: String,
    /// The last day it allows.
    pub due: Option<crate::day::Day>,
}

impl TaskDeadline {
    /// As shown to people: the words, with the last day they allow when that is not already a
    /// date in them (`Quý II/2026 (30/06/2026)`, but `30/6/2026` alone).
    pub fn shown(&self) -> String {
        match self.due {
            Some(due) if !due.is_written_in(&self.written) => format!("{} ({})", self.written, due.to_vietnamese()),
            _ => self.written.clone(),
        }
    }
}

/// One of the plan's own targets, stated in its objectives rather than under a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct PlanGoal {
    /// Stable id, `goal/t1`, in order of appearance.
    #[key]
    pub id: crate::ids::TargetId,
    /// The words that name it, e.g. `Tốc độ tăng trưởng GRDP`.
    pub name: String,
    /// What it asks for.
    pub kind: crate::model::TargetKind,
    /// Unit: `%`, `tỷ đồng`, … (empty for milestones).
    pub unit: String,
}

/// One numbered section (group of solutions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Section {
    /// Its number as written: `3` or `III`.
    #[key]
    pub id: SectionId,
    /// Its heading.
    pub title: String,
    /// Its tasks in order.
    pub tasks: Vec<Task>,
}

/// An action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Plan {
    /// Stable id, e.g. `01-qd-ubnd-2020`.
    pub id: PlanId,
    /// Title, e.g. `Kế hoạch hành động thực hiện Nghị quyết số 01/NQ-CP …`.
    pub title: String,
    /// The decision that issues it.
    pub decision: Decision,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Targets, each tied to a task.
    pub targets: Vec<Target>,
    /// The plan's own targets, from its objectives part (`GRDP tăng 8% trở lên`): the province's
    /// results, which the office follows. Absent when the plan states none, so that plans read
    /// before stay byte for byte what they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[autosurgeon(reconcile = "crate::schema::absent_when_none", missing = "Option::default")]
    pub goals: Option<Vec<PlanGoal>>,
    /// Reporting periods in order of due date.
    pub schedule: Vec<Period>,
}

impl Plan {
    /// Every task in order.
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.sections.iter().flat_map(|s| s.tasks.iter())
    }
    /// The task with this id.
    pub fn task(&self, id: &TaskId) -> Option<&Task> {
        self.tasks().find(|t| &t.id == id)
    }
    /// The period with this id.
    pub fn period(&self, id: &PeriodId) -> Option<&Period> {
        self.schedule.iter().find(|p| &p.id == id)
    }
    /// The targets of a task.
    pub fn targets_of<'a>(&'a self, task: &'a TaskId) -> impl Iterator<Item = &'a Target> + 'a {
        self.targets.iter().filter(move |t| &t.task == task)
    }
}
