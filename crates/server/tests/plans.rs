//! Several plans in one workspace, as the office starts and grows it from the CLI: a workspace
//! from a 2026 decision, the next plan added beside it, each listed, shown and reported on.

mod support;

use support::cli::{ok, tiendo};

use std::path::Path;

fn plan_file(dir: &Path, name: &str) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/plans").join(name);
    let to = dir.join(name);
    std::fs::copy(&src, &to).expect("copy plan");
    to.to_str().expect("utf8").to_owned()
}

#[test]
fn a_workspace_started_from_a_2026_decision_holds_its_plan_and_the_agencies_it_names() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let data = data.to_str().expect("utf8");
    let said = ok(&["init", "--data", data, "--plan-text", &plan_file(dir.path(), "communes_2026.txt")]);
    assert!(said.contains("Đã thêm kế hoạch"), "{said}");
    let agencies: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&["agency", "list", "--data", data, "--json"])).expect("json");
    let named = |n: &str| agencies.iter().find(|a| a["name"] == n).cloned();
    assert_eq!(named("Văn phòng UBND tỉnh").map(|a| a["kind"].clone()), Some("provincial_office".into()));
    assert_eq!(named("Thuế tỉnh").map(|a| a["kind"].clone()), Some("department".into()));
    assert_eq!(named("UBND xã Tân Hồng").map(|a| a["kind"].clone()), Some("commune".into()));
    assert_eq!(named("UBND phường Cao Lãnh").map(|a| a["kind"].clone()), Some("commune".into()));
    // Short names as offices abbreviate them, for tables and file names.
    assert_eq!(named("Sở Nông nghiệp và Môi trường").map(|a| a["short_name"].clone()), Some("SNNMT".into()));
    assert_eq!(named("UBND xã Tân Hồng").map(|a| a["short_name"].clone()), Some("xã Tân Hồng".into()));
    let plans: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&["plan", "list", "--data", data, "--json"])).expect("json");
    assert_eq!(plans.len(), 1);
    assert_eq!((plans[0]["decision"].as_str(), plans[0]["year"].as_i64()), (Some("30/QĐ-UBND"), Some(2026)));
    // Every task's agencies are in the registry: none is left pointing at an unknown id.
    let plan: tiendo_core::model::Plan =
        serde_json::from_str(&ok(&["plan", "show", "--data", data, "--json"])).expect("plan");
    let ids: Vec<&str> = agencies.iter().filter_map(|a| a["id"].as_str()).collect();
    for t in plan.tasks() {
        for a in t.lead.iter().chain(&t.coordinating) {
            assert!(ids.contains(&a.as_str()), "task {} names {a}, not in the registry", t.id);
        }
    }
    let again = tiendo(&["init", "--data", data, "--plan-text", &plan_file(dir.path(), "communes_2026.txt")]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a workspace"));
}

