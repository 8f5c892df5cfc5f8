//! What the `.docx` and `.xlsx` exports share: Office Open XML parts in a zip. Written here in
//! a few hundred lines rather than through docx-rs and rust_xlsxwriter, which came to ~240 KB of
//! the app's compressed download for the little of them two fixed layouts use.

/// `text` as XML character data or attribute value: markup escaped, and the characters XML 1.0
/// does not allow (control characters pasted from other programs) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The XML declaration every part starts with.
pub const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// The relationship type URIs' common start.
pub const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A relationships part: `(type, target)` in order, as `rId1`, `rId2`, …; a type without a
/// scheme is one of [`REL`]'s (`styles`, `worksheet`, `officeDocument`).
pub fn relationships(rels: &[(&str, &str)]) -> String {
    let mut xml =
        format!(r#"{DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
    for (i, (kind, target)) in rels.iter().enumerate() {
        let kind = if kind.starts_with("http") { (*kind).to_owned() } else { format!("{REL}/{kind}") };
        xml.push_str(&format!(r#"<Relationship Id="rId{}" Type="{kind}" Target="{target}"/>"#, i + 1));
    }
    xml.push_str("</Relationships>");
    xml
}

/// The package relationships part pointing at the main part `target` and at the core
/// properties.
pub fn package_rels(target: &str) -> String {
    relationships(&[
        ("officeDocument", target),
        ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
    ])
}

/// The core properties part: title, and the creation time if given (Unix milliseconds; the
/// same inputs give the same bytes).
pub fn core_props(title: &str, created_ms: Option<i64>) -> String {
    let dates = created_ms.map(|ms| {
        let stamp = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default().format("%Y-%m-%dT%H:%M:%SZ");
        format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#
        )
    });
    format!(
        r#"{DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>Tiến độ</dc:creator>{}</cp:coreProperties>"#,
        escape(title),
        dates.unwrap_or_default()
    )
}

/// `[Content_Types].xml`: XML and relationships by extension, then `(part, content type)`.
pub fn content_types(overrides: &[(&str, &str)]) -> String {
    let mut xml = format!(
        r#"{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
    );
    for (part, kind) in overrides {
        xml.push_str(&format!(r#"<Override PartName="/{part}" ContentType="{kind}"/>"#));
    }
    xml.push_str("</Types>");
    xml
}

/// Raw deflate of `data` (what a zip entry of method 8 holds).
fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(6));
    // Writing into a `Vec` cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// Zips `parts` (name, content), deflated, in order, with a fixed time stamp (1980-01-01): the
/// same parts give the same bytes.
pub fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, v: u16) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    // Version 2.0, UTF-8 names, deflate, 00:00 on 1980-01-01.
    let header = |out: &mut Vec<u8>, crc: u32, packed: usize, size: usize, name: &str| {
        u16le(out, 20);
        u16le(out, 1 << 11);
        u16le(out, 8);
        u16le(out, 0);
        u16le(out, (1 << 5) | 1);
        u32le(out, crc);
        u32le(out, packed as u32);
        u32le(out, size as u32);
        u16le(out, name.len() as u16);
        u16le(out, 0);
    };
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, content) in parts {
        let data = content.as_bytes();
        let crc = crc32fast::hash(data);
        let packed = deflate(data);
        let offset = out.len() as u32;
        u32le(&mut out, 0x0403_4b50);
        header(&mut out, crc, packed.len(), data.len(), name);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 20);
        header(&mut central, crc, packed.len(), data.len(), name);
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, parts.len() as u16);
    u16le(&mut out, parts.len() as u16);
    u32le(&mut out, central.len() as u32);
    u32le(&mut out, at);
    u16le(&mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup_and_no_control_characters() {
        assert_eq!(escape("a < b & \"c\" > 'd'\u{1}\u{b}\tđ"), "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;\tđ");
    }
}
