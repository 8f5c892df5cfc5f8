//! `tiendo report history | conflicts | show --as-of` on the data of the real `tiendo serve`,
//! after two laptops of one agency changed one task at the same moment over real WebSockets.

mod support;

use automerge::AutoCommit;
use serde_json::Value;
use std::time::Duration;
use support::binary::Running;
use support::cli::ok;
use tiendo_core::changes::commit_at;
use tiendo_core::ids::{PeriodId, TaskId};
use tiendo_core::model::TaskStatus;
use tiendo_core::schema::{edit, ReportsDoc};
use tiendo_core::Day;

const YTE: &str = "so-y-te";

/// The first period with tasks, and its first task.
fn first_task(doc: &AutoCommit) -> (PeriodId, TaskId) {
    let value: ReportsDoc = tiendo_core::schema::read(doc).expect("read");
    let p = value.reports.periods.iter().find(|p| !p.tasks.is_empty()).expect("a period with tasks");
    (p.period.clone(), p.tasks[0].task.clone())
}

fn set_status(doc: &mut AutoCommit, status: TaskStatus, at_ms: i64) {
    let (period, task) = first_task(doc);
    edit::edit_task(doc, &period, &task, |t| t.status = Some(status)).expect("edit");
    commit_at(doc, at_ms).expect("a change");
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).expect("json")
}

