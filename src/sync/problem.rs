//! A sync problem or refusal in the user's words: from the core's typed [`SyncProblem`] and the
//! server's codes, never from its raw text. What the server or the platform said is kept in
//! parentheses, as detail for the office.

use crate::i18n::{t, t_with, Lang};
use tiendo_core::sync::{ClientError, RefusalCode, ServerErrorCode, SyncProblem};

/// The problem as the Settings page shows it.
pub fn problem_words(lang: Lang, problem: &SyncProblem) -> String {
    match problem {
        // The office retired or merged this laptop's agency.
        SyncProblem::Server { code: Some(ServerErrorCode::AgencyEnded), .. } => t(lang, "sync.problem.ended"),
        SyncProblem::Server { code: Some(code), message } => {
            t_with(lang, &format!("sync.problem.server.{code}"), &[("detail", message.clone())])
        }
        SyncProblem::Closed(reason) => t_with(lang, "sync.problem.closed", &[("detail", reason.clone())]),
        SyncProblem::Server { message, code: None } => {
            t_with(lang, "sync.problem.server", &[("detail", message.clone())])
        }
        SyncProblem::Storage(detail) => t_with(lang, "sync.problem.storage", &[("detail", detail.clone())]),
        SyncProblem::Message(ClientError::BreaksSchema { .. }) => t(lang, "sync.doc.broken"),
        SyncProblem::Message(_) => t(lang, "sync.problem.message"),
    }
}

/// Why the server refused this laptop's changes to a document: by its code, else its words (a
/// server older than the codes).
pub fn refusal_words(lang: Lang, code: Option<RefusalCode>, reason: &str) -> String {
    match code {
        Some(code) => t(lang, &format!("sync.refused.{code}")),
        None => t_with(lang, "sync.doc.refused", &[("reason", reason.to_owned())]),
    }
}
