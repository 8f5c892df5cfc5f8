//! Cleans pasted text: Unicode NFC, CRLF, non-breaking spaces, stray table separators.

use unicode_normalization::UnicodeNormalization;

/// One cleaned, non-empty line with its 1-based line number in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the pasted text.
    pub no: usize,
    /// The cleaned text: NFC, single spaces, trimmed, without `|` separators.
    pub text: String,
}

/// Splits and cleans pasted text. Lines that hold only separators (`|`, `---`) are dropped.
pub fn normalize(text: &str) -> Vec<Line> {
    let text: String = text.nfc().collect::<String>().replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n')
        .enumerate()
        .filter_map(|(i, raw)| {
            let cleaned = clean_line(raw);
            (!cleaned.is_empty()).then_some(Line { no: i + 1, text: cleaned })
        })
        .collect()
}

fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        let c = match c {
            '\u{feff}' | '\u{200b}' => continue,
            '|' => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if out.chars().all(|c| matches!(c, '-' | '_' | '=' | '*' | '.')) && out.chars().count() >= 3 {
        return String::new();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_nbsp_and_separators_are_cleaned() {
        let lines = normalize("a\u{a0}\u{a0}b |\r\n|\r\n-----\r\nc");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a b", "c"]);
        assert_eq!(lines[1].no, 4);
    }

    #[test]
    fn decomposed_text_is_composed() {
        let nfd: String = "Sở Tư pháp".nfd().collect();
        assert_eq!(normalize(&nfd)[0].text, "Sở Tư pháp");
    }
}
