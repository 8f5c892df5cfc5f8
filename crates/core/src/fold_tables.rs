//! The letter under a character's marks, and whether a character is a combining mark: what
//! folding text for search and comparison needs of Unicode, from small tables that `build.rs`
//! makes from unicode-normalization (so they agree with it; tested below) instead of that
//! crate's full composition tables, which only the plan parser needs.

include!(concat!(env!("OUT_DIR"), "/fold_tables.rs"));

/// Hangul syllables, whose decomposition is computed rather than listed.
const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_LAST: u32 = 0xD7A3;
/// Syllables per leading consonant (21 vowels × 28 trailing consonants or none).
const HANGUL_PER_LEAD: u32 = 588;
const HANGUL_LEAD_FIRST: u32 = 0x1100;

/// The first character of `c`'s canonical decomposition (`ộ` → `o`); `c` itself when it has none.
pub(crate) fn base_of(c: char) -> char {
    let n = u32::from(c);
    if (HANGUL_FIRST..=HANGUL_LAST).contains(&n) {
        return char::from_u32(HANGUL_LEAD_FIRST + (n - HANGUL_FIRST) / HANGUL_PER_LEAD).unwrap_or(c);
    }
    match BASES.binary_search_by_key(&n, |&(from, _)| from) {
        Ok(i) => BASES.get(i).and_then(|&(_, to)| char::from_u32(to)).unwrap_or(c),
        Err(_) => c,
    }
}

/// Whether `c` is a combining mark (general category Mn, Mc or Me).
pub fn is_combining_mark(c: char) -> bool {
    let n = u32::from(c);
    if n < 0x300 {
        return false;
    }
    let i = MARKS.partition_point(|&(start, _)| start <= n);
    i > 0 && MARKS.get(i - 1).is_some_and(|&(_, end)| n <= end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn every_character_has_the_base_unicode_normalization_gives_it() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(base_of(c), c.nfd().next().unwrap_or(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn every_character_is_a_combining_mark_exactly_when_unicode_normalization_says_so() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_combining_mark(c),
                unicode_normalization::char::is_combining_mark(c),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn vietnamese_letters_fold_to_the_letter_under_their_marks() {
        let pairs = [('ộ', 'o'), ('Ữ', 'U'), ('ẳ', 'a'), ('ê', 'e'), ('ý', 'y'), ('đ', 'đ'), ('a', 'a')];
        for (c, base) in pairs {
            assert_eq!(base_of(c), base, "{c}");
        }
        assert!(is_combining_mark('\u{0323}'), "the dot below of nặng");
        assert!(!is_combining_mark('a'));
    }
}
