//! `tiendo report …`: the province's documents and the record of an agency's report.

use crate::error::CliError;
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;
use tiendo_core::history::Basis;

/// Report commands.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Write the province's report for a period (or one agency's) as .docx, or the timeliness
    /// board and the targets as .xlsx.
    Export {
        /// The period, e.g. `2020-Q1` (`tiendo plan show` lists them).
        #[arg(long)]
        period: String,
        /// docx or xlsx.
        #[arg(long, value_enum)]
        format: crate::reports::Format,
        /// Where to write.
        #[arg(long)]
        out: PathBuf,
        /// One agency's own report instead of the province's (.docx).
        #[arg(long)]
        agency: Option<String>,
        /// Judge the board and the targets as of this day (yyyy-mm-dd or dd/mm/yyyy; today if not given).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// The changes to an agency's report for a period, newest first: each with its device,
    /// agency, person, time, the value before and after, and how it arrived.
    History {
        /// The agency's id.
        #[arg(long)]
        agency: String,
        /// The period, e.g. `2020-Q1`.
        #[arg(long)]
        period: String,
        /// Only this task's fields, e.g. `6.3`.
        #[arg(long)]
        task: Option<String>,
        /// Print JSON (the shape in docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// The fields of agencies' reports that hold several values written on different devices.
    Conflicts {
        /// Only this agency's reports.
        #[arg(long)]
        agency: Option<String>,
        /// Print JSON (the shape in docs/json.md).
        #[arg(long)]
        json: bool,
    },
    /// An agency's report for a period as it stood at the end of a day in Vietnam (JSON).
    Show {
        /// The agency's id.
        #[arg(long)]
        agency: String,
        /// The period, e.g. `2020-Q1`.
        #[arg(long)]
        period: String,
        /// The day (yyyy-mm-dd or dd/mm/yyyy).
        #[arg(long)]
        as_of: String,
        /// Which clock decides whether a change counts: the device's, or the server's arrival
        /// record.
        #[arg(long, value_enum, default_value_t = BasisArg::Device)]
        basis: BasisArg,
        /// Print JSON (the only output; accepted for symmetry with the other commands).
        #[arg(long)]
        json: bool,
    },
}

/// The clock `report show --as-of` judges by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BasisArg {
    /// The device's clock, stamped on each change.
    Device,
    /// When the server received each change (its arrival records).
    Arrival,
}

/// Runs a report command.
pub fn run(command: ReportCommand, data: &std::path::Path, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        ReportCommand::Export { period, format, out: file, agency, as_of } => {
            let args = crate::reports::ExportArgs {
                period: &period,
                format,
                out: &file,
                agency: agency.as_deref(),
                as_of: as_of.as_deref(),
            };
            crate::reports::export(data, &args, out)
        }
        ReportCommand::History { agency, period, task, json } => {
            let which = crate::history::Which { agency: &agency, period: &period };
            crate::history::history(data, which, task.as_deref(), json, out)
        }
        ReportCommand::Conflicts { agency, json } => crate::history::conflicts(data, agency.as_deref(), json, out),
        ReportCommand::Show { agency, period, as_of, basis, json: _ } => {
            let which = crate::history::Which { agency: &agency, period: &period };
            let basis = match basis {
                BasisArg::Device => Basis::DeviceTime,
                BasisArg::Arrival => Basis::Arrival,
            };
            crate::history::show(data, which, crate::commands::day_arg(Some(&as_of))?, basis, out)
        }
    }
}
