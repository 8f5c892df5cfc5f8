//! The contract between the page and the engine that owns the documents: what the engine tells
//! the page ([`EngineEvent`]), the view data it hands over ([`PlanData`], [`SyncStatus`]) and
//! its errors ([`EngineError`]). Plain values, so that the page can draw them without the
//! engine's documents, storage or sync.

mod command;
mod error;
mod event;
mod office_edit;
mod office_view;
mod open;
mod plan_data;
mod save_state;
mod save_timer;
mod sync_status;
mod views;

pub use command::{Command, FromEngine, Reply, ToEngine};
pub use error::EngineError;
pub use event::EngineEvent;
pub use office_edit::{OfficeEdit, OfficeEditError, OfficeEdited};
pub use office_view::{
    BoardView, CompileView, NamedFile, OfficeAsk, OfficeFile, OfficeView, ReviewView, TargetsView, TaskReportRow,
    ViewDay,
};
pub use open::{OpenRequest, Opening, Setup, Stash};
pub use plan_data::{PlanChoice, PlanData};
pub use save_state::SaveState;
pub use save_timer::SaveTimer;
pub use sync_status::{DocStatus, SyncStatus};
pub use views::{Entered, Exported, FileChecked, Imported, NotChecked, Refused, ReportRecord, Scanned};
