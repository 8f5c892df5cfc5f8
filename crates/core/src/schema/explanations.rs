//! Requests for an explanation and their answers: each request under its own root key of the
//! office's reviews document, each answer under its own root key of the agency's reports
//! document (`explanation:<request id>`).
//!
//! Outside the documents' structs on purpose: a field there would change the genesis documents
//! every laptop already holds, and a struct written whole leaves other keys as they are. One key
//! each, not one list: two office laptops that each made the list offline would merge into one
//! list, the other's requests lost; distinct keys never meet.

use super::DocError;
use crate::model::{ExplanationAnswer, ExplanationRequest};
use automerge::{AutoCommit, ROOT};
use autosurgeon::ReadDoc;

/// Read both ways: Automerge's to list the keys, autosurgeon's to hydrate.
pub trait Doc: ReadDoc + automerge::ReadDoc {}
impl<D: ReadDoc + automerge::ReadDoc> Doc for D {}

const PREFIX: &str = "explanation:";

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

fn read_all<T: autosurgeon::Hydrate>(doc: &impl Doc) -> Result<Vec<T>, DocError> {
    let keys: Vec<String> = automerge::ReadDoc::keys(doc, ROOT).filter(|k| k.starts_with(PREFIX)).collect();
    keys.into_iter().map(|k| Ok(autosurgeon::hydrate_prop(doc, ROOT, k.as_str())?)).collect()
}

/// The office's requests in a reviews document, oldest first.
pub fn requests(doc: &impl Doc) -> Result<Vec<ExplanationRequest>, DocError> {
    let mut all: Vec<ExplanationRequest> = read_all(doc)?;
    all.sort_by(|a, b| a.at_ms.cmp(&b.at_ms).then_with(|| a.id.cmp(&b.id)));
    Ok(all)
}

/// Adds a request (or writes it again, by its id).
pub fn put_request(doc: &mut AutoCommit, request: ExplanationRequest) -> Result<(), DocError> {
    Ok(autosurgeon::reconcile_prop(doc, ROOT, key(&request.id).as_str(), &request)?)
}

/// An agency's answers in its reports document.
pub fn answers(doc: &impl Doc) -> Result<Vec<ExplanationAnswer>, DocError> {
    read_all(doc)
}

/// Writes an answer (replacing an earlier one to the same request).
pub fn put_answer(doc: &mut AutoCommit, answer: ExplanationAnswer) -> Result<(), DocError> {
    Ok(autosurgeon::reconcile_prop(doc, ROOT, key(&answer.request).as_str(), &answer)?)
}
