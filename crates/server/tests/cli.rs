//! The `tiendo` binary as scripts and the provincial office use it.

mod support;

use support::cli::{stderr, stdout, tiendo};

#[test]
fn init_creates_the_built_in_workspace_once_and_plan_show_prints_it_as_json() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let data = data.to_str().expect("utf8");
    let first = tiendo(&["init", "--data", data]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("Created workspace"));
    let again = tiendo(&["init", "--data", data]);
    assert!(again.status.success());
    assert!(stdout(&again).contains("nothing changed"));
    let show = tiendo(&["plan", "show", "--data", data, "--json"]);
    assert!(show.status.success(), "{}", stderr(&show));
    let plan: tiendo_core::model::Plan = serde_json::from_slice(&show.stdout).expect("plan JSON");
    assert_eq!(plan.sections.len(), 10);
    assert_eq!(plan.tasks().count(), 37);
    assert_eq!(plan.decision.number, "01/QĐ-UBND");
}

#[test]
fn agency_list_prints_id_name_kind_aliases_and_state_of_every_agency() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf8");
    assert!(tiendo(&["init", "--data", data]).status.success());
    let out = tiendo(&["agency", "list", "--data", data, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rows.len(), 36);
    let districts = rows.iter().filter(|r| r["kind"] == "district").count();
    assert_eq!(districts, 9);
    assert!(rows.iter().all(|r| r["state"] == "active" && r["aliases"].is_array() && r["short_name"].is_string()));
    assert!(rows.iter().any(|r| r["id"] == "vp-ubnd" && r["kind"] == "provincial_office"));
}

#[test]
fn commands_on_a_directory_without_a_workspace_fail_with_a_clear_message_and_no_panic() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf8");
    for args in [["plan", "show", "--data", data], ["agency", "list", "--data", data]] {
        let out = tiendo(&args);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("holds no workspace; run `tiendo init"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
    }
}

#[test]
fn a_corrupt_stored_document_is_reported_not_panicked_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf8");
    assert!(tiendo(&["init", "--data", data]).status.success());
    // Damage every chunk of the workspace document.
    let mut damaged = 0;
    for kind in std::fs::read_dir(dir.path().join("docs/workspace")).expect("chunks") {
        for chunk in std::fs::read_dir(kind.expect("kind").path()).expect("kind dir") {
            std::fs::write(chunk.expect("chunk").path(), b"\x85\x6f\x4a\x83garbage").expect("write");
            damaged += 1;
        }
    }
    assert!(damaged > 0);
    let out = tiendo(&["agency", "list", "--data", data]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("docs/workspace"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn plan_import_prints_the_parsed_plan_and_refuses_files_it_cannot_read_with_what_to_do() {
    let dir = tempfile::tempdir().expect("tmp");
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/data/tra_vinh_2020.txt");
    let data = dir.path().to_str().expect("utf8");
    let ok = tiendo(&["plan", "import-text", seed, "--data", data, "--json"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let plan: tiendo_core::model::Plan = serde_json::from_slice(&ok.stdout).expect("plan JSON");
    assert_eq!(plan.tasks().count(), 37);
    assert!(stderr(&ok).contains("warning: line"), "warnings go to stderr");

    let prose = dir.path().join("prose.txt");
    std::fs::write(&prose, "Đây là một đoạn văn không có kế hoạch nào.\n1 2 3").expect("write");
    let bad = tiendo(&["plan", "import-text", prose.to_str().expect("utf8"), "--json"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("holds no plan"), "{}", stderr(&bad));
    assert!(bad.stdout.is_empty());

    let binary = dir.path().join("plan.doc");
    std::fs::write(&binary, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0xff]).expect("write");
    let not_text = tiendo(&["plan", "import-text", binary.to_str().expect("utf8")]);
    assert_eq!(not_text.status.code(), Some(1));
    assert!(stderr(&not_text).contains("save it as .docx"), "{}", stderr(&not_text));

    let legacy = dir.path().join("plan-vni.txt");
    std::fs::write(&legacy, b"K\xea\xd2 ho\xb9ch 2026").expect("write");
    let code_page = tiendo(&["plan", "import", legacy.to_str().expect("utf8")]);
    assert_eq!(code_page.status.code(), Some(1));
    assert!(stderr(&code_page).contains("not Unicode"), "{}", stderr(&code_page));
    assert!(!stderr(&code_page).contains("panicked"));
}

#[test]
fn agency_code_prints_a_code_once_stores_only_its_hash_and_revokes_the_previous_one() {
    use tiendo_server::accounts::Accounts;
    use tiendo_server::store::DataDir;
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf8");
    assert!(tiendo(&["init", "--data", data]).status.success());
    let code_of = |o: &std::process::Output| -> String {
        assert!(o.status.success(), "{}", stderr(o));
        let text = stdout(o);
        text.lines().next().and_then(|l| l.rsplit(' ').next()).expect("a code").to_owned()
    };
    let first = code_of(&tiendo(&["agency", "code", "so-y-te", "--data", data]));
    assert!(stdout(&tiendo(&["agency", "list", "--data", data])).contains("so-y-te"));
    assert_eq!(first.len(), 19, "{first}");
    let stored = std::fs::read_to_string(dir.path().join("accounts.json")).expect("accounts");
    assert!(!stored.contains(&first) && !stored.contains(&first.replace('-', "")), "the code is stored in clear");
    let accounts = Accounts::load(&DataDir::new(dir.path())).expect("load");
    assert_eq!(accounts.verify(&first, tiendo_server::accounts::now_ms()).map(|a| a.as_str()), Some("so-y-te"));

    let second = code_of(&tiendo(&["agency", "code", "so-y-te", "--data", data]));
    let accounts = Accounts::load(&DataDir::new(dir.path())).expect("load");
    assert_eq!(accounts.verify(&first, tiendo_server::accounts::now_ms()), None, "the old code still works");
    assert_eq!(accounts.verify(&second, tiendo_server::accounts::now_ms()).map(|a| a.as_str()), Some("so-y-te"));

    let unknown = tiendo(&["agency", "code", "so-khong-co", "--data", data]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("no agency so-khong-co"), "{}", stderr(&unknown));
}

#[test]
fn the_data_directory_is_given_before_or_after_the_command_or_in_tiendo_data_and_store_is_refused_where_it_does_not_apply(
) {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().to_str().expect("utf8");
    support::cli::ok(&["--data", data, "init"]);
    let after = support::cli::ok(&["agency", "list", "--json", "--data", data]);
    let before = support::cli::ok(&["--data", data, "agency", "list", "--json"]);
    assert_eq!(after, before);
    let by_env = std::process::Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(["agency", "list", "--json"])
        .env("TIENDO_DATA", data)
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&by_env.stdout), after);
    let refused = support::cli::tiendo(&["report", "conflicts", "--store", "host=/nowhere dbname=x"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(support::cli::stderr(&refused).contains("works on a data directory"), "{}", support::cli::stderr(&refused));
}
