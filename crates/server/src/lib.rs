//! The `tiendo` server and CLI as a library, so that tests drive the same code as the binary.

pub mod accounts;
pub mod accounts_cache;
pub mod agency_cli;
pub mod agency_pg;
pub mod app_state;
pub mod arrivals;
pub mod backend;
pub mod backup;
pub mod cli;
pub mod commands;
pub mod compress;
pub mod error;
pub mod files;
pub mod fs_storage;
pub mod history;
pub mod identity;
pub mod invite;
pub mod join;
pub mod memory;
pub mod migrate;
pub mod pg;
pub mod plans;
pub mod registry;
pub mod report_cli;
pub mod reports;
pub mod serve;
pub mod serve_error;
pub mod store;
pub mod sync;
pub mod throttle;

pub use error::CliError;
