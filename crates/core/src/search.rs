//! Filtering a plan's tasks by agency, role and words, ignoring diacritics.

use crate::ids::{AgencyId, TaskId};
use crate::model::{AgencyReports, Plan, Registry, Task, TaskStatus};
use crate::rules::assignment::role_in;
use crate::words::WordQuery;
use std::collections::BTreeMap;

/// What the user filters the plan by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskQuery {
    /// Only tasks this agency leads, coordinates or belongs to by group.
    pub agency: Option<AgencyId>,
    /// A phrase that must appear, as whole words, in the task's number, text, an item or its
    /// agencies, in any case and with or without diacritics ("nong thon" finds "nông thôn", not
    /// "thông"); see [`crate::words`].
    pub words: String,
    /// Only tasks whose latest reported status is this.
    pub status: StatusFilter,
}

/// Filtering by the status an agency last reported on a task.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Any status, or none.
    #[default]
    Any,
    /// No status reported in any period yet.
    NotReported,
    /// This status, in the latest period that has one.
    Is(TaskStatus),
}

/// The texts of a task that a search looks in: its number, text, items and agencies as written.
pub fn task_texts(task: &Task) -> impl Iterator<Item = &str> {
    [task.id.as_str(), task.text.as_str(), task.agencies_text.as_str()]
        .into_iter()
        .chain(task.items.iter().map(|i| i.as_str()))
}

/// For each task, the status reported in the latest period (by due date) that has one.
pub fn latest_statuses(plan: &Plan, reports: &AgencyReports) -> BTreeMap<TaskId, TaskStatus> {
    let mut periods: Vec<_> =
        reports.periods.iter().filter_map(|r| plan.period(&r.period).map(|p| (p.due, r))).collect();
    periods.sort_by_key(|(due, _)| *due);
    let mut out = BTreeMap::new();
    for (_, r) in periods {
        for t in &r.tasks {
            if let Some(s) = t.status {
                out.insert(t.task.clone(), s);
            }
        }
    }
    out
}

impl TaskQuery {
    /// Whether a task matches, its status included.
    pub fn matches_reported(&self, task: &Task, registry: &Registry, statuses: &BTreeMap<TaskId, TaskStatus>) -> bool {
        let status_ok = match self.status {
            StatusFilter::Any => true,
            StatusFilter::NotReported => !statuses.contains_key(&task.id),
            StatusFilter::Is(s) => statuses.get(&task.id) == Some(&s),
        };
        status_ok && self.matches(task, registry)
    }

    /// How many tasks match, their status included.
    pub fn count_reported(&self, plan: &Plan, registry: &Registry, statuses: &BTreeMap<TaskId, TaskStatus>) -> usize {
        plan.tasks().filter(|t| self.matches_reported(t, registry, statuses)).count()
    }

    /// Whether a task matches by agency and words (status aside).
    pub fn matches(&self, task: &Task, registry: &Registry) -> bool {
        if let Some(agency) = &self.agency {
            if role_in(task, agency, registry).is_none() {
                return false;
            }
        }
        let phrase = WordQuery::new(&self.words);
        phrase.is_empty() || task_texts(task).any(|text| phrase.matches(text))
    }

