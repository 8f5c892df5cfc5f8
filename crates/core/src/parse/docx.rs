//! The text of a `.docx` (the form in which decisions reach offices from their document
//! systems): its paragraphs in order, one per line, and each table row as one line of cells
//! separated by tabs, so that a task table is read by its cells, not as flattened text. A `.pdf`
//! is refused with a message that says what to do.

use std::io::Read;

/// The largest part read out of a `.docx` (its text is a few hundred KB; this stops a zip bomb).
const MAX_PART_BYTES: u64 = 32 << 20;

/// Why a file gives no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum DocxError {
    /// A PDF: its text cannot be read reliably.
    #[error("this is a PDF file; save it as .docx in Word, or copy its text and paste it")]
    Pdf,
    /// A Word 97–2003 `.doc`: a binary format this reader does not read.
    #[error("this is an old Word (.doc) file; open it in Word and save it as .docx")]
    OldWord,
    /// Not a Word document.
    #[error("not a Word (.docx) file: {0}")]
    NotDocx(String),
    /// A Word document whose text could not be read.
    #[error("the Word file is damaged: {0}")]
    Damaged(String),
    /// A text file in an encoding other than UTF-8 or UTF-16 (an old Vietnamese code page).
    #[error("the text is not Unicode; save the plan as UTF-8 text or as .docx")]
    NotUnicode,
}

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A zip: a `.docx` (or another Office file).
    Zip,
    /// A PDF.
    Pdf,
    /// A Word 97–2003 `.doc` (an OLE compound file).
    OldWord,
    /// Anything else: read as text.
    Text,
}

