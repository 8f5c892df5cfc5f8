//! Recognises the numbering at the start of a line: `3.`, `3.4.`, `4.2 `, `III.`, `- `, `a)`.

/// What a line starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark<'a> {
    /// Arabic numbering: `[3]` for `3.`, `[3, 4]` for `3.4.` or `3.4`.
    Arabic(Vec<u32>, &'a str),
    /// A Roman numeral section: `III.`.
    Roman(u32, &'a str),
    /// A dash or bullet item.
    Bullet(&'a str),
    /// A lettered item `a)`, with the letter's position (a = 1, b = 2, c = 3, d = 4, đ = 5, …).
    Letter(u32, &'a str),
    /// No numbering.
    None,
}

/// Reads the numbering at the start of `line`.
pub fn mark(line: &str) -> Mark<'_> {
    if let Some(m) = arabic(line) {
        return m;
    }
    if let Some(m) = roman(line) {
        return m;
    }
    for bullet in ["- ", "– ", "+ ", "• ", "* "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Mark::Bullet(rest.trim_start());
        }
    }
    letter(line).unwrap_or(Mark::None)
}

fn arabic(line: &str) -> Option<Mark<'_>> {
    let mut numbers = Vec::new();
    let mut rest = line;
    let mut trailing_dot;
    loop {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 2 {
            return None;
        }
        numbers.push(rest[..digits].parse().ok()?);
        rest = &rest[digits..];
        trailing_dot = rest.starts_with('.') || rest.starts_with(')');
        if trailing_dot {
            rest = &rest[1..];
        }
        if !(trailing_dot && rest.bytes().next().is_some_and(|b| b.is_ascii_digit())) {
            break;
        }
    }
    let after = rest.strip_prefix(' ')?;
    // `3 Sở …` is not a heading; `3.4 Sở …` is (a dot lost in copying).
    if numbers.len() == 1 && !trailing_dot {
        return None;
    }
    Some(Mark::Arabic(numbers, after.trim_start()))
}

/// The value of a Roman numeral of I, V, X, L (up to 50), if well-formed enough.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 {
        return None;
    }
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let values: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    u32::try_from(total).ok().filter(|t| *t > 0)
}

fn roman(line: &str) -> Option<Mark<'_>> {
    let len = line.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L')).count();
    let value = roman_value(&line[..len])?;
    let rest = line[len..].strip_prefix('.').or_else(|| line[len..].strip_prefix(')'))?;
    let rest = rest.strip_prefix(' ')?;
    Some(Mark::Roman(value, rest.trim_start()))
}

fn letter(line: &str) -> Option<Mark<'_>> {
    const LETTERS: [char; 12] = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm'];
    let mut chars = line.chars();
    let c = chars.next()?;
    let pos = LETTERS.iter().position(|l| *l == c)?;
    let after = chars.as_str();
    let rest = match after.strip_prefix(')') {
        Some(r) => r.strip_prefix(' ')?,
        // `b. Cải cách …`: a dot only before a capital, so that prose is not taken for a list.
        None => after.strip_prefix(". ").filter(|r| r.chars().next().is_some_and(char::is_uppercase))?,
    };
    Some(Mark::Letter(pos as u32 + 1, rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_forms_of_real_plans_are_recognised() {
        assert_eq!(mark("3. Đẩy mạnh"), Mark::Arabic(vec![3], "Đẩy mạnh"));
        assert_eq!(mark("3.4. Sở X:"), Mark::Arabic(vec![3, 4], "Sở X:"));
        assert_eq!(mark("4.2 Sở X:"), Mark::Arabic(vec![4, 2], "Sở X:"));
        assert_eq!(mark("IV. TỔ CHỨC"), Mark::Roman(4, "TỔ CHỨC"));
        assert_eq!(mark("- Tăng cường"), Mark::Bullet("Tăng cường"));
        assert_eq!(mark("đ) Tăng cường"), Mark::Letter(5, "Tăng cường"));
    }

    #[test]
    fn numbers_inside_sentences_are_not_headings() {
        assert_eq!(mark("2016-2020. Chuẩn bị"), Mark::None);
        assert_eq!(mark("01/01/2020 của"), Mark::None);
        assert_eq!(mark("3 mặt."), Mark::None);
        assert_eq!(mark("2020; là năm"), Mark::None);
        assert_eq!(mark("In đậm"), Mark::None);
    }
}
