//! An agency that takes part in a plan.

use crate::ids::AgencyId;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// What kind of agency this is; groups in plan texts ("các Sở, ngành", "địa phương") resolve by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// Văn phòng UBND tỉnh: collects, reviews and compiles reports.
    ProvincialOffice,
    /// A provincial department or agency (Sở, ban, ngành).
    Department,
    /// A district-level unit (huyện, thị xã, thành phố), until the districts ended in July 2025.
    District,
    /// A commune-level unit (xã, phường, đặc khu), reporting to the province since July 2025.
    Commune,
}

/// One agency of the province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Agency {
    /// Stable id, e.g. `so-tu-phap`.
    #[key]
    pub id: AgencyId,
    /// Full Vietnamese name, e.g. `Sở Tư pháp`.
    pub name: String,
    /// Short name used in tables and file names, e.g. `STP`.
    pub short_name: String,
    /// Kind of agency.
    pub kind: AgencyKind,
    /// Other ways plan texts name it (matched ignoring case and diacritics).
    #[serde(default)]
    #[autosurgeon(missing = "Vec::new")]
    pub aliases: Vec<String>,
}
