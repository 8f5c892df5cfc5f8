//! What a verified file would change, in terms a person checks before importing: which reports,
//! which periods, which tasks and targets are new or changed, whether a report was submitted,
//! and by whom.

use super::import::Verified;
use crate::ids::{AgencyId, PeriodId, TargetId, TaskId};
use crate::model::{DocKind, PeriodReport, TargetValue};
use crate::schema::{self, ReportsDoc};
use crate::sync::{Rights, Writer};
use automerge::AutoCommit;

/// One period of a report, as the file changes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PeriodChange {
    /// The period.
    pub period: PeriodId,
    /// Tasks whose report is new or changed.
    pub tasks: Vec<TaskId>,
    /// Targets whose value is new or changed.
    pub targets: Vec<TargetId>,
    /// Whether the general parts changed.
    pub general: bool,
    /// Whether the file brings a submission.
    pub submitted: bool,
    /// The moments (Unix ms) of the submissions the file brings.
    #[serde(default)]
    pub submissions: Vec<i64>,
}

/// One document of the file, as it would change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocPreview {
    /// The document.
    pub id: String,
    /// Its kind.
    pub kind: DocKind,
    /// The agency whose report it is (reports only).
    pub agency: Option<AgencyId>,
    /// Changes new here.
    pub new_changes: usize,
    /// Per period, for reports.
    pub periods: Vec<PeriodChange>,
}

fn periods(before: Option<&AutoCommit>, after: &ReportsDoc) -> Vec<PeriodChange> {
    let before = before.and_then(|b| schema::read::<ReportsDoc, _>(b).ok());
    let empty = |p: &PeriodReport| PeriodReport::new(p.period.clone());
    after
        .reports
        .periods
        .iter()
        .filter_map(|p| {
            let old = before
                .as_ref()
                .and_then(|b| b.reports.periods.iter().find(|o| o.period == p.period).cloned())
                .unwrap_or_else(|| empty(p));
            let tasks: Vec<TaskId> = p
                .tasks
                .iter()
                .filter(|t| old.tasks.iter().find(|o| o.task == t.task) != Some(t))
                .filter(|t| {
                    !(t.status.is_none()
                        && t.percent.is_none()
                        && t.results.is_blank()
                        && t.difficulties.is_blank()
                        && t.proposals.is_blank())
                        || old.tasks.iter().any(|o| o.task == t.task)
                })
                .map(|t| t.task.clone())
                .collect();
            let targets: Vec<TargetId> = p
                .targets
                .iter()
                .filter(|t| old.targets.iter().find(|o| o.target == t.target) != Some(t))
                .filter(|t| {
                    **t != TargetValue::new(t.target.clone()) || old.targets.iter().any(|o| o.target == t.target)
                })
                .map(|t| t.target.clone())
                .collect();
            let change = PeriodChange {
                period: p.period.clone(),
                tasks,
                targets,
                general: p.general != old.general,
                submitted: p.submissions.len() > old.submissions.len(),
                submissions: p.submissions.iter().skip(old.submissions.len()).map(|s| s.at_ms).collect(),
            };
            let any = !change.tasks.is_empty() || !change.targets.is_empty() || change.general || change.submitted;
            any.then_some(change)
        })
        .collect()
}

/// The preview of a verified file against the documents held before it (`local`).
pub fn preview(
    verified: &Verified,
    rights: &Rights,
    local: &std::collections::BTreeMap<String, AutoCommit>,
) -> Vec<DocPreview> {
    preview_values(verified, rights, local).0
}

/// The preview, and the value of every report document the file changes as it reads after the
/// import (read for the preview anyway: an importer can cache them).
pub fn preview_values(
    verified: &Verified,
    rights: &Rights,
    local: &std::collections::BTreeMap<String, AutoCommit>,
) -> (Vec<DocPreview>, Vec<(String, ReportsDoc)>) {
    let changed: Vec<&super::import::Incoming> = verified.docs.iter().filter(|d| d.new_changes > 0).collect();
    let read = read_reports(&changed);
    let mut values = Vec::new();
    let previews = changed
        .iter()
        .zip(read)
        .map(|(d, after)| {
            let agency = match rights.doc(&d.id).map(|r| &r.writer) {
                Some(Writer::Agency(a)) => Some(a.clone()),
                _ => None,
            };
            // A held first version reads as nothing held (it holds no report yet): not read.
            let before = local.get(&d.id).filter(|doc| !first_version_only(doc));
            let periods = after.as_ref().map(|a| periods(before, a)).unwrap_or_default();
            if let Some(a) = after {
                values.push((d.id.clone(), a));
            }
            DocPreview { id: d.id.clone(), kind: d.kind, agency, new_changes: d.new_changes, periods }
        })
        .collect();
    (previews, values)
}

/// Whether a document holds nothing but its first version (the genesis actor's changes).
fn first_version_only(doc: &AutoCommit) -> bool {
    let genesis = automerge::ActorId::from(crate::schema::genesis::GENESIS_ACTOR);
    doc.clone().get_changes_meta(&[]).iter().all(|c| c.actor.as_ref() == &genesis)
}

/// Each report document's value after the import (`None` for other kinds); on every core
/// natively when there are many.
fn read_reports(docs: &[&super::import::Incoming]) -> Vec<Option<ReportsDoc>> {
    let read = |d: &&super::import::Incoming| {
        if d.report.is_some() {
            return d.report.clone();
        }
        (d.kind == DocKind::Reports).then(|| schema::read::<ReportsDoc, _>(&d.merged).ok()).flatten()
    };
    if docs.len() < 4 {
        return docs.iter().map(read).collect();
    }
    crate::par::map(docs, read)
}
