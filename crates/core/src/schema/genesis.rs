//! Deterministic first versions of shared documents.
//!
//! Two laptops that create "the same" document on their own must produce the same first change,
//! or Automerge keeps both roots and one laptop's later edits hide under the other's. A genesis
//! document is written by a fixed actor at time 0, so every device, browser or server, makes it
//! byte for byte the same, and every later edit lands inside objects that already exist.

use super::{codec, DocError, Document, PlanDoc, ReportsDoc, ReviewsDoc, WorkspaceDoc, SCHEMA_VERSION};
use crate::doc_id::DocId;
use crate::ids::{AgencyId, PlanId};
use crate::model::{AgencyReports, PeriodReport, Plan, Registry, TargetValue, TaskReport, Workspace};
use crate::rules::assignment::{targets_for, tasks_for};
use automerge::transaction::CommitOptions;
use automerge::{ActorId, AutoCommit};

/// The actor of every genesis change. No device uses it.
pub const GENESIS_ACTOR: &[u8] = b"tiendo-genesis";

/// The id of the workspace document.
pub const WORKSPACE_DOC: &str = "workspace";

/// The document id of a plan.
pub fn plan_doc_id(plan: &PlanId) -> String {
    DocId::Plan(plan.clone()).to_string()
}

/// The document id of an agency's reports on a plan.
pub fn reports_doc_id(plan: &PlanId, agency: &AgencyId) -> String {
    DocId::Reports { plan: plan.clone(), agency: agency.clone() }.to_string()
}

/// The document id of the office's review marks on a plan.
pub fn reviews_doc_id(plan: &PlanId) -> String {
    DocId::Reviews(plan.clone()).to_string()
}

/// A document holding `value`, written as the genesis change.
pub fn genesis<T: Document>(value: &T) -> Result<AutoCommit, DocError> {
    let mut doc = AutoCommit::new().with_actor(ActorId::from(GENESIS_ACTOR));
    codec::write(&mut doc, value)?;
    doc.commit_with(CommitOptions::default().with_time(0));
    Ok(doc)
}

/// The workspace document.
pub fn workspace_doc(workspace: Workspace, agencies: Registry, plans: &[&Plan]) -> WorkspaceDoc {
    use crate::model::{DocEntry, DocKind};
    let documents = plans
        .iter()
        .map(|p| DocEntry { id: plan_doc_id(&p.id), kind: DocKind::Plan, plan: Some(p.id.clone()), agency: None })
        .collect();
    WorkspaceDoc {
        kind: WorkspaceDoc::KIND.into(),
        schema_version: SCHEMA_VERSION,
        workspace,
        agencies,
        devices: Vec::new(),
        documents,
    }
}

/// The plan document.
pub fn plan_doc(plan: Plan) -> PlanDoc {
    PlanDoc { kind: PlanDoc::KIND.into(), schema_version: SCHEMA_VERSION, plan }
}

/// An agency's empty reports: every period it reports in, with an entry for each of its tasks
/// and targets, so that edits from several laptops land in the same objects.
pub fn empty_reports(plan: &Plan, registry: &Registry, agency: &AgencyId) -> ReportsDoc {
    let tasks = tasks_for(plan, registry, agency);
    let targets = targets_for(plan, registry, agency);
    let periods = plan
        .schedule
        .iter()
        .filter(|p| p.applies_to(agency, !tasks.is_empty()))
        .map(|p| PeriodReport {
            tasks: tasks.iter().map(|(t, _)| TaskReport::new(t.id.clone())).collect(),
            targets: targets.iter().map(|t| TargetValue::new(t.id.clone())).collect(),
            ..PeriodReport::new(p.id.clone())
        })
        .collect();
    ReportsDoc {
        kind: ReportsDoc::KIND.into(),
        schema_version: SCHEMA_VERSION,
        reports: AgencyReports { agency: agency.clone(), plan: plan.id.clone(), periods },
    }
}

/// The office's empty review marks on a plan.
pub fn empty_reviews(plan: &PlanId) -> ReviewsDoc {
    ReviewsDoc {
        kind: ReviewsDoc::KIND.into(),
        schema_version: SCHEMA_VERSION,
        plan: plan.clone(),
        marks: Vec::new(),
        province_reports: Vec::new(),
    }
}
