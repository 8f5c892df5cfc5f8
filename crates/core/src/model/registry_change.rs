//! The office's changes to its agency registry: add, rename, merge, retire. Each is checked
//! against the registry as this laptop holds it and either applies whole or changes nothing.
//!
//! An agency is never removed: a retired or merged one keeps its id, its names and its reports,
//! so plans and reports written before stay readable (see [`Agency::ended`]).

use super::agency::{Agency, AgencyKind, Ending, FormerName};
use super::registry::Registry;
use crate::day::Day;
use crate::ids::AgencyId;
use crate::text::{fold, slug};
use serde::{Deserialize, Serialize};

/// One change to the registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum RegistryChange {
    /// A new agency. Its id is made from its name unless one is given.
    Add {
        /// The id to use, if not the one made from the name.
        id: Option<AgencyId>,
        /// Full name.
        name: String,
        /// Short name (tables, file names).
        short_name: String,
        /// Kind.
        kind: AgencyKind,
        /// Other names plan texts use for it.
        aliases: Vec<String>,
    },
    /// A new name; the old one stays as an alias and as the name before `on`.
    Rename {
        /// The agency.
        id: AgencyId,
        /// The new full name.
        name: String,
        /// The new short name, if it changes.
        short_name: Option<String>,
    },
    /// `from` joins `into`: `into` answers for `from`'s tasks and reports from now on.
    Merge {
        /// The agency that ends.
        from: AgencyId,
        /// The agency that goes on.
        into: AgencyId,
    },
    /// The agency ends: it keeps its history and receives no new tasks.
    Retire {
        /// The agency.
        id: AgencyId,
    },
}

/// Why a registry change was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum RegistryError {
    /// No agency has this id.
    #[error("no agency {0} in the registry")]
    Unknown(AgencyId),
    /// The agency has already ended (retired or merged).
    #[error("agency {0} has already ended (retired or merged)")]
    Ended(AgencyId),
    /// Another agency already has this id.
    #[error("an agency with id {0} already exists")]
    IdTaken(AgencyId),
    /// Another active agency is already called this (name, short name or alias).
    #[error("{name:?} already names agency {by}")]
    NameTaken {
        /// The name.
        name: String,
        /// The agency it names.
        by: AgencyId,
    },
    /// A name or short name that is empty or too long.
    #[error("{0:?} is not a usable name (1 to 200 characters)")]
    BadName(String),
    /// No id could be made from the name, and none was given.
    #[error("no id can be made from {0:?}; give one")]
    NoId(String),
    /// An agency cannot be merged into itself.
    #[error("agency {0} cannot be merged into itself")]
    Itself(AgencyId),
    /// A group the office named already goes by this name.
    #[error("{name:?} already names group {by}")]
    GroupNameTaken {
        /// The name.
        name: String,
        /// The group it names.
        by: crate::ids::GroupId,
    },
    /// No group has this id.
    #[error("no group {0} in the registry")]
    UnknownGroup(crate::ids::GroupId),
    /// The provincial office cannot be retired, merged, or added twice.
    #[error("the provincial office ({0}) cannot be retired, merged or added twice")]
    Office(AgencyId),
}

const MAX_NAME_CHARS: usize = 200;

pub(crate) fn usable(name: &str) -> Result<String, RegistryError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(RegistryError::BadName(name));
    }
    Ok(name)
}

