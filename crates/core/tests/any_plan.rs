//! Plans in the shapes provinces actually use (test data of our own, not real decisions): Roman
//! parts with Arabic sections, lettered items with agencies in parentheses, `Giao … chủ trì`
//! sentences, three levels deep, agencies on labelled lines, 2026 plans naming communes, and task
//! tables pasted with tabs, one cell per line, and in a `.docx`. Each is checked task by task
//! against `plans/expected.json`, written by reading the texts, not the parser's output.

mod common;

use common::plans::{check, parse, read};
use tiendo_core::model::TargetKind;
use tiendo_core::parse::{docx, ParsedPlan};

#[test]
fn a_2026_plan_with_roman_parts_and_arabic_sections_reads_its_tasks_not_its_objectives() {
    let p = parse(&read("vinh_long_2026.txt"));
    check("vinh_long_2026.txt", &p.plan);
    let sections: Vec<&str> = p.plan.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["1", "2", "3"], "the objectives part is not a section");
    assert_eq!(p.plan.decision.number, "15/QĐ-UBND");
    assert_eq!(p.plan.decision.issuer, "Ủy ban nhân dân tỉnh Vĩnh Long");
    assert!(!p.plan.title.contains("CHỦ TỊCH"), "{}", p.plan.title);
    // The 2025 names are proposed as new agencies, whole.
    let proposed: Vec<&str> = p.proposed_agencies.iter().map(|a| a.name.as_str()).collect();
    assert!(proposed.contains(&"Sở Nông nghiệp và Môi trường"), "{proposed:?}");
    assert!(proposed.contains(&"Ngân hàng Nhà nước Khu vực 14"), "{proposed:?}");
}

#[test]
fn the_figures_of_the_objectives_part_are_the_plans_own_targets_not_a_tasks() {
    let p = parse(&read("vinh_long_2026.txt"));
    let goals = p.plan.goals.clone().expect("the objectives state targets");
    let found: Vec<(String, TargetKind, &str)> =
        goals.iter().map(|g| (g.id.to_string(), g.kind.clone(), g.unit.as_str())).collect();
    assert_eq!(
        found,
        [
            ("goal/t1".to_owned(), TargetKind::Minimum { value: 8.0 }, "%"),
            ("goal/t2".to_owned(), TargetKind::Exact { value: 15_000.0 }, "tỷ đồng"),
        ]
    );
    assert!(goals[0].name.starts_with("Tốc độ tăng trưởng GRDP"), "{}", goals[0].name);
    assert!(p.plan.targets.iter().all(|t| !t.name.contains("GRDP")), "not a task's target");
    // The figure on the heading's own line, after the heading in capitals.
    let tabs = parse(&read("table_tabs_2026.txt"));
    let goals = tabs.plan.goals.expect("one goal");
    assert_eq!((goals.len(), goals[0].name.as_str()), (1, "Tăng trưởng kinh tế"));
    // A plan that states none has none, and its document is what it was before goals existed.
    assert_eq!(parse(&read("three_levels_2023.txt")).plan.goals, None);
}

#[test]
fn lettered_tasks_with_agencies_in_parentheses_read_lead_and_coordinating() {
    check("lettered_parentheses_2025.txt", &parse(&read("lettered_parentheses_2025.txt")).plan);
}

#[test]
fn giao_sentences_name_the_lead_and_coordinating_agencies() {
    let p = parse(&read("giao_2025.txt"));
    check("giao_2025.txt", &p.plan);
    let t = p.plan.task(&"1.2".parse().expect("id")).expect("1.2");
    assert_eq!(
        t.text.as_str(),
        "Số hóa kết quả giải quyết thủ tục hành chính.",
        "the Giao sentence is not the task's text"
    );
}

