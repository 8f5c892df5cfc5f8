//! The rules of the domain as pure functions.

pub mod assignment;
pub mod calendar;
pub mod edited;
pub mod evaluation;
pub mod state;
pub mod submission;
pub mod timeliness;

#[cfg(test)]
mod tests;
