//! The parser never panics: any text gives a plan with warnings or a clear error.

use proptest::prelude::*;
use tiendo_core::builtin::{tra_vinh_registry, TRA_VINH_2020_TEXT};
use tiendo_core::parse::{parse_plan, ParseError, MAX_TEXT_BYTES};

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in "\\PC{0,400}") {
        let registry = tra_vinh_registry().expect("registry");
        let _ = parse_plan(&text, &registry);
    }

    #[test]
    fn plan_like_lines_in_any_order_never_panic_the_parser(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("1. Nhóm giải pháp:".to_owned()),
                Just("1.1. Sở Tư pháp, các Sở, ngành: Làm việc.".to_owned()),
                Just("II. TỔ CHỨC THỰC HIỆN".to_owned()),
                Just("- tăng 13 - 14%, 67/85 xã, dưới 2%".to_owned()),
                Just("a) Các Sở: Y tế; Trường Đại học Trà Vinh:".to_owned()),
                Just("Hằng quý báo cáo trước ngày 10 tháng cuối quý".to_owned()),
                Just("trước ngày 31/02/2020 hàng tháng".to_owned()),
                "[0-9./:;,()| %-]{0,12}",
                "\\PC{0,30}",
            ],
            0..40,
        )
    ) {
        let registry = tra_vinh_registry().expect("registry");
        let _ = parse_plan(&lines.join("\n"), &registry);
    }

}

proptest! {
    // Each case parses a 49 KB plan twice; a few dozen cases cover cuts in every part of it.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_seed_cut_or_spliced_anywhere_never_panics_the_parser(cut in 0usize..49_000, len in 0usize..2_000, insert in "\\PC{0,20}") {
        let registry = tra_vinh_registry().expect("registry");
        let text = TRA_VINH_2020_TEXT;
        let at = (0..=cut.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let end = (at..=(at + len).min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(at);
        let spliced = format!("{}{}{}", &text[..at], insert, &text[end..]);
        let _ = parse_plan(&spliced, &registry);
        let _ = parse_plan(&text[..at], &registry);
    }
}

#[test]
fn text_without_a_plan_is_refused_with_a_clear_error() {
    let registry = tra_vinh_registry().expect("registry");
    assert_eq!(parse_plan("", &registry).err(), Some(ParseError::NoPlan));
    assert_eq!(parse_plan("Kính gửi các Sở.\n1 2 3\n- một", &registry).err(), Some(ParseError::NoPlan));
    let huge = "a".repeat(MAX_TEXT_BYTES + 1);
    assert_eq!(
        parse_plan(&huge, &registry).err(),
        Some(ParseError::TooLarge { len: MAX_TEXT_BYTES + 1, max: MAX_TEXT_BYTES })
    );
}
