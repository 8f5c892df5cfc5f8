//! Searching text by whole words, ignoring case and diacritics.
//!
//! A query is a phrase: its words must appear one after another, each a whole word of the text
//! (`"nong thon"` finds `nông thôn`, never the `thôn` inside `thông`); only the last word may be
//! the start of a longer word, so that a list filtered while typing (`"nong th"`) keeps its hits.
//! Vietnamese words are written as syllables separated by spaces (`nông thôn` is one word), so a
//! phrase is what a user means by "these words".

use crate::fold_tables::is_combining_mark;
use crate::text::fold_char;
use std::ops::Range;

/// One word of a text: where it is (bytes of the original text) and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    at: Range<usize>,
    folded: String,
}

/// The words of `text`: runs of letters and digits, folded; marks and punctuation split them,
/// combining marks (decomposed text) stay with their letter.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<Word> = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_combining_mark(c) {
            if let Some(w) = current.as_mut() {
                w.at.end = end;
            }
            continue;
        }
        let f = fold_char(c);
        if f.is_alphanumeric() {
            match current.as_mut() {
                Some(w) => {
                    w.folded.push(f);
                    w.at.end = end;
                }
                None => current = Some(Word { at: i..end, folded: f.to_string() }),
            }
        } else if let Some(w) = current.take() {
            out.push(w);
        }
    }
    out.extend(current);
    out
}

/// A search phrase, folded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordQuery {
    words: Vec<String>,
}

impl WordQuery {
    /// The phrase a user typed.
    pub fn new(typed: &str) -> Self {
        Self { words: words(typed).into_iter().map(|w| w.folded).collect() }
    }

    /// Whether the phrase has no words (it then matches everything).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the phrase occurs in `text` (an empty phrase occurs everywhere).
    pub fn matches(&self, text: &str) -> bool {
        self.is_empty() || !self.find(text).is_empty()
    }

    /// Where the phrase occurs in `text`: the byte ranges of the matched words, in order,
    /// without overlaps. Empty when it does not occur (or has no words).
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let n = self.words.len();
        let found = words(text);
        if n == 0 || found.len() < n {
            return Vec::new();
        }
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut i = 0;
        while i + n <= found.len() {
            let hit = self.words.iter().enumerate().all(|(k, q)| {
                let w = &found[i + k].folded;
                w == q || (k + 1 == n && w.starts_with(q.as_str()))
            });
            if hit {
                out.extend(found[i..i + n].iter().map(|w| w.at.clone()));
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }
}

/// `text` cut into pieces, each marked when it lies in one of `ranges` (as [`WordQuery::find`]
/// returns them: ordered, not overlapping, on character boundaries).
pub fn marked<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        let (Some(before), Some(hit)) = (text.get(at..r.start), text.get(r.clone())) else { continue };
        if !before.is_empty() {
            out.push((before, false));
        }
        out.push((hit, true));
        at = r.end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        out.push((rest, false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> WordQuery {
        WordQuery::new(s)
    }

    #[test]
    fn a_phrase_without_diacritics_finds_the_words_with_them() {
        assert!(q("nong thon").matches("xây dựng nông thôn mới"));
        assert!(q("NÔNG THÔN").matches("xây dựng nông thôn mới"));
        assert!(!q("thanh thi").matches("xây dựng nông thôn mới"));
    }

    #[test]
    fn a_word_never_matches_inside_another_word() {
        assert!(!q("nong thon").matches("nông nghiệp và giao thông"));
        assert!(!q("thon nong").matches("nông thôn"));
        assert!(!q("ong").matches("nông thôn"), "not inside a word");
    }

    #[test]
    fn only_the_last_word_may_be_the_start_of_a_word_while_typing() {
        assert!(q("nong th").matches("nông thôn"));
        assert!(q("nong thon").matches("nông thôn mới"));
        assert!(!q("no thon").matches("nông thôn"), "an earlier word must be whole");
    }

    #[test]
    fn decomposed_text_and_punctuation_split_words_as_composed_text_does() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Nông thôn, đô thị".nfd().collect();
        let hits = q("nong thon").find(&nfd);
        assert_eq!(hits.len(), 2);
        assert_eq!(&nfd[hits[1].clone()], "thôn".nfd().collect::<String>());
        assert!(q("do thi").matches(&nfd));
        assert!(q("2.3").matches("2.3 Sở Tài chính"));
    }

    #[test]
    fn the_marked_pieces_spell_the_text_and_mark_exactly_the_matched_words() {
        let text = "Nông thôn mới: nông thôn đẹp.";
        let pieces = marked(text, &q("nong thon").find(text));
        assert_eq!(pieces.iter().map(|(p, _)| *p).collect::<String>(), text);
        let hits: Vec<&str> = pieces.iter().filter(|(_, m)| *m).map(|(p, _)| *p).collect();
        assert_eq!(hits, ["Nông", "thôn", "nông", "thôn"]);
        assert_eq!(marked(text, &[]), [(text, false)]);
    }
}
