//! `tiendo agency …`: the office keeps its registry of agencies and their access codes.

use crate::error::CliError;
use clap::Subcommand;
use std::io::Write;
use tiendo_core::model::RegistryChange;

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

/// Runs an agency command.
pub fn run(command: AgencyCommand, data: &std::path::Path, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        AgencyCommand::List { json } => crate::registry::list(data, json, out),
        AgencyCommand::Add { name, short, kind, aliases, id } => {
            let change = RegistryChange::Add { id, name, short_name: short, kind, aliases };
            crate::registry::change(data, &change, None, out)
        }
        AgencyCommand::Rename { agency, name, short, on } => {
            let change = RegistryChange::Rename { id: agency, name, short_name: short };
            crate::registry::change(data, &change, on.as_deref(), out)
        }
        AgencyCommand::Merge { agency, into, on } => {
            let change = RegistryChange::Merge { from: agency, into };
            crate::registry::change(data, &change, on.as_deref(), out)
        }
        AgencyCommand::Retire { agency, on } => {
            crate::registry::change(data, &RegistryChange::Retire { id: agency }, on.as_deref(), out)
        }
        AgencyCommand::Code { agency, laptops, days } => {
            let policy = crate::accounts::CodePolicy { laptops: laptops.max(1), days: days.max(1) };
            crate::commands::agency_code(data, &agency, policy, out)
        }
    }
}
