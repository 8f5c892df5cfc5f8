//! A document as it stood at the end of a day in Vietnam: the changes made (or, where a laptop's
//! clock is not to be trusted, received) on or before that day, and what they depend on.

use super::arrival::ArrivalLog;
use crate::day::Day;
use automerge::{AutoCommit, AutomergeError, ChangeHash};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Which clock decides whether a change counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The device's clock, stamped on each change when it was closed.
    DeviceTime,
    /// The time the recording place (the server) received it; the device's clock for changes
    /// with no arrival record (made there, or received before records were kept).
    Arrival,
}

/// Which changes count at the end of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    /// The day.
    pub day: Day,
    /// The clock used.
    pub basis: Basis,
    /// The heads of the changes that count.
    pub heads: Vec<ChangeHash>,
    /// How many changes count.
    pub counted: usize,
    /// How many came later (or depend on one that came later).
    pub later: usize,
    /// With [`Basis::Arrival`]: changes judged by the device's clock for want of a record.
    pub without_arrival: usize,
}

impl AsOf {
    /// The changes of `doc` that count at the end of `day`. A change stamped 0 (a genesis, made
    /// alike on every device, or a change written before changes carried the clock) counts
    /// from the start. A change counts only if everything it depends on counts.
    pub fn of(doc: &mut AutoCommit, day: Day, basis: Basis, arrivals: &ArrivalLog) -> Self {
        let end_ms = day.plus_days(1).at_vietnam(0, 0);
        let mut counted: Vec<ChangeHash> = Vec::new();
        let mut included: HashSet<ChangeHash> = HashSet::new();
        let mut depended: HashSet<ChangeHash> = HashSet::new();
        let (mut later, mut without_arrival) = (0, 0);
        for m in doc.get_changes_meta(&[]) {
            let time_ms = match (basis, arrivals.get(&m.hash)) {
                (Basis::Arrival, Some(a)) => a.at_ms,
                (Basis::Arrival, None) => {
                    without_arrival += usize::from(m.timestamp != 0);
                    m.timestamp.saturating_mul(1000)
                }
                (Basis::DeviceTime, _) => m.timestamp.saturating_mul(1000),
            };
            if time_ms < end_ms && m.deps.iter().all(|d| included.contains(d)) {
                included.insert(m.hash);
                depended.extend(m.deps.iter().copied());
                counted.push(m.hash);
            } else {
                later += 1;
            }
        }
        let heads = counted.iter().copied().filter(|h| !depended.contains(h)).collect();
        Self { day, basis, heads, counted: counted.len(), later, without_arrival }
    }

    /// The document at these heads, to read as it was.
    pub fn fork(&self, doc: &mut AutoCommit) -> Result<AutoCommit, AutomergeError> {
        doc.fork_at(&self.heads)
    }
}
