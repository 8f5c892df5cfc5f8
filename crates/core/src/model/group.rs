//! Groups of agencies as the office keeps them: the standing groups (`các sở, ban, ngành tỉnh`,
//! `UBND các xã, phường`), which hold every agency of their kinds unless the office left one
//! out, and the groups the office names (`các xã biên giới`), which hold whom it put in.
//!
//! A plan names a group once, and the group's members at the time of reading answer for the
//! task: an agency the office adds to `UBND các xã, phường` tomorrow takes its tasks.

use super::agency::Agency;
use super::plan::AgencyGroup;
use super::registry::Registry;
use crate::ids::{AgencyId, GroupId};
use crate::text::fold;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// One group's definition: its names and the members the office put in or left out. A standing
/// group is kept here only once the office edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Group {
    /// `all_communes` for a standing group; made from the name for one the office named.
    #[key]
    pub id: GroupId,
    /// Its name as plans write it (empty for a standing group: the app names those).
    pub name: String,
    /// Other names plan texts use for it.
    pub aliases: Vec<String>,
    /// Agencies put in by the office.
    pub members: Vec<AgencyId>,
    /// Agencies of a standing group's kinds that the office left out.
    pub excluded: Vec<AgencyId>,
}

impl Group {
    /// A group with no members yet.
    pub fn new(id: GroupId, name: impl Into<String>) -> Self {
        Self { id, name: name.into(), aliases: Vec::new(), members: Vec::new(), excluded: Vec::new() }
    }
}

impl Registry {
    /// The groups the office keeps (named ones, and standing ones it edited).
    pub fn groups(&self) -> &[Group] {
        self.groups.as_deref().unwrap_or_default()
    }

    /// The kept definition of `group`, if the office made or edited it.
    pub fn group(&self, group: &AgencyGroup) -> Option<&Group> {
        let id = group.id();
        self.groups().iter().find(|g| g.id == id)
    }

    /// Every group a plan may name: the standing ones, then the office's, in the order made.
    pub fn all_groups(&self) -> Vec<AgencyGroup> {
        let named =
            self.groups().iter().map(|g| AgencyGroup::from_id(&g.id)).filter(|g| !AgencyGroup::STANDING.contains(g));
        AgencyGroup::STANDING.into_iter().chain(named).collect()
    }

    /// Whether `agency` is in `group` now. Two offline edits may put an agency in twice or both
    /// in and out: it is in when put in, whatever else was said.
    pub fn in_group(&self, group: &AgencyGroup, agency: &Agency) -> bool {
        let kept = self.group(group);
        let put_in = kept.is_some_and(|g| g.members.contains(&agency.id));
        let left_out = kept.is_some_and(|g| g.excluded.contains(&agency.id));
        put_in || (group.by_kind(agency.kind) && !left_out)
    }

    /// The agencies in `group` that still take tasks, in registry order.
    pub fn members_of(&self, group: &AgencyGroup) -> Vec<AgencyId> {
        self.active().filter(|a| self.in_group(group, a)).map(|a| a.id.clone()).collect()
    }

    /// A named group's name; `None` for a standing group (the app names those in its language).
    pub fn group_name(&self, group: &AgencyGroup) -> Option<String> {
        match group {
            AgencyGroup::Named(_) => Some(self.group(group).map_or_else(|| group.id().to_string(), |g| g.name.clone())),
            _ => None,
        }
    }

    /// Every (folded phrase, group) by which texts may name a group the office named, longest
    /// first.
    pub fn group_phrases(&self) -> Vec<(String, AgencyGroup)> {
        let mut out: Vec<(String, AgencyGroup)> = self
            .groups()
            .iter()
            .filter(|g| !g.name.is_empty())
            .flat_map(|g| {
                let group = AgencyGroup::from_id(&g.id);
                std::iter::once(&g.name).chain(&g.aliases).map(move |n| (fold(n), group.clone()))
            })
            .collect();
        out.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then_with(|| x.0.cmp(&y.0)));
        out.dedup();
        out
    }

    /// The kept definition of `group`, made when first edited.
    pub(crate) fn group_mut(&mut self, group: &AgencyGroup) -> &mut Group {
        let id = group.id();
        let groups = self.groups.get_or_insert_with(Vec::new);
        let at = match groups.iter().position(|g| g.id == id) {
            Some(at) => at,
            None => {
                groups.push(Group::new(id, ""));
                groups.len() - 1
            }
        };
        &mut groups[at]
    }
}
