//! The domain model: plain types with their logic in `impl` blocks.

pub mod agency;
pub mod device;
pub mod explanation;
pub mod group;
pub mod group_change;
pub mod plan;
pub mod province_report;
pub mod registry;
pub mod registry_change;
pub mod report;
pub mod review;
pub mod schedule;
pub mod target;
pub mod workspace;

pub use agency::{Agency, AgencyKind, Ending, FormerName, UnknownKind};
pub use device::{Device, DocEntry, DocKind};
pub use explanation::{answer_to, ExplanationAnswer, ExplanationRequest};
pub use group::Group;
pub use group_change::GroupChange;
pub use plan::{AgencyGroup, CarriedOver, Decision, Plan, PlanGoal, Section, Task, TaskDeadline};
pub use province_report::{ProvinceReport, Signer, TaskText};
pub use registry::Registry;
pub use registry_change::{RegistryChange, RegistryError};
pub use report::{AgencyReports, GeneralParts, PeriodReport, Submission, TargetValue, TaskReport, TaskStatus};
pub use review::{ReviewMark, ReviewOutcome};
pub use schedule::{CutOff, Period, PeriodKind};
pub use target::{Target, TargetKind};
pub use workspace::Workspace;