#[test]
fn a_second_plan_is_added_beside_the_first_and_each_is_listed_shown_and_reported_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let data = data.to_str().expect("utf8");
    ok(&["init", "--data", data]);
    let file = plan_file(dir.path(), "communes_2026.txt");
    let said = ok(&["plan", "add", &file, "--data", data]);
    assert!(said.contains("thêm đơn vị: Thuế tỉnh"), "{said}");
    let plans: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&["plan", "list", "--data", data, "--json"])).expect("json");
    let ids: Vec<&str> = plans.iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert_eq!(ids[0], "01-qd-ubnd-2020");
    let old: tiendo_core::model::Plan =
        serde_json::from_str(&ok(&["plan", "show", "--plan", ids[0], "--data", data, "--json"])).expect("plan");
    assert_eq!(old.tasks().count(), 37);
    let new: tiendo_core::model::Plan =
        serde_json::from_str(&ok(&["plan", "show", "--data", data, "--json"])).expect("plan");
    assert_eq!(new.id.as_str(), ids[1], "plan show without --plan shows the newest");
    // A period of each plan exports from its own plan.
    for period in [old.schedule[0].id.as_str(), new.schedule[0].id.as_str()] {
        let out = dir.path().join(format!("{period}.docx"));
        ok(&[
            "report",
            "export",
            "--period",
            period,
            "--format",
            "docx",
            "--out",
            out.to_str().expect("utf8"),
            "--data",
            data,
        ]);
        assert!(std::fs::metadata(&out).expect("written").len() > 1000);
    }
    // Adding the same decision again is refused and changes nothing.
    let before = ok(&["plan", "list", "--data", data, "--json"]);
    let again = tiendo(&["plan", "add", &file, "--data", data]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds plan"));
    assert_eq!(ok(&["plan", "list", "--data", data, "--json"]), before);
    let unknown = tiendo(&["plan", "show", "--plan", "khong-co", "--data", data]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no plan khong-co"));
}

#[test]
fn next_years_plan_is_copied_from_last_years_with_unfinished_tasks_carried_over() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let data = data.to_str().expect("utf8");
    ok(&["init", "--data", data, "--plan-text", &plan_file(dir.path(), "table_tabs_2026.txt")]);
    let last: tiendo_core::model::Plan =
        serde_json::from_str(&ok(&["plan", "show", "--data", data, "--json"])).expect("plan");
    let copy = ["plan", "copy", "--number", "05/QĐ-UBND", "--date", "12/01/2027", "--data", data];
    let said = ok(&copy);
    assert!(said.contains("Đã thêm kế hoạch 05-qd-ubnd-2027 từ kế hoạch 60-qd-ubnd-2026"), "{said}");
    let new: tiendo_core::model::Plan =
        serde_json::from_str(&ok(&["plan", "show", "--data", data, "--json"])).expect("plan");
    assert_eq!(new.id.as_str(), "05-qd-ubnd-2027");
    assert_eq!(new.decision.date.to_vietnamese(), "12/01/2027");
    // Nobody reported: every task with a deadline is unfinished and carried over, with a due
    // day a year later; a standing task comes again as this year's own.
    let quarter = last.tasks().find(|t| t.deadline.as_ref().is_some_and(|d| d.written == "Quý II/2026")).expect("task");
    let carried = new.task(&quarter.id).expect("carried over");
    assert_eq!(carried.carried_over.as_ref().map(|c| (c.plan.as_str(), c.year)), Some(("60-qd-ubnd-2026", 2026)));
    assert_eq!(carried.deadline.as_ref().map(|d| d.written.as_str()), Some("Quý II/2027"));
    let standing = last.tasks().find(|t| t.deadline.as_ref().is_some_and(|d| d.due.is_none())).expect("task");
    assert!(new.task(&standing.id).is_some_and(|t| t.carried_over.is_none()));
    assert!(new.schedule.iter().all(|p| p.due.year() == 2027), "{:?}", new.schedule);
    // Both plans are listed; copying again, or from a decision of the same year, is refused
    // and changes nothing.
    let listed = || ok(&["plan", "list", "--data", data, "--json"]);
    let before = listed();
    assert_eq!(serde_json::from_str::<Vec<serde_json::Value>>(&before).expect("json").len(), 2);
    for (args, says) in [
        (copy.to_vec(), "the new decision of 12/01/2027 is not of a year after the plan of 2027"),
        (
            vec![
                "plan",
                "copy",
                "--from",
                "60-qd-ubnd-2026",
                "--number",
                "05/QĐ-UBND",
                "--date",
                "12/01/2027",
                "--data",
                data,
            ],
            "already holds plan 05-qd-ubnd-2027",
        ),
        (
            vec![
                "plan",
                "copy",
                "--from",
                "60-qd-ubnd-2026",
                "--number",
                "7/QĐ-UBND",
                "--date",
                "30/12/2026",
                "--data",
                data,
            ],
            "not of a year after",
        ),
        (vec!["plan", "copy", "--number", "7/QĐ-UBND", "--date", "31/02/2027", "--data", data], "31/02/2027"),
    ] {
        let refused = tiendo(&args);
        assert_eq!(refused.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&refused.stderr);
        assert!(err.contains(says), "{err}");
        assert_eq!(listed(), before, "nothing was changed by {args:?}");
    }
}
