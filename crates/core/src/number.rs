//! Figures as Vietnamese write them: a decimal comma and a thousands dot (`1.234,5`), read from
//! what a person typed.

pub use crate::office::format::number as format;

/// A typed figure that is not a number (`khoảng 12`, `12 - 15`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a number: {0:?}")]
pub struct NotANumber(pub String);

/// Reads a figure as typed: `7,25`, `1.250`, `1.234,5`, `1 250`, `-2`, `95%`. Blank is
/// `Ok(None)`. Vietnamese separators come first: a comma is the decimal mark, dots group
/// thousands. A lone dot that cannot group thousands (`7.25`, `0.5`) is read as a decimal mark,
/// as people used to other software type it; with both marks, the last one is the decimal mark
/// (`1,234.5` too). A trailing mark while typing (`7,`) is ignored.
pub fn parse(typed: &str) -> Result<Option<f64>, NotANumber> {
    let not = || NotANumber(typed.trim().to_owned());
    let t = typed.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim_end();
    if t.is_empty() {
        return Ok(None);
    }
    let (negative, body) = match t.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    // Spaces (also no-break spaces) group thousands.
    let body: String = body.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    let body = body.strip_suffix([',', '.']).unwrap_or(&body);
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return Err(not());
    }
    let (last_comma, last_dot) = (body.rfind(','), body.rfind('.'));
    let decimal = match (last_comma, last_dot) {
        (Some(c), Some(d)) => Some(c.max(d)),
        (Some(c), None) if body.matches(',').count() == 1 => Some(c),
        (Some(_), None) => None,
        (None, Some(d)) => {
            let groups: Vec<&str> = body.split('.').collect();
            let thousands =
                groups.len() > 1 && (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3);
            if thousands {
                None
            } else if groups.len() == 2 {
                Some(d)
            } else {
                return Err(not());
            }
        }
        (None, None) => None,
    };
    let (whole, frac) = match decimal {
        Some(at) => (&body[..at], &body[at + 1..]),
        None => (body, ""),
    };
    if frac.contains([',', '.']) || !valid_grouping(whole) {
        return Err(not());
    }
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    let number =
        format!("{}.{}", if digits.is_empty() { "0" } else { &digits }, if frac.is_empty() { "0" } else { frac });
    let value: f64 = number.parse().map_err(|_| not())?;
    Ok(Some(if negative { -value } else { value }))
}

/// Whether thousands marks in the whole part group by three (`1.234.567`, `1,234`), or there
/// are none.
fn valid_grouping(whole: &str) -> bool {
    let groups: Vec<&str> = whole.split([',', '.']).collect();
    groups.len() == 1 || ((1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> f64 {
        parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}")).unwrap_or_else(|| panic!("{s:?}: blank"))
    }

    #[test]
    fn vietnamese_figures_read_with_a_decimal_comma_and_a_thousands_dot() {
        assert_eq!(ok("7,25"), 7.25);
        assert_eq!(ok("1.250"), 1250.0);
        assert_eq!(ok("1.234.567"), 1_234_567.0);
        assert_eq!(ok("1.234,5"), 1234.5);
        assert_eq!(ok("1 250"), 1250.0);
        assert_eq!(ok(" 95% "), 95.0);
        assert_eq!(ok("-2"), -2.0);
        assert_eq!(ok("0,5"), 0.5);
    }

    #[test]
    fn a_dot_that_cannot_group_thousands_is_a_decimal_mark() {
        assert_eq!(ok("7.25"), 7.25);
        assert_eq!(ok("0.5"), 0.5);
        assert_eq!(ok("1,234.5"), 1234.5);
    }

    #[test]
    fn a_trailing_mark_while_typing_is_ignored() {
        assert_eq!(ok("7,"), 7.0);
        assert_eq!(ok("12."), 12.0);
    }

    #[test]
    fn words_and_ranges_are_not_numbers_and_say_what_was_typed() {
        assert_eq!(parse("khoảng 12"), Err(NotANumber("khoảng 12".into())));
        assert!(parse("12 - 15").is_err());
        assert!(parse("1,2,3").is_err());
        assert!(parse("1.2.3").is_err());
        assert!(parse("12,5,0").is_err());
        assert!(parse("abc").is_err());
        assert!(parse("-").is_err());
        assert_eq!(parse("   "), Ok(None));
    }

    #[test]
    fn what_is_shown_reads_back_as_the_same_figure() {
        for v in [7.25, 1250.0, 1_234_567.5, 0.5, -2.0, 13.0, 99.99] {
            assert_eq!(ok(&format(v)), v, "{}", format(v));
        }
    }
}
