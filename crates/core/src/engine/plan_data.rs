//! The open plan as the page shows it: the plan, the registry its agency ids refer to, and the
//! plans to choose from.

use crate::ids::AgencyId;
use crate::model::{Plan, Registry};

/// The plan being shown and the registry its agency ids refer to.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct PlanData {
    /// The agencies.
    pub registry: Registry,
    /// The plan.
    pub plan: Plan,
    /// The workspace's plans this laptop holds, oldest first (several: the plan selector).
    pub plans: Vec<PlanChoice>,
}

/// A plan to choose in the top bar.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlanChoice {
    /// Its document's id.
    pub doc: String,
    /// "2026 · 15/KH-UBND".
    pub label: String,
}

impl PlanChoice {
    /// The choice of the plan in document `doc`.
    pub fn of(doc: &str, plan: &Plan) -> Self {
        Self { doc: doc.to_owned(), label: format!("{} · {}", plan.decision.date.year(), plan.decision.number) }
    }
}

impl PlanData {
    /// The built-in Trà Vinh 2020 plan, parsed from its text.
    pub fn builtin() -> Result<Self, super::EngineError> {
        let (registry, parsed) = crate::builtin::tra_vinh_2020()?;
        Ok(PlanData { registry, plan: parsed.plan, plans: Vec::new() })
    }
    /// An agency's display name (its id if unknown).
    pub fn agency_name(&self, id: &AgencyId) -> String {
        self.registry.display_name(id)
    }
}
