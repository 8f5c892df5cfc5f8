//! The components both modules draw, each documented with its props.

pub mod file_pick;
pub mod invite_fields;
pub mod join_form;
pub mod start_screen;
