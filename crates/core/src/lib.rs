//! Tiến độ's core: the domain of provincial action plans and their reports, the Automerge
//! document schema, the plan-text parser and the rules. Pure Rust: no web-sys, no tokio, so that
//! it runs natively in tests and in the browser as WASM.

pub mod builtin;
pub mod changes;
pub mod day;
pub mod demo;
pub mod doc_id;
pub mod engine;
pub mod file;
pub mod fold_tables;
pub mod hex;
pub mod history;
pub mod ids;
pub mod long_text;
pub mod model;
pub mod number;
pub mod office;
pub mod par;
pub mod parse;
pub mod rules;
pub mod schema;
pub mod search;
pub mod storage;
pub mod sync;
pub mod synthetic;
pub mod synthetic_2026;
pub mod synthetic_busy;
pub mod text;
pub mod words;

pub use day::Day;
pub use long_text::LongText;
