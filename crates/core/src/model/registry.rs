//! The agency registry of a workspace.

use super::agency::{Agency, AgencyKind};
use crate::ids::AgencyId;
use crate::text::fold;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// The agencies of one province, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
#[serde(transparent)]
pub struct Registry {
    /// The agencies.
    pub agencies: Vec<Agency>,
}

impl Registry {
    /// An agency's name, or its id if it is not registered.
    pub fn display_name(&self, id: &AgencyId) -> String {
        self.get(id).map_or_else(|| id.to_string(), |a| a.name.clone())
    }
    /// The agency with this id, if registered.
    pub fn get(&self, id: &AgencyId) -> Option<&Agency> {
        self.agencies.iter().find(|a| &a.id == id)
    }
    /// All agencies of a kind.
    pub fn of_kind(&self, kind: AgencyKind) -> impl Iterator<Item = &Agency> {
        self.agencies.iter().filter(move |a| a.kind == kind)
    }
    /// The provincial office, if registered.
    pub fn provincial_office(&self) -> Option<&Agency> {
        self.of_kind(AgencyKind::ProvincialOffice).next()
    }
    /// The agency whose name or an alias equals `name`, ignoring case and diacritics.
    pub fn find_by_name(&self, name: &str) -> Option<&Agency> {
        let wanted = fold(name);
        self.agencies.iter().find(|a| {
            fold(&a.name) == wanted || fold(&a.short_name) == wanted || a.aliases.iter().any(|al| fold(al) == wanted)
        })
    }
    /// Every (folded phrase, agency id) pair by which texts may name an agency, longest first.
    pub fn phrases(&self) -> Vec<(String, AgencyId)> {
        let mut out: Vec<(String, AgencyId)> = self
            .agencies
            .iter()
            .flat_map(|a| {
                std::iter::once(fold(&a.name))
                    .chain(a.aliases.iter().map(|al| fold(al)))
                    .map(move |p| (p, a.id.clone()))
            })
            .collect();
        out.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then_with(|| x.0.cmp(&y.0)));
        out.dedup();
        out
    }
}
