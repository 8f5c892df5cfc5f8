//! The office's views as of a past day: each document read as it stood at the end of that day
//! in Vietnam (by the devices' clocks, or by when this place received the changes), and a tally
//! of what counted, for the view to say.

use crate::day::Day;
use crate::history::{ArrivalLog, AsOf, Basis};
use crate::schema::{self, DocError, Document};
use automerge::AutoCommit;

/// What an as-of view counted, summed over the documents it read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AsOfTally {
    /// The day.
    pub day: Day,
    /// The clock that decided.
    pub basis: Basis,
    /// Changes that counted.
    pub counted: usize,
    /// Changes made (or received) after the day, left out.
    pub later: usize,
    /// With [`Basis::Arrival`]: changes judged by the device's clock for want of a record.
    pub without_arrival: usize,
}

impl AsOfTally {
    /// Nothing counted yet.
    pub fn new(day: Day, basis: Basis) -> Self {
        Self { day, basis, counted: 0, later: 0, without_arrival: 0 }
    }

    /// Reads `doc` as `T` as it stood at the end of the tally's day, and counts what counted.
    pub fn read<T: Document>(&mut self, doc: &mut AutoCommit, arrivals: &ArrivalLog) -> Result<T, DocError> {
        let as_of = AsOf::of(doc, self.day, self.basis, arrivals);
        let then = as_of.fork(doc)?;
        let value = schema::read(&then)?;
        self.counted += as_of.counted;
        self.later += as_of.later;
        self.without_arrival += as_of.without_arrival;
        Ok(value)
    }
}
