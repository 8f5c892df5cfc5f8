//! Storage keys: a document id, a chunk kind and a name, joined with `/`.

use std::fmt;

/// Why a key part is not allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// A part was empty or held `/`.
    #[error("storage key part {0:?} is empty or holds '/'")]
    BadPart(String),
}

/// A hierarchical key such as `reports.p.so-y-te/incremental/9f…`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StorageKey(Vec<String>);

impl StorageKey {
    /// A key from its parts; none may be empty or hold `/`.
    pub fn new<S: Into<String>>(parts: impl IntoIterator<Item = S>) -> Result<Self, KeyError> {
        let parts: Vec<String> = parts.into_iter().map(Into::into).collect();
        if let Some(bad) = parts.iter().find(|p| p.is_empty() || p.contains('/')) {
            return Err(KeyError::BadPart(bad.clone()));
        }
        Ok(Self(parts))
    }
    /// The empty prefix: every key starts with it (a range read of everything).
    pub fn root() -> Self {
        Self(Vec::new())
    }
    /// The parts.
    pub fn parts(&self) -> &[String] {
        &self.0
    }
    /// The key as one string, parts joined with `/` (how backends store it).
    pub fn encode(&self) -> String {
        self.0.join("/")
    }
    /// The key stored as [`StorageKey::encode`] made it.
    pub fn decode(s: &str) -> Result<Self, KeyError> {
        Self::new(s.split('/'))
    }
    /// Whether `self` starts with every part of `prefix`.
    pub fn starts_with(&self, prefix: &StorageKey) -> bool {
        self.0.starts_with(&prefix.0)
    }
    /// The highest encoded key under this prefix: a string index queried from `encode()` to
    /// this holds every key under the prefix (and some siblings such as `prefix-x`, to filter out).
    pub fn range_end(&self) -> String {
        if self.0.is_empty() {
            return "\u{10FFFF}".into();
        }
        format!("{}/\u{10FFFF}", self.encode())
    }
}

impl fmt::Display for StorageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}
