//! How a tab's repo starts, and what opening it gives.

use super::Repo;
use tiendo_core::engine::{PlanChoice, Stash};
use tiendo_core::model::{AgencyReports, Plan, Registry};

/// How a tab starts: the pages' stashes to replay, and the tab's 4 bytes when its page holds
/// the tab's lock (else the repo makes them and holds the lock).
#[derive(Debug, Clone, Copy, Default)]
pub struct TabStart<'a> {
    /// What pages kept of their typing as they went away.
    pub stashes: &'a [Stash],
    /// The tab's bytes, chosen by its page.
    pub tab: Option<[u8; 4]>,
}

/// What opening the documents gave.
pub struct Opened {
    /// The repo to edit through.
    pub repo: Repo,
    /// The agencies.
    pub registry: Registry,
    /// The plan.
    pub plan: Plan,
    /// The workspace's plans held here.
    pub plans: Vec<PlanChoice>,
    /// The pages' stashes the opening replayed (the page may forget them).
    pub unstashed: Vec<String>,
    /// My agency's reports.
    pub reports: AgencyReports,
}
