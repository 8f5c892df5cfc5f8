//! `tiendo`: the sync server and admin CLI of Tiến độ.

use clap::Parser;
use std::process::ExitCode;
use tiendo_server::cli::{run, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tiendo: {e}");
            ExitCode::FAILURE
        }
    }
}
