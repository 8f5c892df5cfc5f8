//! The provincial office's views: who reported and when, where the targets stand, the statuses
//! per section, the province's compiled report, and their exports (.docx, .xlsx, SVG charts).

pub mod as_of;
pub mod board;
pub mod board_filter;
pub mod chart;
pub mod compile;
pub mod docx;
pub mod error;
pub mod format;
pub mod league;
pub mod letter;
pub mod next_year;
mod ooxml;
pub mod overdue;
pub mod sections;
pub mod snapshot;
pub mod targets;
pub mod xlsx;

pub use board::{Arrivals, Board, Cell, CellState, Totals};
pub use error::ExportError;
pub use league::{league, LeagueRow, LeagueTable, Span};
pub use letter::{Block, Letter};
pub use snapshot::Snapshot;
pub use targets::{target_rows, TargetRow};
