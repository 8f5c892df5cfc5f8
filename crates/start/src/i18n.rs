//! User-facing text, from the translation files `i18n/vi.json` and `i18n/en.json` (next to this
//! file): one set for both modules, the start module's screen and the page's full module.

use leptos::prelude::*;
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

/// The translation key of an agency's kind (the start screen's groups, the registry's pages).
pub fn kind_key(kind: tiendo_core::model::AgencyKind) -> &'static str {
    use tiendo_core::model::AgencyKind;
    match kind {
        AgencyKind::ProvincialOffice => "kind.office",
        AgencyKind::Department => "kind.department",
        AgencyKind::District => "kind.district",
        AgencyKind::Commune => "kind.commune",
        AgencyKind::SpecialZone => "kind.special_zone",
        AgencyKind::Other => "kind.other",
    }
}

/// The language the screens speak now, for the components both modules draw (the start screen,
/// the join form): the start module provides its own, the full module its `AppContext`'s.
#[derive(Debug, Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

impl UiLang {
    /// Provides `lang` to the component tree.
    pub fn provide(lang: RwSignal<Lang>) {
        provide_context(UiLang(lang));
    }
    /// The language provided by [`UiLang::provide`].
    pub fn expect() -> Self {
        expect_context::<Self>()
    }
    /// The text for a key in the current language (reactive).
    pub fn t(self, key: &str) -> String {
        t(self.0.get(), key)
    }
    /// Keeps `<html lang>` and the stored choice in step with the language, for the page's life.
    pub fn follow(self) {
        Effect::new(move |_| {
            let lang = self.0.get();
            crate::settings::Settings::save_lang(lang);
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", lang.code());
            }
        });
    }
}
