//! Writes the tables with which `text::fold_char` and `words` fold text, so that the page's
//! modules (which search and compare text but never compose it) do not link
//! unicode-normalization's composition and decomposition tables (~110 KB of a module). They are
//! made here from that crate itself, so they always agree with it:
//! - `BASES`: every character whose canonical decomposition starts with another character, and
//!   that character (the letter under the marks: `ộ` → `o`, `Å` → `A`). Hangul syllables are
//!   left out: their decomposition is computed (`fold_tables.rs`).
//! - `MARKS`: the ranges of combining marks (general categories Mn, Mc, Me).

use std::fmt::Write as _;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let hangul = 0xAC00..=0xD7A3u32;
    let mut out = String::from("/// Characters whose canonical decomposition starts with another, and that one.\n");
    out.push_str("static BASES: &[(u32, u32)] = &[\n");
    for c in (0..=0x10FFFFu32).filter(|c| !hangul.contains(c)).filter_map(char::from_u32) {
        let base = c.nfd().next().unwrap_or(c);
        if base != c {
            let _ = writeln!(out, "    ({:#x}, {:#x}),", u32::from(c), u32::from(base));
        }
    }
    out.push_str("];\n/// The ranges (inclusive) of combining marks.\nstatic MARKS: &[(u32, u32)] = &[\n");
    let mut open: Option<(u32, u32)> = None;
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let n = u32::from(c);
        if !is_combining_mark(c) {
            continue;
        }
        match open.as_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => {
                if let Some((a, b)) = open.replace((n, n)) {
                    let _ = writeln!(out, "    ({a:#x}, {b:#x}),");
                }
            }
        }
    }
    if let Some((a, b)) = open {
        let _ = writeln!(out, "    ({a:#x}, {b:#x}),");
    }
    out.push_str("];\n");
    let Some(dir) = std::env::var_os("OUT_DIR") else { panic!("cargo sets OUT_DIR for build scripts") };
    if let Err(e) = std::fs::write(std::path::Path::new(&dir).join("fold_tables.rs"), out) {
        panic!("cannot write the fold tables: {e}");
    }
}
