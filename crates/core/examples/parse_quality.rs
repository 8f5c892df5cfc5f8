//! The plan reader's quality over every test plan of `tests/plans/expected.json` (written by
//! reading the texts): tasks found / expected, agency F1 (each task's lead and coordinating
//! agencies and groups, with their role), targets found / expected.
//!   cargo run --release -p tiendo-core --example parse_quality
#![allow(clippy::expect_used)]

use serde_json::Value;
use std::collections::BTreeSet;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/plans");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/expected.json")).expect("expected"))
            .expect("json");
    let registry = tiendo_core::builtin::tra_vinh_registry().expect("registry");
    let (mut tasks_found, mut tasks_want) = (0usize, 0usize);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let (mut targets_found, mut targets_want) = (0usize, 0usize);
    println!("{:<32} {:>12} {:>10} {:>10}", "plan", "tasks", "agency F1", "targets");
    for (name, want) in expected.as_object().expect("plans") {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).expect("plan");
        let plan = tiendo_core::parse::parse_plan(&text, &registry).map(|p| p.plan).ok();
        let want_tasks = want["tasks"].as_object().expect("tasks");
        let roles = |v: &Value, id: &str| -> BTreeSet<(String, String, String)> {
            ["lead", "coordinating", "groups", "coordinating_groups"]
                .iter()
                .flat_map(|k| {
                    v.get(*k)
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(|s| s.as_str())
                        .map(move |s| (id.to_owned(), (*k).to_owned(), s.to_owned()))
                })
                .collect()
        };
        let mut want_roles = BTreeSet::new();
        for (id, t) in want_tasks {
            want_roles.extend(roles(t, id));
        }
        let mut got_roles = BTreeSet::new();
        let mut found = 0;
        let mut targets = 0;
        if let Some(plan) = &plan {
            for t in plan.tasks() {
                if want_tasks.contains_key(t.id.as_str()) {
                    found += 1;
                }
                let group = |g: &tiendo_core::model::AgencyGroup| {
                    serde_json::to_value(g).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
                };
                let id = t.id.to_string();
                got_roles.extend(t.lead.iter().map(|a| (id.clone(), "lead".to_owned(), a.to_string())));
                got_roles.extend(t.coordinating.iter().map(|a| (id.clone(), "coordinating".to_owned(), a.to_string())));
                got_roles.extend(t.groups.iter().map(|g| (id.clone(), "groups".to_owned(), group(g))));
                got_roles.extend(
                    t.coordinating_groups.iter().map(|g| (id.clone(), "coordinating_groups".to_owned(), group(g))),
                );
            }
            targets = plan.targets.len();
        }
        let want_targets = want["targets"].as_u64().unwrap_or(0) as usize;
        let (t_p, f_p, f_n) = (
            got_roles.intersection(&want_roles).count(),
            got_roles.difference(&want_roles).count(),
            want_roles.difference(&got_roles).count(),
        );
        tp += t_p;
        fp += f_p;
        fn_ += f_n;
        tasks_found += found;
        tasks_want += want_tasks.len();
        targets_found += targets.min(want_targets);
        targets_want += want_targets;
        let f1 = f1(t_p, f_p, f_n);
        println!("{name:<32} {:>5} / {:<4} {f1:>10.3} {:>4} / {:<4}", found, want_tasks.len(), targets, want_targets);
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    println!(
        "all plans: tasks {:.3} ({tasks_found}/{tasks_want}), agency F1 {:.3}, targets {:.3} ({targets_found}/{targets_want}) (goal >= 0.97 each)",
        ratio(tasks_found, tasks_want),
        f1(tp, fp, fn_),
        ratio(targets_found, targets_want)
    );
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    if tp == 0 {
        return if fp == 0 && fn_ == 0 { 1.0 } else { 0.0 };
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    2.0 * p * r / (p + r)
}
