//! History, conflicts and the record as of a day, read from the documents themselves: who
//! changed which field of a report, when, and how it arrived; which fields hold several values
//! written without seeing each other; and what a report said at the end of a past day.

mod arrival;
mod as_of;
mod change_index;
mod conflicts;
mod entry;
mod field;
mod holders;
mod scan;
mod texts;
mod tree;
mod walk;

pub use arrival::{stored_log, Arrival, ArrivalBatch, ArrivalLog, Via, ARRIVALS};
pub use as_of::{AsOf, Basis};
pub use conflicts::{scalar_conflicts, Conflict, Contender};
pub use entry::{
    conflicts, history, ArrivalEntry, Author, Authors, ConflictEntry, ConflictKind, ContenderEntry, HistoryEntry, Of,
};
pub use field::{Field, FieldValue, GeneralPart, Place, TargetPart, TaskPart};
pub use scan::ConflictScan;
pub use texts::{concurrent_texts, ConcurrentText, TextSide};
pub use walk::{field_changes, report_changes, value_at, FieldChange};
