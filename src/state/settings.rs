//! Small settings kept in the browser's local storage (gloo-storage).

use crate::i18n::Lang;
use gloo_storage::{LocalStorage, Storage};

const LANG_KEY: &str = "tiendo.lang";

/// The user's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    /// UI language.
    pub lang: Lang,
}

impl Settings {
    /// Reads the settings; defaults where nothing is stored or storage is unavailable.
    pub fn load() -> Self {
        Self { lang: LocalStorage::get(LANG_KEY).unwrap_or_default() }
    }
    /// Remembers the language. Storage may be full or disabled: the choice then lasts the session.
    pub fn save_lang(lang: Lang) {
        let _ = LocalStorage::set(LANG_KEY, lang);
    }
}
