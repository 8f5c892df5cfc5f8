//! The agency registry of a workspace.

use super::agency::{Agency, AgencyKind};
use crate::ids::AgencyId;
use crate::text::fold;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// The agencies of one province, in a stable order, and the groups the office keeps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
#[serde(from = "Form", into = "Form")]
pub struct Registry {
    /// The agencies.
    pub agencies: Vec<Agency>,
    /// The groups the office named or edited (see [`Registry::groups`]). Absent until the
    /// first, so that a genesis stays byte for byte the same everywhere.
    #[autosurgeon(reconcile = "crate::schema::absent_when_none", missing = "Option::default")]
    pub groups: Option<Vec<super::group::Group>>,
}

/// How a registry is written as JSON: the list of agencies, as before groups were kept, until the
/// office keeps one; then with its groups.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Form {
    Agencies(Vec<Agency>),
    WithGroups { agencies: Vec<Agency>, groups: Vec<super::group::Group> },
}

impl From<Form> for Registry {
    fn from(f: Form) -> Self {
        match f {
            Form::Agencies(agencies) => Registry { agencies, groups: None },
            Form::WithGroups { agencies, groups } => Registry { agencies, groups: Some(groups) },
        }
    }
}

impl From<Registry> for Form {
    fn from(r: Registry) -> Self {
        match r.groups {
            None => Form::Agencies(r.agencies),
            Some(groups) => Form::WithGroups { agencies: r.agencies, groups },
        }
    }
}

impl Registry {
    /// An agency's name, or its id if it is not registered.
    pub fn display_name(&self, id: &AgencyId) -> String {
        self.get(id).map_or_else(|| id.to_string(), |a| a.name.clone())
    }
    /// A registry of these agencies, with no group edited.
    pub fn of(agencies: Vec<Agency>) -> Self {
        Self { agencies, groups: None }
    }
    /// The agency with this id, if registered.
    pub fn get(&self, id: &AgencyId) -> Option<&Agency> {
        self.agencies.iter().find(|a| &a.id == id)
    }
    /// The active agencies of a kind.
    pub fn of_kind(&self, kind: AgencyKind) -> impl Iterator<Item = &Agency> {
        self.active().filter(move |a| a.kind == kind)
    }
    /// The provincial office, if registered.
    pub fn provincial_office(&self) -> Option<&Agency> {
        self.of_kind(AgencyKind::ProvincialOffice).next()
    }
    /// The agencies that still take tasks.
    pub fn active(&self) -> impl Iterator<Item = &Agency> {
        self.agencies.iter().filter(|a| a.is_active())
    }
    /// Whether `id` is registered and still takes tasks.
    pub fn is_active(&self, id: &AgencyId) -> bool {
        self.get(id).is_some_and(Agency::is_active)
    }
    /// The agency that now answers for `id`: itself, or the one it was merged into (followed
    /// through later mergers). `None` for an unknown or retired agency, or a merger loop that
    /// two offline edits could make.
    pub fn successor(&self, id: &AgencyId) -> Option<&Agency> {
        let mut at = self.get(id)?;
        for _ in 0..=self.agencies.len() {
            match &at.ended {
                None => return Some(at),
                Some(e) => at = self.get(e.merged_into.as_ref()?)?,
            }
        }
        None
    }
    /// The agency whose name or an alias equals `name`, ignoring case and diacritics; an agency
    /// merged into another gives the one that answers for it now.
    pub fn find_by_name(&self, name: &str) -> Option<&Agency> {
        let wanted = fold(name);
        let named = |a: &&Agency| {
            fold(&a.name) == wanted || fold(&a.short_name) == wanted || a.aliases.iter().any(|al| fold(al) == wanted)
        };
        let found = self.active().find(named).or_else(|| self.agencies.iter().find(named))?;
        Some(self.successor(&found.id).unwrap_or(found))
    }
    /// Every (folded phrase, agency id) pair by which texts may name an agency, longest first.
    /// A merged agency's names give the one it was merged into; a retired one's give nothing
    /// (it takes no new tasks, so the parser says it does not know the name).
    pub fn phrases(&self) -> Vec<(String, AgencyId)> {
        let mut out: Vec<(String, AgencyId)> = self
            .agencies
            .iter()
            .filter_map(|a| self.successor(&a.id).map(|now| (a, now.id.clone())))
            .flat_map(|(a, now)| {
                std::iter::once(fold(&a.name)).chain(a.aliases.iter().map(|al| fold(al))).map(move |p| (p, now.clone()))
            })
            .collect();
        out.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then_with(|| x.0.cmp(&y.0)));
        out.dedup();
        out
    }
}
