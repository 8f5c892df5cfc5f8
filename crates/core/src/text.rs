//! Text helpers: diacritic-insensitive folding for matching and search.

use unicode_normalization::UnicodeNormalization;

/// Folds one character: Vietnamese letters lose their diacritics (`ộ` → `o`, `đ` → `d`) and
/// everything is lower-cased. One char in, one char out, so positions in NFC text are kept.
pub fn fold_char(c: char) -> char {
    match c {
        'đ' | 'Đ' => 'd',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            let base = c.nfd().next().unwrap_or(c);
            base.to_lowercase().next().unwrap_or(base)
        }
    }
}

/// Folds a string for comparison: NFC, no diacritics, lower case, runs of white space as one
/// space, trimmed. `"Nông  thôn"` and `"nong thon"` fold alike.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfc() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(fold_char(c));
    }
    out
}

/// Folds to ASCII one char per char (other symbols become `?`, dashes `-`), so that byte offsets
/// in the result equal char offsets in the input. For scanning NFC text by position.
pub fn fold_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match fold_char(c) {
            '–' | '—' => '-',
            c if c.is_ascii() => c,
            _ => '?',
        })
        .collect()
}

/// A short name made safe for a file name on any stick: ASCII capitals and digits, other
/// characters as `-` (`SYT`, `UBND-H-CANG-LONG`).
pub fn file_safe(s: &str) -> String {
    fold_ascii(s).chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '-' }).collect()
}

/// An id made from a name: folded, ASCII letters and digits joined by `-`, at most 48
/// characters (`Sở Tư pháp` → `so-tu-phap`).
pub fn slug(name: &str) -> String {
    let f = fold(name);
    let mut s: String = f.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    s.trim_matches('-').chars().take(48).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_diacritics_case_and_spacing() {
        assert_eq!(fold("  Sở Kế hoạch và  Đầu tư "), "so ke hoach va dau tu");
        assert_eq!(fold("NÔNG THÔN MỚI"), "nong thon moi");
    }

    #[test]
    fn folding_treats_decomposed_text_like_composed_text() {
        let nfd: String = "Nông thôn".nfd().collect();
        assert_eq!(fold(&nfd), fold("Nông thôn"));
    }
}
