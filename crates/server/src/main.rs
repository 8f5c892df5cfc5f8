//! `tiendo`: the sync server and admin CLI of Tiến độ.

use clap::Parser;
use std::process::ExitCode;
use tiendo_server::cli::{run, Cli};

fn main() -> ExitCode {
    // A command line that does not parse is an error like any other: exit 1 (clap's own is 2),
    // so scripts see one code for "nothing was done". Help and version still exit 0.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::FAILURE } else { ExitCode::SUCCESS };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tiendo: {e}");
            ExitCode::FAILURE
        }
    }
}
