//! The app's components in a real browser (headless Chromium, via wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use gloo_storage::Storage;
use leptos::prelude::*;
use tiendo_app::i18n::{t, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn count(selector: &str) -> u32 {
    document().query_selector_all(selector).map(|l| l.length()).unwrap_or(0)
}

/// Lets the browser run its event loop for `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits up to 5 s for `selector` to match `n` elements; returns how many it matched last.
async fn wait_count(selector: &str, n: u32) -> u32 {
    for _ in 0..100 {
        if count(selector) == n {
            break;
        }
        sleep(50).await;
    }
    count(selector)
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_renders_every_task_of_the_built_in_plan() {
    gloo_storage::LocalStorage::delete("tiendo.lang");
    gloo_storage::LocalStorage::delete("tiendo.setup");
    // The plan page, as a visitor who has not chosen an agency yet sees it.
    window()
        .history()
        .expect("history")
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/plan"))
        .expect("url");
    let holder = document().create_element("div").expect("div");
    document().body().expect("body").append_child(&holder).expect("append");
    let handle = leptos::mount::mount_to(holder.clone().unchecked_into(), tiendo_app::App);
    assert_eq!(wait_count("[data-task]", 37).await, 37);
    assert_eq!(count("section.section"), 10);
    assert!(holder.text_content().unwrap_or_default().contains("Quyết định"));
    drop(handle);
}

#[wasm_bindgen_test]
fn both_translation_files_have_the_same_keys() {
    let vi: std::collections::BTreeMap<String, String> =
        serde_json::from_str(include_str!("../crates/start/src/i18n/vi.json")).expect("vi.json");
    let en: std::collections::BTreeMap<String, String> =
        serde_json::from_str(include_str!("../crates/start/src/i18n/en.json")).expect("en.json");
    assert_eq!(vi.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
    assert_eq!(t(Lang::Vi, "plan.due"), "Hạn nộp");
    assert_eq!(t(Lang::En, "plan.due"), "Due");
    assert_eq!(t(Lang::En, "no.such.key"), "no.such.key");
}

#[wasm_bindgen_test]
fn every_error_below_the_page_has_a_sentence_in_both_languages_and_keeps_its_detail_apart() {
    use tiendo_app::state::EngineError;
    let all = [
        EngineError::NotOpen,
        EngineError::Storage("QuotaExceededError".into()),
        EngineError::Document("missing kind".into()),
        EngineError::UnknownAgency("so-y-te".parse().expect("id")),
        EngineError::NoWorkspace("01-qd-ubnd-2020".parse().expect("id")),
        EngineError::NoCredential,
        EngineError::NoWorkspaceHere,
        EngineError::NotHeld("workspace".into()),
        EngineError::NothingToImport,
        EngineError::Unanswered("Done".into()),
        EngineError::Export("the plan has no period 2020-Q9".into()),
    ];
    for e in &all {
        for lang in [Lang::Vi, Lang::En] {
            let said = t(lang, e.key());
            assert_ne!(said, e.key(), "{e:?} has no sentence in {lang:?}");
            assert!(!said.contains(&e.to_string()), "the sentence is not the lower layer's words: {said}");
        }
    }
    let full_disk = EngineError::from(tiendo_core::storage::StorageError::Backend("QuotaExceededError".into()));
    assert_eq!(full_disk.key(), "error.storage");
    assert!(full_disk.detail().is_some_and(|d| d.contains("QuotaExceededError")), "{full_disk:?}");
}

#[wasm_bindgen_test]
fn target_descriptions_read_as_vietnamese_documents_write_them() {
    let (_, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("built-in");
    let d = |id: &str| {
        let target = parsed.plan.targets.iter().find(|t| t.id.as_str() == id).expect("target");
        tiendo_app::components::target_list::describe(Lang::Vi, &target.kind, &target.unit)
    };
    assert_eq!(d("2.1/t1"), "từ 13 đến 14%");
    assert_eq!(d("2.1/t2"), "dưới 2%");
    assert_eq!(d("3.2/t1"), "67/85 xã");
    assert_eq!(d("3.3/t1"), "từ 550 đến 600 doanh nghiệp");
    assert_eq!(d("8.1/t1"), "10%");
    assert_eq!(d("4.1/t1"), "từ 90% trở lên");
}

#[wasm_bindgen_test]
fn the_built_in_plan_id_the_app_opens_is_the_one_the_parser_makes() {
    let (_, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    assert_eq!("01-qd-ubnd-2020", parsed.plan.id.as_str());
}

#[wasm_bindgen_test]
fn sync_totals_count_every_document_and_list_refusals() {
    use tiendo_app::sync::{DocStatus, SyncStatus};
    let mut s = SyncStatus::default();
    s.docs.insert("a".into(), DocStatus { unconfirmed: 2, ..Default::default() });
    s.docs.insert("b".into(), DocStatus { unconfirmed: 1, refused: Some("no".into()), ..DocStatus::default() });
    assert_eq!(s.unconfirmed(), 3);
    assert_eq!(s.refused(), vec![("b".to_owned(), "no".to_owned())]);
}

#[wasm_bindgen_test]
async fn a_refusal_by_the_server_is_shown_never_as_synced() {
    use tiendo_app::state::settings::Settings;
    use tiendo_app::state::AppContext;
    use tiendo_app::sync::{DocStatus, Link, SyncStatus};
    gloo_storage::LocalStorage::delete("tiendo.lang");
    let holder = document().create_element("div").expect("div");
    document().body().expect("body").append_child(&holder).expect("append");
    let ctx_cell = std::rc::Rc::new(std::cell::Cell::new(None));
    let cell = ctx_cell.clone();
    let handle = leptos::mount::mount_to(holder.clone().unchecked_into(), move || {
        let ctx = AppContext::provide(&Settings::default());
        cell.set(Some(ctx));
        view! { <tiendo_app::components::sync_indicator::SyncIndicator/> }
    });
    let ctx = ctx_cell.get().expect("context");
    let mut status = SyncStatus { link: Link::Online, ..Default::default() };
    status.docs.insert("reports.p.so-y-te".into(), DocStatus::default());
    ctx.sync.set(Some(status.clone()));
    assert_eq!(wait_count("#sync-state[data-state='online']", 1).await, 1);
    assert_eq!(count("#sync-refused"), 0);
    status.docs.insert(
        "plan.p".into(),
        DocStatus { refused: Some("change to plan.p is by a device of so-y-te".into()), ..Default::default() },
    );
    ctx.sync.set(Some(status));
    assert_eq!(wait_count("#sync-refused", 1).await, 1);
    assert!(holder.text_content().unwrap_or_default().contains("từ chối"));
    drop(handle);
}

#[wasm_bindgen_test]
fn sync_problems_are_shown_in_the_users_language_never_as_the_lower_layers_text() {
    use tiendo_app::i18n::Lang;
    use tiendo_app::sync::problem::{problem_words, refusal_words};
    use tiendo_core::sync::{ClientError, RefusalCode, ServerErrorCode, SyncProblem};
    let ended = "agency ended: retired or merged by the provincial office";
    let mut problems = vec![
        SyncProblem::Closed("going away".into()),
        SyncProblem::Server { message: ended.into(), code: Some(ServerErrorCode::AgencyEnded) },
        SyncProblem::Server { message: "bad message: truncated".into(), code: None },
        SyncProblem::Message(ClientError::Apply { doc: "workspace".into(), reason: "bad checksum".into() }),
        SyncProblem::Message(ClientError::BreaksSchema { doc: "workspace".into(), reason: "kind".into() }),
        SyncProblem::Storage("QuotaExceededError".into()),
    ];
    problems.extend(
        ServerErrorCode::ALL.iter().map(|c| SyncProblem::Server { message: "server words".into(), code: Some(*c) }),
    );
    for p in &problems {
        let vi = problem_words(Lang::Vi, p);
        assert!(!vi.contains(&p.to_string()), "{vi}");
        assert!(!vi.starts_with("sync."), "a missing translation: {vi}");
        assert!(vi.chars().any(|c| "ạảãáàâấầăắằđếềệộờợưứừ".contains(c)), "not Vietnamese: {vi}");
        let en = problem_words(Lang::En, p);
        assert!(!en.starts_with("sync.") && en != vi, "{en}");
    }
    // The office's retiring of the agency is told by its code, not by matching the server's words.
    let told = problem_words(Lang::Vi, &problems[1]);
    assert!(told.contains("ngừng hoạt động"), "{told}");
    assert!(!problem_words(Lang::Vi, &SyncProblem::Closed(ended.into())).contains("ngừng hoạt động"));
    for code in RefusalCode::ALL {
        let vi = refusal_words(Lang::Vi, Some(*code), "change 7a9b to reports.x is by a device of so-y-te");
        assert!(!vi.starts_with("sync.") && !vi.contains("change 7a9b"), "{vi}");
        assert_ne!(vi, refusal_words(Lang::En, Some(*code), ""));
    }
}

#[wasm_bindgen_test]
fn a_change_that_kept_the_value_shown_is_told_as_settling_not_as_x_to_x() {
    use tiendo_app::components::history_words::{change_kind, ChangeKind};
    use tiendo_core::history::FieldValue;
    let status = |s: &str| FieldValue::Text(s.into());
    assert_eq!(change_kind(&status("InProgress"), &status("InProgress"), true), ChangeKind::Settled);
    assert_eq!(change_kind(&status("InProgress"), &status("DoneLate"), true), ChangeKind::Scalar);
    let text = |s: &str| FieldValue::Text(s.into());
    assert_eq!(change_kind(&text("Đã khám 500 người."), &text("Đã khám 500 người."), false), ChangeKind::Settled);
    assert_eq!(
        change_kind(&text("Đã khám 500 người."), &text("Đã khám 800 người."), false),
        ChangeKind::Replaced("500".into(), "800".into())
    );
    assert_eq!(change_kind(&FieldValue::Empty, &text("Mới"), false), ChangeKind::Added("Mới".into()));
}
