//! Filtering a plan's tasks by agency, role and words, ignoring diacritics.

use crate::ids::AgencyId;
use crate::model::{Plan, Registry, Task};
use crate::rules::assignment::role_in;
use crate::text::fold;

/// What the user filters the plan by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskQuery {
    /// Only tasks this agency leads, coordinates or belongs to by group.
    pub agency: Option<AgencyId>,
    /// Words that must all appear in the task's number, text, items or agency words, in any
    /// case and with or without diacritics ("nong thon" finds "nông thôn").
    pub words: String,
}

impl TaskQuery {
    /// Whether a task matches.
    pub fn matches(&self, task: &Task, registry: &Registry) -> bool {
        if let Some(agency) = &self.agency {
            if role_in(task, agency, registry).is_none() {
                return false;
            }
        }
        let words = fold(&self.words);
        if words.is_empty() {
            return true;
        }
        let mut haystack = fold(task.id.as_str());
        for part in std::iter::once(task.text.as_str())
            .chain(task.items.iter().map(|i| i.as_str()))
            .chain(std::iter::once(task.agencies_text.as_str()))
        {
            haystack.push(' ');
            haystack.push_str(&fold(part));
        }
        words.split(' ').all(|w| haystack.contains(w))
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
        let q = TaskQuery { agency: None, words: "nong thon moi".into() };
        let ids: Vec<String> =
            parsed.plan.tasks().filter(|t| q.matches(t, &registry)).map(|t| t.id.to_string()).collect();
        assert!(ids.contains(&"3.2".to_owned()), "{ids:?}");
        let none = TaskQuery { agency: None, words: "khong co chu nay xyz".into() };
        assert_eq!(none.count(&parsed.plan, &registry), 0);
    }

    #[test]
    fn filtering_by_agency_keeps_only_its_tasks_including_group_assignments() {
        let (registry, parsed) = tra_vinh_2020().expect("built-in");
        let q = TaskQuery { agency: Some(AgencyId::new("so-y-te").expect("id")), words: String::new() };
        let ids: Vec<String> =
            parsed.plan.tasks().filter(|t| q.matches(t, &registry)).map(|t| t.id.to_string()).collect();
        assert_eq!(ids, ["2.2", "3.1", "6.3", "7.3", "8.6", "10.2"]);
        let both = TaskQuery { agency: Some(AgencyId::new("so-y-te").expect("id")), words: "benh tat".into() };
        assert_eq!(both.count(&parsed.plan, &registry), 1);
    }
}
