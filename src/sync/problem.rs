//! A sync problem in the user's words: the core's typed [`SyncProblem`], never its raw text.
//! What the server or the platform said is kept in parentheses, as detail for the office.

use crate::i18n::{t, t_with, Lang};
use tiendo_core::sync::{ClientError, SyncProblem};

/// The problem as the Settings page shows it.
pub fn problem_words(lang: Lang, problem: &SyncProblem) -> String {
    match problem {
        // The hub's words when the office retired or merged this laptop's agency.
        SyncProblem::Closed(said) | SyncProblem::Server(said) if said.contains("agency ended") => {
            t(lang, "sync.problem.ended")
        }
        SyncProblem::Closed(reason) => t_with(lang, "sync.problem.closed", &[("detail", reason.clone())]),
        SyncProblem::Server(message) => t_with(lang, "sync.problem.server", &[("detail", message.clone())]),
        SyncProblem::Storage(detail) => t_with(lang, "sync.problem.storage", &[("detail", detail.clone())]),
        SyncProblem::Message(ClientError::BreaksSchema { .. }) => t(lang, "sync.doc.broken"),
        SyncProblem::Message(_) => t(lang, "sync.problem.message"),
    }
}