#[test]
fn tasks_that_open_with_their_lead_and_chu_tri_read_their_agencies_and_the_preamble_is_not_the_title() {
    let p = parse(&read("lead_sentences_2022.txt"));
    check("lead_sentences_2022.txt", &p.plan);
    let t = p.plan.task(&tiendo_core::ids::TaskId::new("1.a").expect("id")).expect("task");
    assert_eq!(t.text.as_str(), "tiếp tục tiêm vắc xin; bảo đảm tỷ lệ bao phủ từ 95% trở lên.");
    // `ban hành Chương trình hành động với những nội dung như sau:` names no plan; the title in
    // capitals does, with document numbers and names keeping their capitals.
    assert_eq!(
        p.plan.title,
        "Chương trình hành động thực hiện Nghị quyết số 11/NQ-CP ngày 30/01/2022 của Chính phủ về chương trình \
         phục hồi và phát triển kinh tế - xã hội"
    );
}

#[test]
fn a_plan_three_levels_deep_reads_its_tasks_at_the_third() {
    let p = parse(&read("three_levels_2023.txt"));
    check("three_levels_2023.txt", &p.plan);
    let sections: Vec<&str> = p.plan.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["1.1", "1.2", "2.1", "2.2"]);
}

#[test]
fn labelled_lines_give_agencies_deadlines_and_products_and_are_not_items() {
    let p = parse(&read("labelled_lines_2026.txt"));
    check("labelled_lines_2026.txt", &p.plan);
    assert!(p.plan.tasks().all(|t| t.items.is_empty()));
    assert_eq!(p.plan.decision.number, "25/KH-UBND");
}

#[test]
fn a_2026_plan_names_commune_groups_and_named_communes() {
    let p = parse(&read("communes_2026.txt"));
    check("communes_2026.txt", &p.plan);
    let communes: Vec<&str> = p
        .proposed_agencies
        .iter()
        .filter(|a| a.kind == tiendo_core::model::AgencyKind::Commune)
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(communes, ["UBND xã Tân Hồng", "UBND phường Cao Lãnh"]);
}

#[test]
fn a_task_table_pasted_with_tabs_is_read_by_its_cells_with_groups_as_sections() {
    let p = parse(&read("table_tabs_2026.txt"));
    check("table_tabs_2026.txt", &p.plan);
    let sections: Vec<(&str, &str)> = p.plan.sections.iter().map(|s| (s.id.as_str(), s.title.as_str())).collect();
    assert_eq!(sections, [("I", "Cải cách thể chế"), ("II", "Phát triển kinh tế")]);
    assert!(!p.plan.schedule.is_empty(), "the organisation part before the appendix still gives the schedule");
    // The title in capitals and its subtitle in sentence case, which keeps its own case.
    assert_eq!(p.plan.title, "Kế hoạch hành động thực hiện Nghị quyết số 01/NQ-CP năm 2026");
}

#[test]
fn a_task_table_copied_one_cell_per_line_is_read_row_by_row() {
    let p = parse(&read("table_cells_2026.txt"));
    check("table_cells_2026.txt", &p.plan);
    let t = p.plan.task(&"I.2".parse().expect("id")).expect("I.2");
    assert_eq!(t.text.as_str(), "Số hóa hồ sơ đất đai cho 100% xã, phường", "a cell over two lines is one text");
}

