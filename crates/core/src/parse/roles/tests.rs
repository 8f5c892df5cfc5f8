//! How task texts are taken apart into agencies, deadline, product and text.

use super::*;

fn none(_: &str) -> Option<(&str, &str)> {
    None
}

#[test]
fn role_words_are_rewritten_leads_first() {
    assert_eq!(
        normalise_roles("Sở Tư pháp chủ trì, Văn phòng UBND tỉnh phối hợp"),
        "Sở Tư pháp, phối hợp Văn phòng UBND tỉnh"
    );
    assert_eq!(
        normalise_roles("Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ, Sở Tài chính"),
        "Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ, Sở Tài chính"
    );
    assert_eq!(
        parenthesis_roles("Sở Tài chính; các sở, ngành liên quan"),
        "Sở Tài chính, phối hợp các sở, ngành liên quan"
    );
    assert_eq!(normalise_roles("Các Sở: Y tế; Giáo dục và Đào tạo"), "Các Sở: Y tế; Giáo dục và Đào tạo");
    assert_eq!(normalise_roles("Sở Y tế chủ trì"), "Sở Y tế");
    assert_eq!(normalise_roles("Sở Y tế, Sở Tài chính"), "Sở Y tế, Sở Tài chính");
}

#[test]
fn agencies_are_found_in_a_closing_parenthesis() {
    let p =
        split_task("Hoàn thiện thể chế về đầu tư công (Sở Tư pháp chủ trì, phối hợp Văn phòng UBND tỉnh).", &[], none);
    assert_eq!(p.text, "Hoàn thiện thể chế về đầu tư công");
    assert_eq!(p.head, "Sở Tư pháp chủ trì, phối hợp Văn phòng UBND tỉnh");
    let kept = split_task("Nâng cao chất lượng (bao gồm cả vùng sâu).", &[], none);
    assert!(kept.head.is_empty(), "a parenthesis of other words is text: {kept:?}");
}

#[test]
fn a_giao_sentence_names_the_agencies_and_leaves_the_rest_as_text() {
    let p = split_task(
        "Rà soát thủ tục hành chính. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành thực hiện.",
        &[],
        none,
    );
    assert_eq!(p.text, "Rà soát thủ tục hành chính.");
    assert_eq!(p.head, "Sở Nội vụ chủ trì, phối hợp với các sở, ngành");
}

#[test]
fn labelled_lines_give_agencies_deadline_and_product() {
    let items = vec![
        "Cơ quan chủ trì: Sở Tư pháp.".to_owned(),
        "Cơ quan phối hợp: Sở Nội vụ, Sở Tài chính.".to_owned(),
        "Thời gian hoàn thành: Quý II/2026.".to_owned(),
        "Sản phẩm: Quyết định của UBND tỉnh.".to_owned(),
        "- Rà soát văn bản".to_owned(),
    ];
    let p = split_task("Xây dựng quy chế phối hợp.", &items, none);
    assert_eq!(p.text, "Xây dựng quy chế phối hợp.");
    assert_eq!(p.words, "Sở Tư pháp, phối hợp Sở Nội vụ, Sở Tài chính");
    assert_eq!(p.deadline.as_deref(), Some("Quý II/2026"));
    assert_eq!(p.product.as_deref(), Some("Quyết định của UBND tỉnh"));
    assert_eq!(p.items, ["- Rà soát văn bản"]);
    let inline = split_task("Xây dựng đề án. Cơ quan chủ trì: Sở Y tế. Cơ quan phối hợp: Sở Tài chính.", &[], none);
    assert_eq!(inline.text, "Xây dựng đề án.");
    assert_eq!(inline.words, "Sở Y tế, phối hợp Sở Tài chính");
}
