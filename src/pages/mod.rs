//! One route per file.

pub mod conflicts;
pub mod files;
pub mod home;
pub mod import;
pub mod merged;
pub mod office;
pub mod plan;
pub mod report;
pub mod settings;
pub mod start;
pub mod task;