    /// How many tasks of the plan match.
    pub fn count(&self, plan: &Plan, registry: &Registry) -> usize {
        plan.tasks().filter(|t| self.matches(t, registry)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::tra_vinh_2020;

    #[test]
    fn search_without_diacritics_finds_tasks_written_with_them() {
        let (registry, parsed) = tra_vinh_2020().expect("built-in");
        let q = TaskQuery { words: "nong thon moi".into(), ..TaskQuery::default() };
        let ids: Vec<String> =
            parsed.plan.tasks().filter(|t| q.matches(t, &registry)).map(|t| t.id.to_string()).collect();
        assert!(ids.contains(&"3.2".to_owned()), "{ids:?}");
        let none = TaskQuery { words: "khong co chu nay xyz".into(), ..TaskQuery::default() };
        assert_eq!(none.count(&parsed.plan, &registry), 0);
    }

    #[test]
    fn nong_thon_finds_exactly_the_tasks_that_say_nong_thon() {
        let (registry, parsed) = tra_vinh_2020().expect("built-in");
        let says = |t: &Task| task_texts(t).any(|text| text.to_lowercase().contains("nông thôn"));
        let expected: Vec<String> = parsed.plan.tasks().filter(|t| says(t)).map(|t| t.id.to_string()).collect();
        assert!(expected.len() >= 2, "{expected:?}");
        let q = TaskQuery { words: "nong thon".into(), ..TaskQuery::default() };
        let found: Vec<String> =
            parsed.plan.tasks().filter(|t| q.matches(t, &registry)).map(|t| t.id.to_string()).collect();
        assert_eq!(found, expected);
        assert!(!found.contains(&"2.3".to_owned()), "2.3 says \"thông\", not \"thôn\"");
    }

    #[test]
    fn filtering_by_agency_keeps_only_its_tasks_including_group_assignments() {
        let (registry, parsed) = tra_vinh_2020().expect("built-in");
        let q = TaskQuery { agency: Some(AgencyId::new("so-y-te").expect("id")), ..TaskQuery::default() };
        let ids: Vec<String> =
            parsed.plan.tasks().filter(|t| q.matches(t, &registry)).map(|t| t.id.to_string()).collect();
        assert_eq!(ids, ["2.2", "3.1", "6.3", "7.3", "8.6", "10.2"]);
        let both = TaskQuery {
            agency: Some(AgencyId::new("so-y-te").expect("id")),
            words: "benh tat".into(),
            ..TaskQuery::default()
        };
        assert_eq!(both.count(&parsed.plan, &registry), 1);
    }

    #[test]
    fn filtering_by_status_uses_the_latest_period_that_has_one() {
        use crate::ids::PeriodId;
        use crate::schema::genesis::empty_reports;
        let (registry, parsed) = tra_vinh_2020().expect("built-in");
        let agency = AgencyId::new("so-y-te").expect("id");
        let mut reports = empty_reports(&parsed.plan, &registry, &agency).reports;
        let t63 = TaskId::new("6.3").expect("id");
        let t22 = TaskId::new("2.2").expect("id");
        reports.period_mut(&PeriodId::new("2020-Q1").expect("id")).task_mut(&t63).status = Some(TaskStatus::InProgress);
        reports.period_mut(&PeriodId::new("2020-Q2").expect("id")).task_mut(&t63).status = Some(TaskStatus::DoneOnTime);
        reports.period_mut(&PeriodId::new("2020-Q1").expect("id")).task_mut(&t22).status = Some(TaskStatus::Overdue);
        let statuses = latest_statuses(&parsed.plan, &reports);
        let mine = |status| TaskQuery { agency: Some(agency.clone()), status, ..TaskQuery::default() };
        let ids = |q: TaskQuery| -> Vec<String> {
            parsed
                .plan
                .tasks()
                .filter(|t| q.matches_reported(t, &registry, &statuses))
                .map(|t| t.id.to_string())
                .collect()
        };
        assert_eq!(ids(mine(StatusFilter::Is(TaskStatus::DoneOnTime))), ["6.3"]);
        assert!(ids(mine(StatusFilter::Is(TaskStatus::InProgress))).is_empty(), "Q2 supersedes Q1");
        assert_eq!(ids(mine(StatusFilter::Is(TaskStatus::Overdue))), ["2.2"]);
        assert_eq!(ids(mine(StatusFilter::NotReported)), ["3.1", "7.3", "8.6", "10.2"]);
        assert_eq!(mine(StatusFilter::Any).count_reported(&parsed.plan, &registry, &statuses), 6);
    }
}
