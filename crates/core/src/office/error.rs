//! Why an export could not be written.

use thiserror::Error;

/// An export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The period asked for is not in the plan.
    #[error("the plan has no period {0}")]
    UnknownPeriod(String),
    /// The agency asked for is not registered.
    #[error("no agency {0} is registered")]
    UnknownAgency(String),
}
