//! What the office writes from its pages, as values: the engine writes each into the document
//! it belongs to (the reviews document, or the workspace's registry and groups).

use super::EngineError;
use crate::ids::{AgencyId, GroupId};
use crate::model::{ExplanationRequest, GroupChange, ProvinceReport, RegistryChange, RegistryError, ReviewMark};
use crate::Day;

/// One change the office makes.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum OfficeEdit {
    /// A review mark on a submission (one with the same id is replaced).
    Review(ReviewMark),
    /// The province's report of a period as the office edited it (replaces the period's).
    ProvinceReport(ProvinceReport),
    /// A request for an explanation.
    Ask(ExplanationRequest),
    /// A change to the agency registry, as of a day.
    Registry(RegistryChange, Day),
    /// A change to the office's groups.
    Groups(GroupChange),
}

/// What an office edit concerned.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OfficeEdited {
    /// Written.
    Done,
    /// The agency a registry change concerns (the new one, or the one that goes on).
    Agency(AgencyId),
    /// The group a group change concerns.
    Group(GroupId),
}

/// Why an office edit did not happen. Nothing was changed.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum OfficeEditError {
    /// The registry refused it (a name taken, an agency ended …).
    #[error(transparent)]
    Refused(#[from] RegistryError),
    /// The document could not be read or written here.
    #[error("the document could not be changed: {0}")]
    Storage(EngineError),
}
