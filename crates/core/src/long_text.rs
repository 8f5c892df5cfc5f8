//! Long free text stored as an Automerge text object, so that concurrent edits merge by character.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A long text (results, difficulties, proposals, task text). In memory and in JSON a plain
/// string; in a document an Automerge `Text`, updated by a character diff so that two people
/// editing different parts of it both keep their words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LongText(pub String);

impl LongText {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Whether it holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl From<&str> for LongText {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl From<String> for LongText {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl fmt::Display for LongText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl autosurgeon::Reconcile for LongText {
    type Key<'a> = autosurgeon::reconcile::NoKey;
    fn reconcile<R: autosurgeon::Reconciler>(&self, mut reconciler: R) -> Result<(), R::Error> {
        use autosurgeon::reconcile::TextReconciler;
        let mut text = reconciler.text()?;
        text.update(&self.0)
    }
}

impl autosurgeon::Hydrate for LongText {
    fn hydrate_text<D: autosurgeon::ReadDoc>(
        doc: &D,
        obj: &automerge::ObjId,
    ) -> Result<Self, autosurgeon::HydrateError> {
        Ok(Self(doc.text(obj)?))
    }
    fn hydrate_string(s: &'_ str) -> Result<Self, autosurgeon::HydrateError> {
        Ok(Self(s.to_owned()))
    }
}
