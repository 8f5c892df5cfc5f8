//! The `tiendo` binary run as the office runs it from a terminal.

use std::process::{Command, Output};

/// Runs `tiendo ARGS` and waits for it.
pub fn tiendo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tiendo")).args(args).output().expect("runs")
}

/// Runs `tiendo ARGS`, which must succeed, and gives what it printed.
pub fn ok(args: &[&str]) -> String {
    let out = tiendo(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// What it printed on stdout.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What it printed on stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
