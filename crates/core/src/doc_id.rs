//! The id of a document, typed: the workspace, a plan, an agency's reports on a plan, the
//! office's review marks on a plan. Written as automerge-repo document ids (`plan.01-qd-ubnd-2020`,
//! `reports.01-qd-ubnd-2020.so-y-te`) and read back with [`FromStr`], so that no crate matches
//! ids by prefix.

use crate::ids::{AgencyId, PlanId};
use crate::model::DocKind;
use std::fmt;
use std::str::FromStr;

/// A document id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocId {
    /// The workspace document: registry, devices, the document index.
    Workspace,
    /// A plan.
    Plan(PlanId),
    /// An agency's reports on a plan.
    Reports {
        /// The plan.
        plan: PlanId,
        /// The reporting agency.
        agency: AgencyId,
    },
    /// The office's review marks on a plan's reports.
    Reviews(PlanId),
}

/// A string that is not a document id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a document id (workspace, plan.<plan>, reports.<plan>.<agency>, reviews.<plan>)")]
pub struct NotADocId(pub String);

impl DocId {
    /// The kind of document it names.
    pub fn kind(&self) -> DocKind {
        match self {
            DocId::Workspace => DocKind::Workspace,
            DocId::Plan(_) => DocKind::Plan,
            DocId::Reports { .. } => DocKind::Reports,
            DocId::Reviews(_) => DocKind::Reviews,
        }
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocId::Workspace => f.write_str("workspace"),
            DocId::Plan(plan) => write!(f, "plan.{plan}"),
            DocId::Reports { plan, agency } => write!(f, "reports.{plan}.{agency}"),
            DocId::Reviews(plan) => write!(f, "reviews.{plan}"),
        }
    }
}

impl FromStr for DocId {
    type Err = NotADocId;

    /// Reads an id as [`fmt::Display`] writes it. Plan ids never hold a `.` (they are made
    /// from the decision's number), so a reports id splits at its second dot.
    fn from_str(s: &str) -> Result<Self, NotADocId> {
        let bad = || NotADocId(s.to_owned());
        if s == "workspace" {
            return Ok(DocId::Workspace);
        }
        let (head, rest) = s.split_once('.').ok_or_else(bad)?;
        let plan = |p: &str| PlanId::new(p).ok().filter(|p| !p.as_str().contains('.')).ok_or_else(bad);
        match head {
            "plan" => Ok(DocId::Plan(plan(rest)?)),
            "reviews" => Ok(DocId::Reviews(plan(rest)?)),
            "reports" => {
                let (p, a) = rest.split_once('.').ok_or_else(bad)?;
                Ok(DocId::Reports { plan: plan(p)?, agency: AgencyId::new(a).map_err(|_| bad())? })
            }
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ids_read_back_as_written_and_other_strings_are_not_ids() {
        let plan = PlanId::new("01-qd-ubnd-2020").expect("id");
        let agency = AgencyId::new("so-y-te").expect("id");
        for id in [
            DocId::Workspace,
            DocId::Plan(plan.clone()),
            DocId::Reports { plan: plan.clone(), agency },
            DocId::Reviews(plan),
        ] {
            assert_eq!(id.to_string().parse::<DocId>(), Ok(id.clone()));
        }
        assert_eq!("reports.01-qd-ubnd-2020.so-y-te".parse::<DocId>().map(|d| d.kind()), Ok(DocKind::Reports));
        for bad in ["", "workspaces", "plan.", "plan", "reports.01-qd-ubnd-2020", "other.x", "plan.a b"] {
            assert_eq!(bad.parse::<DocId>(), Err(NotADocId(bad.to_owned())), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn any_reports_id_reads_back_as_its_plan_and_agency(
            plan in "[a-z0-9][a-z0-9-]{0,30}",
            agency in "[a-z0-9][a-z0-9._-]{0,30}",
        ) {
            let id = DocId::Reports { plan: PlanId::new(plan).expect("id"), agency: AgencyId::new(agency).expect("id") };
            prop_assert_eq!(id.to_string().parse::<DocId>(), Ok(id));
        }
    }
}
