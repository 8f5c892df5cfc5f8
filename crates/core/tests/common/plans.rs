//! Plans checked task by task against `plans/expected.json`, written by reading the texts.

use serde_json::Value;
use std::collections::BTreeSet;
use tiendo_core::builtin::tra_vinh_registry;
use tiendo_core::model::{AgencyGroup, Plan, Task};
use tiendo_core::parse::{parse_plan, ParsedPlan};

pub fn expected() -> Value {
    serde_json::from_str(include_str!("../plans/expected.json")).expect("expected.json")
}

pub fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/plans/{name}", env!("CARGO_MANIFEST_DIR"))).expect(name)
}

pub fn parse(text: &str) -> ParsedPlan {
    parse_plan(text, &tra_vinh_registry().expect("registry")).expect("a plan")
}

fn group_name(g: &AgencyGroup) -> String {
    g.id().to_string()
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// Checks one task against what the text says; returns the differences.
fn differences(task: &Task, want: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let ids = |v: &[tiendo_core::ids::AgencyId]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    let groups = |v: &[AgencyGroup]| v.iter().map(group_name).collect::<Vec<_>>();
    for (key, got) in [
        ("lead", ids(&task.lead)),
        ("coordinating", ids(&task.coordinating)),
        ("groups", groups(&task.groups)),
        ("coordinating_groups", groups(&task.coordinating_groups)),
    ] {
        if got != strings(want, key) {
            out.push(format!("{}: {key} {got:?}, the text says {:?}", task.id, strings(want, key)));
        }
    }
    if let Some(items) = want.get("items").and_then(Value::as_u64) {
        if task.items.len() as u64 != items {
            out.push(format!("{}: {} items, the text has {items}", task.id, task.items.len()));
        }
    }
    let due = task.deadline.as_ref().and_then(|d| d.due).map(|d| d.to_vietnamese());
    if let Some(d) = want.get("deadline").and_then(Value::as_str) {
        if due.as_deref() != Some(d) {
            out.push(format!("{}: due {due:?}, the text says {d}", task.id));
        }
    }
    if let Some(w) = want.get("deadline_written").and_then(Value::as_str) {
        if task.deadline.as_ref().map(|d| d.written.as_str()) != Some(w) {
            out.push(format!("{}: deadline {:?}, the text says {w}", task.id, task.deadline));
        }
    }
    if let Some(p) = want.get("product").and_then(Value::as_str) {
        if task.product.as_deref() != Some(p) {
            out.push(format!("{}: product {:?}, the text says {p}", task.id, task.product));
        }
    }
    out
}

/// Reads `name` and checks every task the text has, and that it has no others.
pub fn check(name: &str, plan: &Plan) {
    let all = expected();
    let want = &all[name]["tasks"];
    let want_ids: BTreeSet<String> = want.as_object().expect("tasks").keys().cloned().collect();
    let got_ids: BTreeSet<String> = plan.tasks().map(|t| t.id.to_string()).collect();
    assert_eq!(got_ids, want_ids, "{name}: the tasks");
    let wrong: Vec<String> = plan.tasks().flat_map(|t| differences(t, &want[t.id.as_str()])).collect();
    assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
}
