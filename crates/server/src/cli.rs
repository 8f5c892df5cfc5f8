//! Command-line interface of `tiendo`.

use crate::commands;
use crate::error::CliError;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use tiendo_core::model::RegistryChange;

pub use crate::report_cli::ReportCommand;

/// Tiến độ: track a province's annual action plan.
#[derive(Debug, Parser)]
#[command(name = "tiendo", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace: with the built-in Trà Vinh 2020 plan, or from a decision's text
    /// (`--plan-text`) with the agencies it names.
    Init {
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
        /// A decision (`.docx` or text) to start the workspace from.
        #[arg(long)]
        plan_text: Option<PathBuf>,
    },
    /// Serve the built app and sync over HTTP and WebSocket.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// The data directory (created with the built-in plan if empty).
        #[arg(long, default_value = "./data")]
        data: PathBuf,
        /// Keep the data in PostgreSQL instead (`postgres://user@host/db`, or `host=… dbname=…`);
        /// several servers may share it.
        #[arg(long, env = "TIENDO_STORE")]
        store: Option<String>,
        /// The built app (trunk's output).
        #[arg(long, default_value = "./dist")]
        dist: PathBuf,
        /// Largest sync message a client may send, bytes.
        #[arg(long, default_value_t = 16 << 20)]
        max_message_bytes: usize,
        /// Sync messages per second one connection may keep up.
        #[arg(long, default_value_t = 200)]
        max_messages_per_second: u32,
        /// Sync messages one connection may send in a burst.
        #[arg(long, default_value_t = 2000)]
        burst: u32,
        /// Sync connections one device may hold at once.
        #[arg(long, default_value_t = 8)]
        max_connections_per_device: usize,
        /// Sync connections one address may hold at once.
        #[arg(long, default_value_t = 512)]
        max_connections_per_address: usize,
        /// Log as JSON lines (for a log collector) instead of text.
        #[arg(long)]
        log_json: bool,
    },
    /// Sync files (USB).
    File {
        /// What to do.
        #[command(subcommand)]
        command: FileCommand,
    },
    /// Reports of the provincial office.
    Report {
        /// What to do.
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Plans.
    Plan {
        /// What to do with plans.
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// Move a data directory into PostgreSQL (stop the server first).
    Migrate {
        /// The data directory.
        #[arg(long)]
        from: PathBuf,
        /// The PostgreSQL database (`postgres://…` or `host=… dbname=…`), holding no workspace yet.
        #[arg(long)]
        to: String,
    },
    /// Agencies.
    Agency {
        /// What to do with agencies.
        #[command(subcommand)]
        command: AgencyCommand,
    },
}

/// Sync file commands.
#[derive(Debug, Subcommand)]
pub enum FileCommand {
    /// Write a sync file with what a laptop of AGENCY reads (everything, for the office).
    Export {
        /// The agency the file is for.
        #[arg(long = "as")]
        agency: String,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
    },
    /// Check a sync file against this data and show what it would change.
    Inspect {
        /// The file.
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
    },
    /// Enrol a laptop with no connection: register a new device of AGENCY and write an
    /// invitation file (what AGENCY reads, and the device's key sealed with a one-time code that
    /// is printed once).
    Invite {
        /// The agency the laptop belongs to.
        #[arg(long)]
        agency: String,
        /// Where to write the invitation (`.tiendo-invite`).
        #[arg(long)]
        out: PathBuf,
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
    },
    /// Import a sync file: all of it, or nothing if any check fails.
    Import {
        /// The file.
        file: PathBuf,
        /// Write a receipt for the sender here.
        #[arg(long)]
        receipt: Option<PathBuf>,
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
    },
}

/// Plan commands.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// List the workspace's plans.
    List {
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
        /// Print JSON (the shape in docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Print a plan of the workspace (the newest if none is named).
    Show {
        /// The plan's id, as `tiendo plan list` shows it.
        #[arg(long)]
        plan: Option<tiendo_core::ids::PlanId>,
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
        /// Print JSON (the shape in docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Add a plan from its decision (.docx or text), with the agencies it names that the
    /// registry lacks; warnings go to stderr.
    Add {
        /// A `.docx`, or a UTF-8 (or UTF-16) text file.
        file: PathBuf,
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
    },
    /// Parse a plan from a decision (.docx or text); warnings go to stderr.
    #[command(alias = "import")]
    ImportText {
        /// A `.docx`, or a UTF-8 (or UTF-16) text file.
        file: PathBuf,
        /// The data directory whose agencies to match (the built-in registry if it has none).
        #[arg(long, default_value = "./data")]
        data: PathBuf,
        /// Print JSON (the same shape as `plan show --json`).
        #[arg(long)]
        json: bool,
    },
}

/// Agency commands.
#[derive(Debug, Subcommand)]
pub enum AgencyCommand {
    /// List the workspace's agencies, active and ended.
    List {
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
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
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
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
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
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
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
    },
    /// Retire an agency: it keeps its history and receives no new tasks. Its access code and
    /// laptops stop working.
    Retire {
        /// The agency.
        agency: tiendo_core::ids::AgencyId,
        /// The day it ends (today if not given).
        #[arg(long)]
        on: Option<String>,
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
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
        /// The data directory.
        #[arg(long, default_value = "./data")]
        data: PathBuf,
    },
}

/// Runs a parsed command line.
///
/// Output goes through an unlocked `Stdout`, which locks per write. Holding `stdout().lock()`
/// for the whole command froze `tiendo serve`: the main thread held the lock while it blocked on
/// the runtime, and every log line from a worker thread then waited on it for ever.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let mut out = std::io::stdout();
    match cli.command {
        Command::Init { data, plan_text: None } => commands::init(&data, &mut out),
        Command::Init { data, plan_text: Some(file) } => {
            crate::plans::init_from_text(&data, &file, &mut out, &mut std::io::stderr())
        }
        Command::Serve {
            addr,
            data,
            store,
            dist,
            max_message_bytes,
            max_messages_per_second,
            burst,
            max_connections_per_device,
            max_connections_per_address,
            log_json,
        } => {
            let limits = crate::sync::SyncLimits {
                max_message_bytes,
                messages_per_second: max_messages_per_second,
                burst,
                per_device: max_connections_per_device,
                per_address: max_connections_per_address,
            };
            let at = match &store {
                Some(url) => crate::serve::Place::Postgres(url),
                None => crate::serve::Place::Dir(&data),
            };
            crate::serve::serve_blocking(&addr, at, &dist, limits, log_json)
        }
        Command::File { command: FileCommand::Export { agency, out: file, data } } => {
            crate::files::export(&data, &agency, &file, &mut out)
        }
        Command::File { command: FileCommand::Invite { agency, out: file, data } } => {
            crate::invite::invite(&data, &agency, &file, &mut out)
        }
        Command::File { command: FileCommand::Inspect { file, json, data } } => {
            crate::files::inspect(&data, &file, json, &mut out)
        }
        Command::File { command: FileCommand::Import { file, receipt, data } } => {
            crate::files::import(&data, &file, receipt.as_deref(), &mut out)
        }
        Command::Migrate { from, to } => crate::migrate::migrate(&from, &to, &mut out),
        Command::Report { command } => crate::report_cli::run(command, &mut out),
        Command::Plan { command: PlanCommand::Show { plan, data, json } } => {
            commands::plan_show(&data, plan.as_ref(), json, &mut out)
        }
        Command::Plan { command: PlanCommand::List { data, json } } => crate::plans::list(&data, json, &mut out),
        Command::Plan { command: PlanCommand::Add { file, data } } => {
            crate::plans::add(&data, &file, &mut out, &mut std::io::stderr())
        }
        Command::Plan { command: PlanCommand::ImportText { file, data, json } } => {
            commands::import_text(&file, &data, json, &mut out, &mut std::io::stderr())
        }
        Command::Agency { command: AgencyCommand::List { data, json } } => crate::registry::list(&data, json, &mut out),
        Command::Agency { command: AgencyCommand::Add { name, short, kind, aliases, id, data } } => {
            let change = RegistryChange::Add { id, name, short_name: short, kind, aliases };
            crate::registry::change(&data, &change, None, &mut out)
        }
        Command::Agency { command: AgencyCommand::Rename { agency, name, short, on, data } } => {
            let change = RegistryChange::Rename { id: agency, name, short_name: short };
            crate::registry::change(&data, &change, on.as_deref(), &mut out)
        }
        Command::Agency { command: AgencyCommand::Merge { agency, into, on, data } } => {
            let change = RegistryChange::Merge { from: agency, into };
            crate::registry::change(&data, &change, on.as_deref(), &mut out)
        }
        Command::Agency { command: AgencyCommand::Retire { agency, on, data } } => {
            crate::registry::change(&data, &RegistryChange::Retire { id: agency }, on.as_deref(), &mut out)
        }
        Command::Agency { command: AgencyCommand::Code { agency, laptops, days, data } } => {
            let policy = crate::accounts::CodePolicy { laptops: laptops.max(1), days: days.max(1) };
            commands::agency_code(&data, &agency, policy, &mut out)
        }
    }
}
