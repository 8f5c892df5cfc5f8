//! Command-line interface of `tiendo`.

pub use crate::agency_cli::AgencyCommand;
use crate::backend::Place;
use crate::commands;
use crate::error::CliError;
pub use crate::report_cli::ReportCommand;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Tiến độ: track a province's annual action plan.
#[derive(Debug, Parser)]
#[command(name = "tiendo", version, about)]
pub struct Cli {
    /// The data directory (before or after the command).
    #[arg(long, global = true, env = "TIENDO_DATA", default_value = "./data")]
    pub data: PathBuf,
    /// Keep the data in PostgreSQL instead (`postgres://user@host/db`, or `host=… dbname=…`):
    /// serve, backup and restore; several servers may share it.
    #[arg(long, global = true, env = "TIENDO_STORE")]
    pub store: Option<String>,
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
        /// A decision (`.docx` or text) to start the workspace from.
        #[arg(long)]
        plan_text: Option<PathBuf>,
    },
    /// Serve the built app and sync over HTTP and WebSocket.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
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
    /// Write a whole workspace (documents, accounts, the server's key, arrival records) to one file.
    Backup {
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
    /// Put a backup into an empty data directory or PostgreSQL database.
    Restore {
        /// The backup file.
        file: PathBuf,
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
    },
    /// Check a sync file against this data and show what it would change.
    Inspect {
        /// The file.
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
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
    },
    /// Import a sync file: all of it, or nothing if any check fails.
    Import {
        /// The file.
        file: PathBuf,
        /// Write a receipt for the sender here.
        #[arg(long)]
        receipt: Option<PathBuf>,
    },
}

/// Plan commands.
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// List the workspace's plans.
    List {
        /// Print JSON (the shape in docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Print a plan of the workspace (the newest if none is named).
    Show {
        /// The plan's id, as `tiendo plan list` shows it.
        #[arg(long)]
        plan: Option<tiendo_core::ids::PlanId>,
        /// Print JSON (the shape in docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// Add a plan from its decision (.docx or text), with the agencies it names that the
    /// registry lacks; warnings go to stderr.
    Add {
        /// A `.docx`, or a UTF-8 (or UTF-16) text file.
        file: PathBuf,
    },
    /// Make next year's plan from last year's: the same sections and tasks, the schedule a year
    /// later, unfinished tasks marked as carried over, finished ones with a deadline left out.
    Copy {
        /// Last year's plan (the newest if none is named).
        #[arg(long)]
        from: Option<tiendo_core::ids::PlanId>,
        /// The new decision's number, e.g. `03/QĐ-UBND`.
        #[arg(long)]
        number: String,
        /// The new decision's day, dd/mm/yyyy.
        #[arg(long)]
        date: String,
        /// The new plan's title (last year's with the year changed if none).
        #[arg(long)]
        title: Option<String>,
    },
    /// Parse a plan from a decision (.docx or text); warnings go to stderr.
    #[command(alias = "import")]
    ImportText {
        /// A `.docx`, or a UTF-8 (or UTF-16) text file.
        file: PathBuf,
        /// Print JSON (the same shape as `plan show --json`).
        #[arg(long)]
        json: bool,
    },
}

impl Command {
    /// The command's name, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Init { .. } => "init",
            Command::Serve { .. } => "serve",
            Command::File { .. } => "file",
            Command::Report { .. } => "report",
            Command::Plan { .. } => "plan",
            Command::Backup { .. } => "backup",
            Command::Restore { .. } => "restore",
            Command::Migrate { .. } => "migrate",
            Command::Agency { .. } => "agency",
        }
    }
}

/// Runs a parsed command line.
///
/// Output goes through an unlocked `Stdout`, which locks per write. Holding `stdout().lock()`
/// for the whole command froze `tiendo serve`: the main thread held the lock while it blocked on
/// the runtime, and every log line from a worker thread then waited on it for ever.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let mut out = std::io::stdout();
    let Cli { data, store, command } = cli;
    match command {
        // These work on a data directory; saying so beats ignoring `--store`.
        Command::Init { .. } | Command::File { .. } | Command::Plan { .. } | Command::Report { .. }
            if store.is_some() =>
        {
            Err(CliError::DataDirOnly(command.name()))
        }
        Command::Init { plan_text: None } => commands::init(&data, &mut out),
        Command::Init { plan_text: Some(file) } => {
            crate::plans::init_from_text(&data, &file, &mut out, &mut std::io::stderr())
        }
        Command::Serve {
            addr,
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
            crate::serve::serve_blocking(&addr, Place::of(&data, store.as_deref()), &dist, limits, log_json)
        }
        Command::File { command: FileCommand::Export { agency, out: file } } => {
            crate::files::export(&data, &agency, &file, &mut out)
        }
        Command::File { command: FileCommand::Invite { agency, out: file } } => {
            crate::invite::invite(&data, &agency, &file, &mut out)
        }
        Command::File { command: FileCommand::Inspect { file, json } } => {
            crate::files::inspect(&data, &file, json, &mut out)
        }
        Command::File { command: FileCommand::Import { file, receipt } } => {
            crate::files::import(&data, &file, receipt.as_deref(), &mut out)
        }
        Command::Backup { out: file } => crate::backup::backup(Place::of(&data, store.as_deref()), &file, &mut out),
        Command::Restore { file } => crate::backup::restore(&file, Place::of(&data, store.as_deref()), &mut out),
        Command::Migrate { from, to } => crate::migrate::migrate(&from, &to, &mut out),
        Command::Report { command } => crate::report_cli::run(command, &data, &mut out),
        Command::Plan { command: PlanCommand::Show { plan, json } } => {
            commands::plan_show(&data, plan.as_ref(), json, &mut out)
        }
        Command::Plan { command: PlanCommand::List { json } } => crate::plans::list(&data, json, &mut out),
        Command::Plan { command: PlanCommand::Copy { from, number, date, title } } => {
            let ask = crate::plans::CopyArgs { from, number, date, title };
            crate::plans::copy(&data, &ask, &mut out)
        }
        Command::Plan { command: PlanCommand::Add { file } } => {
            crate::plans::add(&data, &file, &mut out, &mut std::io::stderr())
        }
        Command::Plan { command: PlanCommand::ImportText { file, json } } => {
            commands::import_text(&file, &data, json, &mut out, &mut std::io::stderr())
        }
        Command::Agency { command } => match store.as_deref() {
            Some(url) => crate::agency_pg::run(command, url, &mut out),
            None => crate::agency_cli::run(command, &data, &mut out),
        },
    }
}
