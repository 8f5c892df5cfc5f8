//! The `.docx` and `.xlsx` writers on their own: text typed by people (markup characters,
//! control characters pasted from other programs) stays well-formed XML, and the same inputs
//! give the same bytes.

use std::io::Read;
use tiendo_core::model::Signer;
use tiendo_core::office::board::{Arrivals, Board};
use tiendo_core::office::docx;
use tiendo_core::office::letter::{Block, Letter};
use tiendo_core::office::xlsx;

const HOSTILE: &str = "Vốn <b>đầu tư</b> & \"công\" đạt 95% 'kế hoạch'\u{1}\u{7}\u{b}\tcòn lại </w:t></w:r>]]>";

fn letter() -> Letter {
    Letter {
        parent: "UBND TỈNH TRÀ VINH".into(),
        issuer: "SỞ TÀI CHÍNH".into(),
        number: "Số: 12/BC-STC".into(),
        place_date: "Trà Vinh, ngày 08 tháng 3 năm 2020".into(),
        title: "BÁO CÁO".into(),
        summary: HOSTILE.into(),
        blocks: vec![
            Block::Heading("I. KẾT QUẢ".into()),
            Block::Paragraph(HOSTILE.into()),
            Block::Table {
                header: vec!["TT".into(), "Chỉ tiêu".into()], rows: vec![vec!["1".into(), HOSTILE.into()]]
            },
        ],
        recipients: vec![HOSTILE.into()],
        signer: Signer { lines: vec!["GIÁM ĐỐC".into()], name: HOSTILE.into() },
    }
}

/// Every part of the zip, each checked to be well-formed XML.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        let mut xml = String::new();
        file.read_to_string(&mut xml).expect("utf-8");
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut depth = 0i32;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Text(t)) => {
                    let text = t.decode().expect("text");
                    assert!(!text.chars().any(|c| (c as u32) < 0x20 && !"\t\n\r".contains(c)), "{}", file.name());
                }
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{} is not well-formed: {e}", file.name()),
            }
        }
        assert_eq!(depth, 0, "{} closes every element", file.name());
        out.push((file.name().to_owned(), xml));
    }
    out
}

#[test]
fn a_docx_of_text_with_markup_and_control_characters_is_well_formed_and_keeps_the_text() {
    let bytes = docx::render(&letter()).expect("docx");
    let parts = parts(&bytes);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    for needed in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"] {
        assert!(names.contains(&needed), "{needed} in {names:?}");
    }
    let document = &parts.iter().find(|(n, _)| n == "word/document.xml").expect("document").1;
    assert!(document.contains("Vốn &lt;b&gt;đầu tư&lt;/b&gt; &amp; &quot;công&quot;"));
    assert!(document.contains("\tcòn lại &lt;/w:t&gt;&lt;/w:r&gt;]]&gt;"), "the tab is kept, the rest escaped");
    assert_eq!(bytes, docx::render(&letter()).expect("again"), "the same letter gives the same bytes");
}

#[test]
fn an_xlsx_of_agency_names_with_markup_is_well_formed_and_deterministic() {
    let (mut registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let finance = registry.agencies.iter().position(|a| a.id.as_str() == "so-tai-chinh").expect("agency");
    registry.agencies[finance].name = HOSTILE.into();
    let reports: Vec<_> = registry
        .agencies
        .iter()
        .map(|a| tiendo_core::schema::genesis::empty_reports(&parsed.plan, &registry, &a.id).reports)
        .collect();
    let day: tiendo_core::Day = "2020-03-20".parse().expect("day");
    let board = Board::compute(&parsed.plan, &registry, &reports, &[], &Arrivals::new(), day);
    let bytes = xlsx::render(&board, &[], &[], 1_584_666_000_000).expect("xlsx");
    let sheet = parts(&bytes).into_iter().find(|(n, _)| n == "xl/worksheets/sheet1.xml").expect("sheet").1;
    assert!(sheet.contains("Vốn &lt;b&gt;đầu tư&lt;/b&gt;"));
    assert_eq!(bytes, xlsx::render(&board, &[], &[], 1_584_666_000_000).expect("again"));
}
