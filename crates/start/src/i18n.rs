//! User-facing text, from the translation files `src/i18n/vi.json` and `src/i18n/en.json`.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language of the UI. Vietnamese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The other language (the switch shows one button).
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
    /// The BCP 47 code for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

type Table = HashMap<String, String>;

fn table(lang: Lang) -> &'static Table {
    static VI: OnceLock<Table> = OnceLock::new();
    static EN: OnceLock<Table> = OnceLock::new();
    let (cell, src) = match lang {
        Lang::Vi => (&VI, include_str!("i18n/vi.json")),
        Lang::En => (&EN, include_str!("i18n/en.json")),
    };
    cell.get_or_init(|| serde_json::from_str(src).unwrap_or_default())
}

/// The text for `key`; the Vietnamese text if the language lacks it; the key itself if both do.
pub fn t(lang: Lang, key: &str) -> String {
    table(lang).get(key).or_else(|| table(Lang::Vi).get(key)).cloned().unwrap_or_else(|| key.to_owned())
}

/// The text for `key` with `{name}` placeholders filled.
pub fn t_with(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    args.iter().fold(t(lang, key), |s, (name, value)| s.replace(&format!("{{{name}}}"), value))
}

/// A number as Vietnamese write it: a decimal comma, a thousands dot, no trailing zeros.
pub use tiendo_core::number::format as number;