impl Registry {
    /// Applies `change` as of `on` (the day of the office's decision). Returns the agency it
    /// concerns (the new one for `Add`, the one that goes on for `Merge`).
    pub fn change(&mut self, change: &RegistryChange, on: Day) -> Result<AgencyId, RegistryError> {
        match change {
            RegistryChange::Add { id, name, short_name, kind, aliases } => {
                let name = usable(name)?;
                let short_name = usable(short_name)?;
                let aliases = aliases.iter().map(|a| usable(a)).collect::<Result<Vec<_>, _>>()?;
                for n in std::iter::once(&name).chain(&aliases) {
                    self.name_is_free(n, None)?;
                }
                let id = match id {
                    Some(id) => id.clone(),
                    None => AgencyId::new(slug(&name)).map_err(|_| RegistryError::NoId(name.clone()))?,
                };
                if self.get(&id).is_some() {
                    return Err(RegistryError::IdTaken(id));
                }
                if *kind == AgencyKind::ProvincialOffice {
                    if let Some(office) = self.provincial_office() {
                        return Err(RegistryError::Office(office.id.clone()));
                    }
                }
                let mut agency = Agency::new(id.clone(), name, short_name, *kind);
                agency.aliases = aliases;
                self.agencies.push(agency);
                Ok(id)
            }
            RegistryChange::Rename { id, name, short_name } => {
                let name = usable(name)?;
                let short_name = short_name.as_deref().map(usable).transpose()?;
                self.active_one(id)?;
                self.name_is_free(&name, Some(id))?;
                let a = self.get_mut(id)?;
                let former = FormerName { name: a.name.clone(), short_name: a.short_name.clone(), until: on };
                if fold(&former.name) != fold(&name) && !a.aliases.iter().any(|al| fold(al) == fold(&former.name)) {
                    a.aliases.push(former.name.clone());
                }
                a.former_names.push(former);
                a.name = name;
                if let Some(s) = short_name {
                    a.short_name = s;
                }
                Ok(id.clone())
            }
            RegistryChange::Merge { from, into } => {
                if from == into {
                    return Err(RegistryError::Itself(from.clone()));
                }
                self.endable(from)?;
                self.active_one(into)?;
                self.get_mut(from)?.ended = Some(Ending { on, merged_into: Some(into.clone()) });
                Ok(into.clone())
            }
            RegistryChange::Retire { id } => {
                self.endable(id)?;
                self.get_mut(id)?.ended = Some(Ending { on, merged_into: None });
                Ok(id.clone())
            }
        }
    }

    fn get_mut(&mut self, id: &AgencyId) -> Result<&mut Agency, RegistryError> {
        self.agencies.iter_mut().find(|a| &a.id == id).ok_or_else(|| RegistryError::Unknown(id.clone()))
    }

    pub(crate) fn active_one(&self, id: &AgencyId) -> Result<&Agency, RegistryError> {
        let a = self.get(id).ok_or_else(|| RegistryError::Unknown(id.clone()))?;
        if !a.is_active() {
            return Err(RegistryError::Ended(id.clone()));
        }
        Ok(a)
    }

    fn endable(&self, id: &AgencyId) -> Result<(), RegistryError> {
        let a = self.active_one(id)?;
        if a.kind == AgencyKind::ProvincialOffice {
            return Err(RegistryError::Office(id.clone()));
        }
        Ok(())
    }

    /// Refuses a name that an active agency other than `except`, or a named group, goes by.
    pub(crate) fn name_is_free(&self, name: &str, except: Option<&AgencyId>) -> Result<(), RegistryError> {
        let wanted = fold(name);
        let group =
            self.groups().iter().find(|g| fold(&g.name) == wanted || g.aliases.iter().any(|a| fold(a) == wanted));
        if let Some(g) = group {
            return Err(RegistryError::GroupNameTaken { name: name.to_owned(), by: g.id.clone() });
        }
        let clash = self.active().filter(|a| Some(&a.id) != except).find(|a| {
            fold(&a.name) == wanted || fold(&a.short_name) == wanted || a.aliases.iter().any(|al| fold(al) == wanted)
        });
        match clash {
            Some(a) => Err(RegistryError::NameTaken { name: name.to_owned(), by: a.id.clone() }),
            None => Ok(()),
        }
    }

    /// An agency's full name as it was on `day` (a plan issued before a rename shows the old
    /// name), or its id if it is not registered.
    pub fn name_on(&self, id: &AgencyId, day: Day) -> String {
        self.get(id).map_or_else(|| id.to_string(), |a| a.name_on(day).to_owned())
    }
}