#[tokio::test]
async fn two_laptops_that_set_different_statuses_offline_show_one_conflict_until_one_is_chosen() {
    let (dir, codes) = support::prepare(&[YTE]);
    let server = Running::spawn(dir.path());
    let (http, ws) = (format!("http://{}", server.addr), format!("ws://{}/sync", server.addr));
    let id = support::reports(YTE);
    let (office, home) = (support::join(&http, &codes[0].1).await, support::join(&http, &codes[0].1).await);
    let mut a = support::connect(&ws, &office, &[&id]).await;
    let mut b = support::connect(&ws, &home, &[&id]).await;
    let (period, task) = first_task(&a.docs[&id]);
    let day = Day::from_ymd(2026, 3, 9).expect("day");
    // Both offline: nothing is sent until both have written.
    set_status(a.docs.get_mut(&id).expect("doc"), TaskStatus::DoneOnTime, day.at_vietnam(14, 5));
    set_status(b.docs.get_mut(&id).expect("doc"), TaskStatus::InProgress, day.at_vietnam(14, 6));
    a.sync_confirmed(&id, Duration::from_secs(5)).await.expect("a");
    b.sync_confirmed(&id, Duration::from_secs(5)).await.expect("b");

    let data = dir.path().join("data");
    let data = data.to_str().expect("utf8");
    let found = json(&["report", "conflicts", "--data", data, "--json"]);
    let found = found.as_array().expect("array");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["doc"], id.as_str());
    assert_eq!(found[0]["field"]["task"], task.as_str());
    assert_eq!(found[0]["field"]["part"], "status");
    let mut devices: Vec<String> = found[0]["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| v["device"].as_str().expect("device").into())
        .collect();
    devices.sort();
    let mut expected = vec![office.device.clone(), home.device.clone()];
    expected.sort();
    assert_eq!(devices, expected);

    let args = ["report", "history", "--agency", YTE, "--period", period.as_str(), "--task", task.as_str()];
    let history = json(&[&args[..], &["--data", data, "--json"]].concat());
    let history = history.as_array().expect("array");
    assert_eq!(history.len(), 2, "{history:?}");
    for e in history {
        assert_eq!(e["agency"], YTE);
        assert_eq!(e["via"]["kind"], "sync", "the server recorded how it arrived: {e}");
        assert_eq!(e["via"]["device"], e["device"], "each came from the device that wrote it");
        assert!(e["via"]["at"].as_str().is_some_and(|t| t.ends_with("+07:00")), "{e}");
    }
    assert_eq!(history[0]["time"], "2026-03-09T14:06:00+07:00", "newest first");
    assert_eq!(history[0]["after"], "in_progress");

    // The office laptop takes both, and chooses one: the conflict clears everywhere.
    a.sync(support::QUIET).await.expect("a takes b's change");
    set_status(a.docs.get_mut(&id).expect("doc"), TaskStatus::DoneOnTime, day.at_vietnam(15, 0));
    a.sync_confirmed(&id, Duration::from_secs(5)).await.expect("a");
    assert_eq!(json(&["report", "conflicts", "--agency", YTE, "--data", data, "--json"]), Value::Array(vec![]));
    b.sync(support::QUIET).await.expect("b takes the choice");
    let b_doc = b.docs.get_mut(&id).expect("doc");
    assert!(tiendo_core::history::scalar_conflicts(b_doc).is_empty(), "the other laptop's mark clears too");
    let history = json(&[&args[..], &["--data", data, "--json"]].concat());
    assert_eq!(history.as_array().map(Vec::len), Some(3));

    // As of the 8th nothing was reported; as of the 9th the choice stands.
    let show =
        |d: &str| json(&["report", "show", "--agency", YTE, "--period", period.as_str(), "--as-of", d, "--data", data]);
    let before = show("08/03/2026");
    assert_eq!(before["basis"], "device_time");
    let status_then = |v: &Value| {
        v["report"]["tasks"].as_array().expect("tasks").iter().find(|t| t["task"] == task.as_str()).expect("task")
            ["status"]
            .clone()
    };
    assert_eq!(status_then(&before), Value::Null);
    assert_eq!(status_then(&show("2026-03-09")), "done_on_time");
    // By the server's clock the changes arrived today, not on 9 March 2026.
    let by_arrival = json(&[
        "report",
        "show",
        "--agency",
        YTE,
        "--period",
        period.as_str(),
        "--as-of",
        "2026-03-09",
        "--basis",
        "arrival",
        "--data",
        data,
    ]);
    assert_eq!(by_arrival["basis"], "arrival");
    assert_eq!(by_arrival["judged_by_device_time"], 0);
    assert!(Day::today_in_vietnam() > day);
    assert_eq!(status_then(&by_arrival), Value::Null, "nothing had reached the server by then");
    let arrived_today = Day::today_in_vietnam().to_string();
    let by_arrival_today = json(&[
        "report",
        "show",
        "--agency",
        YTE,
        "--period",
        period.as_str(),
        "--as-of",
        &arrived_today,
        "--basis",
        "arrival",
        "--data",
        data,
    ]);
    assert_eq!(status_then(&by_arrival_today), "done_on_time");
    drop(server);
}

#[test]
fn the_history_commands_refuse_an_unknown_agency_period_or_task_with_exit_1() {
    let (dir, _) = support::prepare(&[YTE]);
    let data = dir.path().join("data");
    let data = data.to_str().expect("utf8");
    for args in [
        vec!["report", "history", "--agency", "so-khong-co", "--period", "2020-Q1"],
        vec!["report", "history", "--agency", YTE, "--period", "2099-Q9"],
        vec!["report", "history", "--agency", YTE, "--period", "2020-Q1", "--task", "99.9"],
        vec!["report", "show", "--agency", YTE, "--period", "2020-Q1", "--as-of", "31/02/2026"],
        vec!["report", "conflicts", "--agency", "so-khong-co"],
    ] {
        let out = support::cli::tiendo(&[&args[..], &["--data", data]].concat());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(!support::cli::stderr(&out).is_empty() && out.stdout.is_empty(), "{args:?}");
    }
    // A report nobody wrote has an empty history, not an error.
    let empty = ok(&["report", "history", "--agency", YTE, "--period", "2020-Q1", "--json", "--data", data]);
    assert_eq!(serde_json::from_str::<Value>(&empty).expect("json"), Value::Array(vec![]));
}