#[test]
fn a_task_table_pasted_with_bars_reads_as_with_tabs() {
    let text = read("table_tabs_2026.txt")
        .lines()
        .map(|l| if l.contains('\t') { format!("| {} |", l.replace('\t', " | ")) } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n");
    check("table_tabs_2026.txt", &parse(&text).plan);
}

/// A `.docx` of `text`: its lines as paragraphs, its tab-separated lines as the rows of a table.
fn docx_of(text: &str) -> Vec<u8> {
    use std::io::Write;
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let para = |s: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", esc(s));
    let mut body = String::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.contains('\t') {
            if !in_table {
                body.push_str("<w:tbl>");
                in_table = true;
            }
            body.push_str("<w:tr>");
            for cell in line.split('\t') {
                body.push_str(&format!("<w:tc>{}</w:tc>", para(cell)));
            }
            body.push_str("</w:tr>");
        } else {
            if in_table {
                body.push_str("</w:tbl>");
                in_table = false;
            }
            body.push_str(&para(line));
        }
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", options).expect("zip");
    zip.write_all(b"<Types/>").expect("zip");
    zip.start_file("word/document.xml", options).expect("zip");
    zip.write_all(xml.as_bytes()).expect("zip");
    zip.finish().expect("zip").into_inner()
}

#[test]
fn a_docx_with_a_task_table_is_read_by_its_table_cells() {
    let bytes = docx_of(&read("table_tabs_2026.txt"));
    let text = docx::text_of_file(&bytes).expect("the docx's text");
    check("table_tabs_2026.txt", &parse(&text).plan);
    // A docx of prose reads as the text does.
    let prose = docx::text_of_file(&docx_of(&read("giao_2025.txt"))).expect("text");
    check("giao_2025.txt", &parse(&prose).plan);
}

#[test]
fn a_pdf_is_refused_with_what_to_do() {
    let e = docx::text_of_file(b"%PDF-1.7\n...").expect_err("a pdf");
    assert!(e.to_string().contains("save it as .docx"), "{e}");
}

mod renumbered {
    use super::*;
    use proptest::prelude::*;

    /// `text` with lines indented by `indent` spaces and dotted numbers written without their
    /// last dot (`1.1.` → `1.1`) where `drop_dot` says.
    fn reformat(text: &str, indent: &[usize], drop_dot: &[bool]) -> String {
        text.lines()
            .enumerate()
            .map(|(i, l)| {
                let mut line = l.to_owned();
                if drop_dot[i % drop_dot.len()] {
                    if let Some((num, rest)) = l.split_once(". ") {
                        if num.contains('.') && num.chars().all(|c| c.is_ascii_digit() || c == '.') {
                            line = format!("{num} {rest}");
                        }
                    }
                }
                format!("{}{line}", " ".repeat(indent[i % indent.len()]))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn summary(p: &ParsedPlan) -> Vec<String> {
        p.plan
            .tasks()
            .map(|t| {
                format!(
                    "{} {:?} {:?} {:?} {:?} {}",
                    t.id,
                    t.lead,
                    t.coordinating,
                    t.groups,
                    t.coordinating_groups,
                    t.items.len()
                )
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn re_indenting_or_dropping_the_last_dot_of_numbers_changes_nothing_read(
            plan in prop_oneof![Just("vinh_long_2026.txt"), Just("three_levels_2023.txt"), Just("giao_2025.txt"), Just("communes_2026.txt")],
            indent in proptest::collection::vec(0usize..4, 1..7),
            drop_dot in proptest::collection::vec(any::<bool>(), 1..5),
        ) {
            let text = read(plan);
            let again = reformat(&text, &indent, &drop_dot);
            prop_assert_eq!(summary(&parse(&text)), summary(&parse(&again)));
        }
    }
}

mod damaged {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// A clerk's file can be cut short on a USB stick or be anything at all: it is read or
        /// refused by name, and whatever text comes out parses or is refused, never a panic.
        #[test]
        fn a_truncated_or_bit_flipped_docx_is_read_or_refused_never_a_panic(
            cut in 0usize..4000,
            flips in proptest::collection::vec((0usize..4000, any::<u8>()), 0..6),
        ) {
            let mut bytes = docx_of(&read("table_tabs_2026.txt"));
            for (at, bits) in flips {
                let at = at % bytes.len();
                bytes[at] ^= bits;
            }
            bytes.truncate(cut.max(4).min(bytes.len()));
            if let Ok(text) = docx::text_of_file(&bytes) {
                let _ = tiendo_core::parse::parse_plan(&text, &tiendo_core::builtin::tra_vinh_registry().expect("registry"));
            }
        }
    }
}
