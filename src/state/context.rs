//! The app-wide context: language and the open plan.

use crate::i18n::{self, Lang};
use leptos::prelude::*;
use std::sync::Arc;
use tiendo_core::model::{Plan, Registry};

/// The plan being shown and the registry its agency ids refer to.
#[derive(Debug)]
pub struct PlanData {
    /// The agencies.
    pub registry: Registry,
    /// The plan.
    pub plan: Plan,
}

impl PlanData {
    /// The built-in Trà Vinh 2020 plan, parsed from its text.
    pub fn builtin() -> Result<Self, String> {
        tiendo_core::builtin::tra_vinh_2020()
            .map(|(registry, parsed)| PlanData { registry, plan: parsed.plan })
            .map_err(|e| e.to_string())
    }
    /// An agency's display name (its id if unknown).
    pub fn agency_name(&self, id: &tiendo_core::ids::AgencyId) -> String {
        self.registry.get(id).map_or_else(|| id.to_string(), |a| a.name.clone())
    }
}

/// Shared app state. `Copy`, so components take it by value.
#[derive(Debug, Clone, Copy)]
pub struct AppContext {
    /// The UI language.
    pub lang: RwSignal<Lang>,
    /// The open plan, or why it could not be opened.
    pub data: StoredValue<Result<Arc<PlanData>, String>>,
}

impl AppContext {
    /// Creates the context and provides it to the component tree.
    pub fn provide(lang: Lang, data: Result<PlanData, String>) -> Self {
        let ctx = Self { lang: RwSignal::new(lang), data: StoredValue::new(data.map(Arc::new)) };
        provide_context(ctx);
        ctx
    }
    /// The context provided by [`AppContext::provide`].
    pub fn expect() -> Self {
        expect_context::<Self>()
    }
    /// The text for a key in the current language (reactive).
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang.get(), key)
    }
    /// The open plan, if it opened.
    pub fn plan(&self) -> Option<Arc<PlanData>> {
        self.data.with_value(|d| d.as_ref().ok().cloned())
    }
}
