//! The office's changes to its groups: name a new group, put an agency in a group or take it
//! out. Each is checked against the registry as this laptop holds it and either applies whole or
//! changes nothing.

use super::plan::AgencyGroup;
use super::registry::Registry;
use super::registry_change::{usable, RegistryError};
use crate::ids::{AgencyId, GroupId};
use crate::text::slug;
use serde::{Deserialize, Serialize};

/// One change to the groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum GroupChange {
    /// A group the office names, with no members yet. Its id is made from its name.
    Add {
        /// Its name as plans write it (`các xã biên giới`).
        name: String,
        /// Other names plan texts use for it.
        aliases: Vec<String>,
    },
    /// Puts an agency in a group (`member` true) or takes it out; for a standing group, taking
    /// out an agency of its kinds leaves it out.
    Member {
        /// The group.
        group: AgencyGroup,
        /// The agency.
        agency: AgencyId,
        /// In or out.
        member: bool,
    },
}

impl Registry {
    /// Applies `change`. Returns the group it concerns.
    pub fn change_group(&mut self, change: &GroupChange) -> Result<GroupId, RegistryError> {
        match change {
            GroupChange::Add { name, aliases } => {
                let name = usable(name)?;
                let aliases = aliases.iter().map(|a| usable(a)).collect::<Result<Vec<_>, _>>()?;
                for n in std::iter::once(&name).chain(&aliases) {
                    self.name_is_free(n, None)?;
                }
                let id = GroupId::new(slug(&name)).map_err(|_| RegistryError::NoId(name.clone()))?;
                let standing = AgencyGroup::STANDING.iter().any(|g| g.id() == id);
                if standing || self.groups().iter().any(|g| g.id == id) {
                    return Err(RegistryError::GroupNameTaken { name, by: id });
                }
                let group = self.group_mut(&AgencyGroup::Named(id.clone()));
                group.name = name;
                group.aliases = aliases;
                Ok(id)
            }
            GroupChange::Member { group, agency, member } => {
                if let AgencyGroup::Named(id) = group {
                    if !self.groups().iter().any(|g| &g.id == id) {
                        return Err(RegistryError::UnknownGroup(id.clone()));
                    }
                }
                let by_kind = group.by_kind(self.active_one(agency)?.kind);
                let g = self.group_mut(group);
                g.members.retain(|m| m != agency);
                g.excluded.retain(|m| m != agency);
                match (member, by_kind) {
                    (true, false) => g.members.push(agency.clone()),
                    (false, true) => g.excluded.push(agency.clone()),
                    // In by its kind, or out for not being put in: nothing more to keep.
                    _ => {}
                }
                Ok(group.id())
            }
        }
    }
}
