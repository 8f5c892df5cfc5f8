//! The province's report for one period as the provincial office edits it before export. It
//! lives in the office's reviews document, so only the office writes it.

use crate::day::Day;
use crate::ids::{PeriodId, TaskId};
use crate::long_text::LongText;
use crate::model::GeneralParts;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// The compiled text on one task, as the office edited it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct TaskText {
    /// The task.
    #[key]
    pub task: TaskId,
    /// What the province reports on it.
    pub text: LongText,
}

/// Who signs, as the signature block of Nghị định 30/2020 writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Signer {
    /// Lines above the name, e.g. `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH`.
    pub lines: Vec<String>,
    /// The signer's name.
    pub name: String,
}

/// The province's report for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct ProvinceReport {
    /// The period.
    #[key]
    pub period: PeriodId,
    /// The number before `/BC-UBND`, empty until the document is registered.
    pub number: String,
    /// The day written in the header.
    pub date: Day,
    /// The bold line under `BÁO CÁO`.
    pub summary: String,
    /// Per task, the compiled text.
    pub tasks: Vec<TaskText>,
    /// The general parts.
    pub general: GeneralParts,
    /// `Nơi nhận:` lines, without the leading dash.
    pub recipients: Vec<String>,
    /// The signature block.
    pub signer: Signer,
}

impl ProvinceReport {
    /// The text on a task, if compiled.
    pub fn task(&self, id: &TaskId) -> Option<&LongText> {
        self.tasks.iter().find(|t| &t.task == id).map(|t| &t.text)
    }
    /// The text on a task, added empty if it is not there.
    pub fn task_mut(&mut self, id: &TaskId) -> &mut LongText {
        let at = match self.tasks.iter().position(|t| &t.task == id) {
            Some(at) => at,
            None => {
                self.tasks.push(TaskText { task: id.clone(), text: LongText::default() });
                self.tasks.len() - 1
            }
        };
        &mut self.tasks[at].text
    }
}
