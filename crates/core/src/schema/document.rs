//! The documents of a workspace, each with one writer group.

use crate::ids::PlanId;
use crate::model::{AgencyReports, Device, DocEntry, Plan, ProvinceReport, Registry, ReviewMark, Workspace};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// A kind of Automerge document of Tiến độ. `KIND` is stored in the document so that bytes of
/// one kind are never read as another.
pub trait Document: Reconcile + Hydrate {
    /// The value of the document's `kind` field.
    const KIND: &'static str;
    /// The schema version this build writes.
    fn schema_version(&self) -> u32;
}

macro_rules! document {
    ($ty:ident, $kind:literal) => {
        impl Document for $ty {
            const KIND: &'static str = $kind;
            fn schema_version(&self) -> u32 {
                self.schema_version
            }
        }
    };
}

/// The workspace: agency registry, devices, document index. Written by the provincial office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct WorkspaceDoc {
    /// Always `tiendo/workspace`.
    pub kind: String,
    /// Schema version written.
    pub schema_version: u32,
    /// The workspace.
    pub workspace: Workspace,
    /// The agencies.
    pub agencies: Registry,
    /// Registered devices.
    pub devices: Vec<Device>,
    /// Every document of the workspace.
    pub documents: Vec<DocEntry>,
}
document!(WorkspaceDoc, "tiendo/workspace");

impl WorkspaceDoc {
    /// The plan laptops open: the last one added (a new year's plan added beside last year's).
    pub fn current_plan(&self) -> Option<&DocEntry> {
        self.plans().last()
    }

    /// Every plan of the workspace, oldest first.
    pub fn plans(&self) -> impl DoubleEndedIterator<Item = &DocEntry> {
        self.documents.iter().filter(|d| d.kind == crate::model::DocKind::Plan)
    }

    /// The plan a laptop opens: the one its user chose (a plan document's id), if the workspace
    /// has it, else the current one.
    pub fn plan_to_open(&self, chosen: Option<&str>) -> Option<&DocEntry> {
        chosen.and_then(|c| self.plans().find(|d| d.id == c)).or_else(|| self.current_plan())
    }
}

/// One plan. Written by the provincial office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct PlanDoc {
    /// Always `tiendo/plan`.
    pub kind: String,
    /// Schema version written.
    pub schema_version: u32,
    /// The plan.
    pub plan: Plan,
}
document!(PlanDoc, "tiendo/plan");

/// One agency's reports on one plan. Written by that agency only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct ReportsDoc {
    /// Always `tiendo/reports`.
    pub kind: String,
    /// Schema version written.
    pub schema_version: u32,
    /// The reports.
    pub reports: AgencyReports,
}
document!(ReportsDoc, "tiendo/reports");

/// The provincial office's review marks on one plan's reports. Written by the office only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct ReviewsDoc {
    /// Always `tiendo/reviews`.
    pub kind: String,
    /// Schema version written.
    pub schema_version: u32,
    /// The plan reviewed.
    pub plan: PlanId,
    /// Marks, oldest first.
    pub marks: Vec<ReviewMark>,
    /// The province's reports as the office edited them, one per period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[autosurgeon(missing = "Vec::new")]
    pub province_reports: Vec<ProvinceReport>,
}
document!(ReviewsDoc, "tiendo/reviews");
