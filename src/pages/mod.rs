//! One route per file.

pub mod plan;
