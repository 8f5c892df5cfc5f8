//! `tiendo agency …`: the office keeps its registry of agencies and their access codes.

use crate::error::CliError;
use crate::registry::Edit;
use clap::Subcommand;
use std::io::Write;
use tiendo_core::ids::{AgencyId, GroupId};
use tiendo_core::model::{AgencyGroup, GroupChange, RegistryChange};

/// Agency commands.
#[derive(Debug, Subcommand)]
pub enum AgencyCommand {
    /// List the workspace's agencies, active and ended.
    List {
        /// Print JSON: `[{id, name, short_name, kind, aliases, state, …}]` (docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Add an agency to the registry.
    Add {
        /// Its full name, e.g. "Sở Nông nghiệp và Môi trường".
        #[arg(long)]
        name: String,
        /// Its short name for tables and file names, e.g. "SNNMT".
        #[arg(long)]
        short: String,
        /// department, commune, special_zone, other (or district, provincial_office).
        #[arg(long)]
        kind: tiendo_core::model::AgencyKind,
        /// Another name plan texts use for it (repeat for several).
        #[arg(long = "alias")]
        aliases: Vec<String>,
        /// Its id (made from the name if not given).
        #[arg(long)]
        id: Option<tiendo_core::ids::AgencyId>,
    },
    /// Rename an agency; the old name stays as another name for it, and plans issued before
    /// `--on` still show it.
    Rename {
        /// The agency's id.
        agency: tiendo_core::ids::AgencyId,
        /// The new full name.
        #[arg(long)]
        name: String,
        /// The new short name.
        #[arg(long)]
        short: Option<String>,
        /// The day the new name takes effect (yyyy-mm-dd or dd/mm/yyyy; today if not given).
        #[arg(long)]
        on: Option<String>,
    },
    /// Merge an agency into another, which answers for its tasks and reports from then on.
    /// Its access code and laptops stop working.
    Merge {
        /// The agency that ends.
        agency: tiendo_core::ids::AgencyId,
        /// The agency that goes on.
        #[arg(long)]
        into: tiendo_core::ids::AgencyId,
        /// The day of the merger (today if not given).
        #[arg(long)]
        on: Option<String>,
    },
    /// Retire an agency: it keeps its history and receives no new tasks. Its access code and
    /// laptops stop working.
    Retire {
        /// The agency.
        agency: tiendo_core::ids::AgencyId,
        /// The day it ends (today if not given).
        #[arg(long)]
        on: Option<String>,
    },
    /// The office's groups of agencies: the standing ones and those it names.
    Group {
        /// What to do.
        #[command(subcommand)]
        command: GroupCommand,
    },
    /// Issue a new access code for an agency (printed once; the old code stops working). It joins
    /// `--laptops` laptops within `--days` days, then stops working.
    Code {
        /// The agency's id, as `tiendo agency list` shows it.
        agency: String,
        /// How many laptops it may join.
        #[arg(long, default_value_t = 1)]
        laptops: u32,
        /// For how many days it works.
        #[arg(long, default_value_t = 7)]
        days: u32,
    },
}

/// Group commands.
#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// List the groups with their members (`all_departments`, `all_communes`, `all_districts`,
    /// then those the office named).
    List {
        /// Print JSON: `[{id, name, standing, members, put_in, left_out}]` (docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Name a new group, e.g. "các xã biên giới"; plans that name it give its members the task.
    Add {
        /// Its name as plans write it.
        #[arg(long)]
        name: String,
        /// Another name plan texts use for it (repeat for several).
        #[arg(long = "alias")]
        aliases: Vec<String>,
    },
    /// Put an agency in a group.
    Put {
        /// The group's id, as `tiendo agency group list` shows it.
        group: GroupId,
        /// The agency.
        agency: AgencyId,
    },
    /// Take an agency out of a group (out of a standing group even though it is of its kind).
    Take {
        /// The group's id.
        group: GroupId,
        /// The agency.
        agency: AgencyId,
    },
}

impl AgencyCommand {
    /// The registry change this command makes, with the day it names; `None` for one that
    /// changes nothing (list, code).
    pub fn edit(self) -> Option<(Edit, Option<String>)> {
        let member = |group: &GroupId, agency, member| {
            Edit::Group(GroupChange::Member { group: AgencyGroup::from_id(group), agency, member })
        };
        Some(match self {
            AgencyCommand::List { .. } | AgencyCommand::Code { .. } => return None,
            AgencyCommand::Group { command: GroupCommand::List { .. } } => return None,
            AgencyCommand::Add { name, short, kind, aliases, id } => {
                (Edit::Agency(RegistryChange::Add { id, name, short_name: short, kind, aliases }), None)
            }
            AgencyCommand::Rename { agency, name, short, on } => {
                (Edit::Agency(RegistryChange::Rename { id: agency, name, short_name: short }), on)
            }
            AgencyCommand::Merge { agency, into, on } => {
                (Edit::Agency(RegistryChange::Merge { from: agency, into }), on)
            }
            AgencyCommand::Retire { agency, on } => (Edit::Agency(RegistryChange::Retire { id: agency }), on),
            AgencyCommand::Group { command: GroupCommand::Add { name, aliases } } => {
                (Edit::Group(GroupChange::Add { name, aliases }), None)
            }
            AgencyCommand::Group { command: GroupCommand::Put { group, agency } } => {
                (member(&group, agency, true), None)
            }
            AgencyCommand::Group { command: GroupCommand::Take { group, agency } } => {
                (member(&group, agency, false), None)
            }
        })
    }
}

/// Runs an agency command.
pub fn run(command: AgencyCommand, data: &std::path::Path, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        AgencyCommand::List { json } => crate::registry::list(data, json, out),
        AgencyCommand::Group { command: GroupCommand::List { json } } => {
            crate::registry::print_groups(&crate::store::DataDir::new(data).workspace()?, json, out)
        }
        AgencyCommand::Code { agency, laptops, days } => {
            let policy = crate::accounts::CodePolicy { laptops: laptops.max(1), days: days.max(1) };
            crate::commands::agency_code(data, &agency, policy, out)
        }
        other => match other.edit() {
            Some((edit, on)) => crate::registry::change(data, &edit, on.as_deref(), out),
            None => Ok(()),
        },
    }
}