/// Tells a `.docx`, a `.pdf` and a text file apart by their first bytes.
pub fn kind_of(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(b"PK\x03\x04") {
        FileKind::Zip
    } else if bytes.starts_with(b"%PDF") {
        FileKind::Pdf
    } else if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        FileKind::OldWord
    } else {
        FileKind::Text
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// The uncompressed bytes of the zip entry `name`.
fn zip_entry(zip: &[u8], name: &str) -> Result<Vec<u8>, DocxError> {
    let damaged = |why: &str| DocxError::Damaged(why.to_owned());
    // The end-of-central-directory record is in the last 64 KB + 22 bytes.
    let from = zip.len().saturating_sub(65_557);
    let eocd = (from..zip.len().saturating_sub(21))
        .rev()
        .find(|&i| zip[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| DocxError::NotDocx("no zip directory".into()))?;
    let count = u16_at(zip, eocd + 10).ok_or_else(|| damaged("directory"))?;
    let mut at = u32_at(zip, eocd + 16).ok_or_else(|| damaged("directory"))? as usize;
    for _ in 0..count {
        if !zip.get(at..).is_some_and(|s| s.starts_with(b"PK\x01\x02")) {
            return Err(damaged("directory entry"));
        }
        let method = u16_at(zip, at + 10).ok_or_else(|| damaged("entry"))?;
        let compressed = u32_at(zip, at + 20).ok_or_else(|| damaged("entry"))? as usize;
        let size = u32_at(zip, at + 24).ok_or_else(|| damaged("entry"))?;
        let name_len = u16_at(zip, at + 28).ok_or_else(|| damaged("entry"))? as usize;
        let extra = u16_at(zip, at + 30).ok_or_else(|| damaged("entry"))? as usize;
        let comment = u16_at(zip, at + 32).ok_or_else(|| damaged("entry"))? as usize;
        let local = u32_at(zip, at + 42).ok_or_else(|| damaged("entry"))? as usize;
        let entry_name = zip.get(at + 46..at + 46 + name_len).ok_or_else(|| damaged("entry name"))?;
        // `at` stays within the file: each step is at most 3 × 64 KB past a position in it.
        at += 46 + name_len + extra + comment;
        if entry_name != name.as_bytes() {
            continue;
        }
        if u64::from(size) > MAX_PART_BYTES {
            return Err(damaged("a part too large to be a decision"));
        }
        let local_name = u16_at(zip, local + 26).ok_or_else(|| damaged("local header"))? as usize;
        let local_extra = u16_at(zip, local + 28).ok_or_else(|| damaged("local header"))? as usize;
        // Offsets come from the file: add them checked, so a forged zip cannot wrap on wasm32.
        let data = local
            .checked_add(30 + local_name + local_extra)
            .and_then(|from| Some(from..from.checked_add(compressed)?))
            .and_then(|range| zip.get(range))
            .ok_or_else(|| damaged("truncated"))?;
        return match method {
            0 => Ok(data.to_vec()),
            8 => {
                let mut out = Vec::new();
                flate2::read::DeflateDecoder::new(data)
                    .take(MAX_PART_BYTES)
                    .read_to_end(&mut out)
                    .map_err(|e| damaged(&e.to_string()))?;
                Ok(out)
            }
            m => Err(damaged(&format!("compression method {m}"))),
        };
    }
    Err(DocxError::NotDocx(format!("no {name}")))
}

/// Decodes the XML entities of a text run.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find(';') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let entity = &rest[at + 1..at + end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[at..=at + end]),
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// The text of `word/document.xml`: paragraphs as lines; a table row as one line, its cells
/// separated by tabs (a cell's own paragraphs joined with spaces).
fn text_of_xml(xml: &str) -> String {
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut cell = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut depth_table = 0usize;
    let mut in_text = false;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        if in_text {
            paragraph.push_str(&unescape(text));
        }
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
        let closing = tag.starts_with('/');
        let empty = tag.ends_with('/');
        match (name, closing) {
            ("w:t", false) => in_text = !empty,
            ("w:t", true) => in_text = false,
            ("w:tab", _) if !closing => paragraph.push(' '),
            ("w:br" | "w:cr", _) if !closing => paragraph.push(' '),
            ("w:tbl", false) => depth_table += 1,
            ("w:tbl", true) => depth_table = depth_table.saturating_sub(1),
            ("w:p", true) => {
                let p = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
                paragraph.clear();
                if depth_table > 0 {
                    if !p.is_empty() {
                        if !cell.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(&p);
                    }
                } else {
                    out.push_str(&p);
                    out.push('\n');
                }
            }
            ("w:tc", true) if depth_table > 0 => row.push(std::mem::take(&mut cell)),
            ("w:tr", true) if depth_table > 0 => {
                out.push_str(&std::mem::take(&mut row).join("\t"));
                out.push('\n');
            }
            _ => {}
        }
    }
    out
}

/// The text of a `.docx` file's bytes, ready for the plan parser.
pub fn text_of_docx(bytes: &[u8]) -> Result<String, DocxError> {
    match kind_of(bytes) {
        FileKind::Pdf => return Err(DocxError::Pdf),
        FileKind::OldWord => return Err(DocxError::OldWord),
        FileKind::Text => return Err(DocxError::NotDocx("not a zip".into())),
        FileKind::Zip => {}
    }
    let xml = zip_entry(bytes, "word/document.xml")?;
    let xml = String::from_utf8(xml).map_err(|_| DocxError::Damaged("its text is not UTF-8".into()))?;
    Ok(text_of_xml(&xml))
}

/// The text of a plan file: a `.docx` read by its paragraphs and table cells, a text file as it
/// is (UTF-8, or UTF-16 with its byte-order mark, as Notepad's "Unicode" saves it), a `.pdf`
/// refused.
pub fn text_of_file(bytes: &[u8]) -> Result<String, DocxError> {
    if kind_of(bytes) != FileKind::Text {
        return text_of_docx(bytes);
    }
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        if !rest.len().is_multiple_of(2) {
            return Err(DocxError::NotUnicode);
        }
        let units = rest.chunks_exact(2).map(|c| unit([c[0], c[1]]));
        char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| DocxError::NotUnicode)
    };
    match bytes {
        [0xef, 0xbb, 0xbf, rest @ ..] => String::from_utf8(rest.to_vec()).map_err(|_| DocxError::NotUnicode),
        [0xff, 0xfe, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xfe, 0xff, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes.to_vec()).map_err(|_| DocxError::NotUnicode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_lines_and_table_rows_are_tab_separated_cells() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Sở A &amp; B </w:t></w:r><w:r><w:t>làm</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Nhiệm vụ</w:t></w:r></w:p><w:p><w:r><w:t>dòng hai</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:body></w:document>"#;
        assert_eq!(text_of_xml(xml), "KẾ HOẠCH\nSở A & B làm\nSTT\tNhiệm vụ dòng hai\n");
    }

    #[test]
    fn a_pdf_and_garbage_are_refused_by_name_never_with_a_panic() {
        assert_eq!(text_of_file(b"%PDF-1.7 ..."), Err(DocxError::Pdf));
        assert!(matches!(text_of_docx(b"PK\x03\x04 truncated"), Err(DocxError::NotDocx(_) | DocxError::Damaged(_))));
        assert_eq!(text_of_file("Kế hoạch".as_bytes()).as_deref(), Ok("Kế hoạch"));
        assert_eq!(text_of_file(&[0xff, 0xfe, 0x00]), Err(DocxError::NotUnicode));
        // "Kế hoạch" as code page 1258 bytes would be; refused rather than read as garbage.
        assert_eq!(text_of_file(b"K\xea\xd2 ho\xb9ch"), Err(DocxError::NotUnicode));
    }

    #[test]
    fn utf8_with_a_byte_order_mark_and_notepad_utf16_both_read_as_text() {
        assert_eq!(text_of_file("\u{feff}Kế hoạch".as_bytes()).as_deref(), Ok("Kế hoạch"));
        let le: Vec<u8> = [0xff, 0xfe].into_iter().chain("Sở Y tế".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(text_of_file(&le).as_deref(), Ok("Sở Y tế"));
        let be: Vec<u8> = [0xfe, 0xff].into_iter().chain("UBND xã".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(text_of_file(&be).as_deref(), Ok("UBND xã"));
    }

    #[test]
    fn a_forged_zip_whose_offsets_point_past_its_end_is_damaged_not_a_panic() {
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&[0; 40]);
        let at = zip.len() as u32;
        let mut central = b"PK\x01\x02".to_vec();
        central.extend_from_slice(&[0; 6]);
        central.extend_from_slice(&8u16.to_le_bytes()); // method
        central.extend_from_slice(&[0; 8]);
        central.extend_from_slice(&u32::MAX.to_le_bytes()); // compressed
        central.extend_from_slice(&10u32.to_le_bytes()); // size
        central.extend_from_slice(&17u16.to_le_bytes()); // name length
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&(u32::MAX - 3).to_le_bytes()); // local header offset
        central.extend_from_slice(b"word/document.xml");
        zip.extend_from_slice(&central);
        let mut eocd = b"PK\x05\x06".to_vec();
        eocd.extend_from_slice(&[0; 6]);
        eocd.extend_from_slice(&1u16.to_le_bytes());
        eocd.extend_from_slice(&[0; 4]);
        eocd.extend_from_slice(&at.to_le_bytes());
        eocd.extend_from_slice(&[0; 2]);
        zip.extend_from_slice(&eocd);
        assert!(matches!(text_of_docx(&zip), Err(DocxError::Damaged(_))), "{:?}", text_of_docx(&zip));
    }
}
