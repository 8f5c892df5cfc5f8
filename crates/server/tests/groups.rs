//! `tiendo agency group list|add|put|take`, run as the office runs them: a group it names takes
//! the tasks a plan added afterwards gives it; a standing group leaves out whom the office took
//! out; a refused change says why on stderr, exits 1 and writes nothing.

mod support;

use support::cli::{ok, stderr, tiendo};

fn groups(data: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(&["agency", "group", "list", "--data", data, "--json"])).expect("json")
}

fn group(data: &str, id: &str) -> serde_json::Value {
    groups(data).into_iter().find(|g| g["id"] == id).unwrap_or_else(|| panic!("no group {id}"))
}

#[test]
fn the_office_names_a_group_puts_agencies_in_and_a_plan_that_names_it_gives_them_the_task() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let data = data.to_str().expect("utf8");
    ok(&["init", "--data", data]);
    let standing: Vec<String> = groups(data).iter().map(|g| g["id"].as_str().unwrap_or("").to_owned()).collect();
    assert_eq!(standing, ["all_departments", "all_communes", "all_districts"]);
    let said =
        ok(&["agency", "group", "add", "--name", "Các huyện ven biển", "--alias", "huyện ven biển", "--data", data]);
    assert_eq!(said.trim(), "Đã cập nhật nhóm Các huyện ven biển (cac-huyen-ven-bien): 0 cơ quan.");
    for a in ["h-duyen-hai", "h-cau-ngang", "h-tra-cu"] {
        ok(&["agency", "group", "put", "cac-huyen-ven-bien", a, "--data", data]);
    }
    let said = ok(&["agency", "group", "take", "cac-huyen-ven-bien", "h-tra-cu", "--data", data]);
    assert!(said.contains(": 2 cơ quan."), "{said}");
    let coast = group(data, "cac-huyen-ven-bien");
    assert_eq!(coast["members"], serde_json::json!(["h-cau-ngang", "h-duyen-hai"]));
    assert_eq!(coast["standing"], false);
    // A standing group: every district but the one taken out.
    ok(&["agency", "group", "take", "all_districts", "h-cang-long", "--data", data]);
    let districts = group(data, "all_districts");
    assert_eq!(districts["left_out"], serde_json::json!(["h-cang-long"]));
    assert_eq!(districts["members"].as_array().map(Vec::len), Some(8));

    // A plan added afterwards that names the group gives its members the task.
    let text = dir.path().join("coast.txt");
    std::fs::write(
        &text,
        "ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH\nSố: 12/QĐ-UBND\nTrà Vinh, ngày 15 tháng 01 năm 2021\n\
         KẾ HOẠCH HÀNH ĐỘNG NĂM 2021\n1. Phòng chống thiên tai\n\
         1.1. UBND các huyện ven biển: gia cố đê biển, di dời dân khỏi vùng sạt lở.\n\
         1.2. UBND các huyện, thị xã, thành phố: kiểm tra công trình thủy lợi.\n\
         2. Tổ chức thực hiện\nHằng quý báo cáo trước ngày 15 của tháng cuối quý.\n",
    )
    .expect("write");
    ok(&["plan", "add", text.to_str().expect("utf8"), "--data", data]);
    let plan: tiendo_core::model::Plan =
        serde_json::from_str(&ok(&["plan", "show", "--data", data, "--json"])).expect("plan");
    let registry = serde_json::from_str::<Vec<serde_json::Value>>(&ok(&["agency", "list", "--data", data, "--json"]))
        .expect("json");
    assert_eq!(registry.len(), 36, "the group's name is not taken for a new agency");
    let task = plan.task(&"1.1".parse().expect("id")).expect("1.1");
    assert_eq!(
        serde_json::to_value(&task.groups).expect("json"),
        serde_json::json!([{ "named": "cac-huyen-ven-bien" }])
    );
}

#[test]
fn a_refused_group_change_says_why_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let data = data.to_str().expect("utf8");
    ok(&["init", "--data", data]);
    ok(&["agency", "group", "add", "--name", "Các huyện ven biển", "--data", data]);
    let before = ok(&["agency", "group", "list", "--data", data, "--json"]);
    for (args, says) in [
        (vec!["agency", "group", "add", "--name", "Sở Y tế"], "\"Sở Y tế\" already names agency so-y-te"),
        (vec!["agency", "group", "add", "--name", "các huyện  VEN BIỂN"], "already names group cac-huyen-ven-bien"),
        (vec!["agency", "group", "put", "khong-co", "so-y-te"], "no group khong-co"),
        (vec!["agency", "group", "put", "cac-huyen-ven-bien", "khong-co"], "no agency khong-co"),
        (vec!["agency", "group", "put", "cac huyen", "so-y-te"], "group id"),
    ] {
        let mut args = args.clone();
        args.extend(["--data", data]);
        let out = tiendo(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert_eq!(ok(&["agency", "group", "list", "--data", data, "--json"]), before, "{args:?} changed nothing");
    }
}
