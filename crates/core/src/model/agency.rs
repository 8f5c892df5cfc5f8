//! An agency that takes part in a plan.

use crate::day::Day;
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
    /// A commune-level unit (xã, phường), reporting to the province since July 2025.
    Commune,
    /// A special zone (đặc khu): commune-level, on an island.
    SpecialZone,
    /// Another body that takes tasks (Mặt trận Tổ quốc, a union, a state company).
    Other,
}

impl AgencyKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [AgencyKind; 6] = [
        AgencyKind::ProvincialOffice,
        AgencyKind::Department,
        AgencyKind::Commune,
        AgencyKind::SpecialZone,
        AgencyKind::District,
        AgencyKind::Other,
    ];

    /// Its name in the CLI and JSON (`department`, `commune`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::ProvincialOffice => "provincial_office",
            AgencyKind::Department => "department",
            AgencyKind::District => "district",
            AgencyKind::Commune => "commune",
            AgencyKind::SpecialZone => "special_zone",
            AgencyKind::Other => "other",
        }
    }
}

impl std::fmt::Display for AgencyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind name that is not one of [`AgencyKind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no agency kind {0:?}; kinds are department, commune, special_zone, district, other, provincial_office")]
pub struct UnknownKind(pub String);

impl std::str::FromStr for AgencyKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// A name an agency had until a rename.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct FormerName {
    /// The full name then.
    pub name: String,
    /// The short name then.
    pub short_name: String,
    /// The first day of the next name: documents dated before it show this one.
    pub until: Day,
}

/// How an agency stopped taking tasks. Its reports and history stay readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate)]
pub struct Ending {
    /// The day it ended.
    pub on: Day,
    /// The agency it was merged into, if it was merged rather than retired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[autosurgeon(reconcile = "crate::schema::absent_when_none", missing = "Option::default")]
    pub merged_into: Option<AgencyId>,
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
    /// Its names before renames, oldest first (absent until the first rename, so that a
    /// genesis stays byte for byte the same).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[autosurgeon(reconcile = "crate::schema::absent_when_empty", missing = "Vec::new")]
    pub former_names: Vec<FormerName>,
    /// When and how it ended (retired, or merged into another); absent while it is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[autosurgeon(reconcile = "crate::schema::absent_when_none", missing = "Option::default")]
    pub ended: Option<Ending>,
}

impl Agency {
    /// An active agency with no aliases and no former names.
    pub fn new(id: AgencyId, name: impl Into<String>, short_name: impl Into<String>, kind: AgencyKind) -> Self {
        let (name, short_name) = (name.into(), short_name.into());
        Self { id, name, short_name, kind, aliases: Vec::new(), former_names: Vec::new(), ended: None }
    }

    /// Whether it still takes tasks and its laptops still work.
    pub fn is_active(&self) -> bool {
        self.ended.is_none()
    }

    /// Its full name as it was on `day` (a plan issued before a rename shows the old name).
    pub fn name_on(&self, day: Day) -> &str {
        self.former_names.iter().find(|f| day < f.until).map_or(self.name.as_str(), |f| f.name.as_str())
    }
}
