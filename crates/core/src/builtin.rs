//! The built-in example: Trà Vinh's 2020 action plan (decision 01/QĐ-UBND of 02/01/2020),
//! made by the parser from the decision's text as published, with the province's agencies.

use crate::ids::WorkspaceId;
use crate::model::{Agency, Registry, Workspace};
use crate::parse::{parse_plan, ParseError, ParsedPlan};

/// The decision's text as copied from the web, shipped unchanged.
pub const TRA_VINH_2020_TEXT: &str = include_str!("../data/tra_vinh_2020.txt");
/// The agencies of Trà Vinh named in the plan, and its 9 district-level units.
pub const TRA_VINH_AGENCIES_JSON: &str = include_str!("../data/tra_vinh_agencies.json");

/// Why the built-in data could not be read (a build defect, caught by tests).
#[derive(Debug, thiserror::Error)]
pub enum BuiltinError {
    /// The agency file is not valid.
    #[error("built-in agency list is invalid: {0}")]
    Agencies(#[from] serde_json::Error),
    /// The plan text did not parse.
    #[error("built-in plan text did not parse: {0}")]
    Plan(#[from] ParseError),
}

/// Trà Vinh's agency registry.
pub fn tra_vinh_registry() -> Result<Registry, BuiltinError> {
    let agencies: Vec<Agency> = serde_json::from_str(TRA_VINH_AGENCIES_JSON)?;
    Ok(Registry::of(agencies))
}

/// Trà Vinh's 2020 workspace.
pub fn tra_vinh_workspace() -> Workspace {
    Workspace {
        id: WorkspaceId::new("tra-vinh-2020").unwrap_or_else(|_| unreachable!("constant id is valid")),
        name: "Kế hoạch hành động năm 2020 — tỉnh Trà Vinh".to_owned(),
        province: "Trà Vinh".to_owned(),
        year: 2020,
        server: None,
    }
}

/// The built-in plan, parsed from its text.
pub fn tra_vinh_2020() -> Result<(Registry, ParsedPlan), BuiltinError> {
    let registry = tra_vinh_registry()?;
    let parsed = parse_plan(TRA_VINH_2020_TEXT, &registry)?;
    Ok((registry, parsed))
}
