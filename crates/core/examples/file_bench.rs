//! The sync-file bench: a province-year (every agency's reports, every period and task filled
//! by the agency's own device) exported by the provincial office, then verified, previewed and
//! applied on another office laptop that holds none of it. Prints size and times. `AGENCIES=150`
//! runs the 2026 province instead of Trà Vinh's 36 agencies.
//!   AGENCIES=150 cargo run --release -p tiendo-core --example file_bench
#![allow(clippy::expect_used)]

use automerge::{ActorId, AutoCommit};
use std::collections::BTreeMap;
use std::time::Instant;
use tiendo_core::file::{self, DeviceKey, Local, Maker, DEFAULT_MAX_BYTES};
use tiendo_core::model::{Device, TaskStatus};
use tiendo_core::schema::genesis::{self, empty_reports, plan_doc, plan_doc_id, reports_doc_id, workspace_doc};
use tiendo_core::schema::WorkspaceDoc;
use tiendo_core::schema::{edit, ReportsDoc};
use tiendo_core::sync::{attest, Attestations, Rights};

/// Agency number `n`'s laptop key.
fn agency_key(n: usize) -> DeviceKey {
    DeviceKey::from_secret([n as u8 + 1; 32])
}

/// Each agency's laptop attests its own report document, as its file to the office does; prints
/// what that costs (signing, the attestations' bytes, verifying them).
fn attestations(
    ws: &WorkspaceDoc,
    held: &mut BTreeMap<String, AutoCommit>,
    plan: &tiendo_core::ids::PlanId,
) -> Attestations {
    let (registry, rights) = (ws.agencies.clone(), Rights::from_workspace(ws));
    let t = Instant::now();
    let mut made = Vec::new();
    for (n, agency) in registry.agencies.iter().enumerate() {
        let id = reports_doc_id(plan, &agency.id);
        let device = tiendo_core::hex::encode(&[n as u8; 16]).parse().expect("id");
        if let Some(doc) = held.get_mut(&id) {
            made.extend(attest(doc, &id, &device, &agency_key(n), Some(&device)));
        }
    }
    let signed = t.elapsed();
    let bytes = serde_json::to_vec(&made).expect("json").len();
    let t = Instant::now();
    let mut set = Attestations::default();
    let taken = set.insert_all(made, &rights);
    println!(
        "  attestations: {taken} (one per agency laptop) signed in {:.1} ms, verified in {:.1} ms, {} bytes in the file",
        signed.as_secs_f64() * 1000.0,
        t.elapsed().as_secs_f64() * 1000.0,
        bytes
    );
    set
}

fn main() {
    let size = tiendo_core::synthetic_2026::ProvinceSize::from_env();
    println!("{}", size.label());
    let (workspace, registry, plan) = match size {
        tiendo_core::synthetic_2026::ProvinceSize::TraVinh2020 => {
            let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
            (tiendo_core::builtin::tra_vinh_workspace(), registry, parsed.plan)
        }
        tiendo_core::synthetic_2026::ProvinceSize::Province2026 => {
            let (workspace, registry, parsed) = tiendo_core::synthetic_2026::province_2026().expect("plan");
            (workspace, registry, parsed.plan)
        }
    };
    let mut ws = workspace_doc(workspace, registry.clone(), &[&plan]);
    let office_key = DeviceKey::from_secret([200; 32]);
    let office = registry.provincial_office().expect("office").id.clone();
    ws.devices.push(Device {
        id: "c8".repeat(16).parse().expect("id"),
        agency: office.clone(),
        public_key: office_key.public_hex(),
        name: "office".into(),
        registered_at_ms: 0,
    });
    let mut held = BTreeMap::new();
    held.insert(plan_doc_id(&plan.id), genesis::genesis(&plan_doc(plan.clone())).expect("plan"));
    let started = Instant::now();
    let mut text_bytes = 0;
    for (n, agency) in registry.agencies.iter().enumerate() {
        let device = tiendo_core::hex::encode(&[n as u8; 16]);
        ws.devices.push(Device {
            id: device.parse().expect("id"),
            agency: agency.id.clone(),
            public_key: agency_key(n).public_hex(),
            name: String::new(),
            registered_at_ms: 0,
        });
        let mut doc: AutoCommit = genesis::genesis(&empty_reports(&plan, &registry, &agency.id)).expect("reports");
        let mut actor = vec![n as u8; 16];
        actor.extend_from_slice(&[1; 4]);
        doc.set_actor(ActorId::from(actor));
        let value: ReportsDoc = tiendo_core::schema::read(&doc).expect("read");
        for p in &value.reports.periods {
            for t in &p.tasks {
                let text = format!(
                    "{}: triển khai kế hoạch, đạt chỉ tiêu đề ra trong kỳ; người dân và doanh nghiệp đồng thuận. ",
                    t.task
                )
                .repeat(3);
                text_bytes += text.len();
                edit::edit_task(&mut doc, &p.period, &t.task, |r| {
                    r.results = text.as_str().into();
                    r.status = Some(TaskStatus::InProgress);
                    r.percent = Some(60);
                })
                .expect("edit");
                doc.commit();
            }
        }
        held.insert(reports_doc_id(&plan.id, &agency.id), doc);
    }
    println!(
        "sync file: province-year of {} agencies ({} KB of report text) made in {:.1} s",
        registry.agencies.len(),
        text_bytes / 1024,
        started.elapsed().as_secs_f64()
    );
    held.insert("workspace".into(), genesis::genesis(&ws).expect("ws"));
    let maker = Maker { workspace: &ws, device: &"c8".repeat(16), agency: &office, key: &office_key, now_ms: 0 };
    let attested = attestations(&ws, &mut held, &plan.id);
    let t = Instant::now();
    let bytes = file::export_with(&maker, &mut held, &attested);
    let export_ms = t.elapsed().as_secs_f64() * 1000.0;
    measure("commit per task", &ws, &mut held, &bytes, export_ms, &plan.id);
    // The workload of the Chromium bench: every agency's reports typed with a commit every 25
    // characters (a long history per document; BURST=n for another length).
    let burst = tiendo_core::synthetic::burst_from_env();
    let mut heavy = BTreeMap::new();
    for (n, agency) in registry.agencies.iter().enumerate() {
        let mut actor = vec![n as u8; 16];
        actor.extend_from_slice(&[1; 4]);
        let doc = tiendo_core::synthetic::fill_as(
            &plan,
            &registry,
            &agency.id,
            std::env::var("BURST").ok().and_then(|b| b.parse().ok()).unwrap_or(25),
            ActorId::from(actor),
        )
        .expect("fill");
        heavy.insert(reports_doc_id(&plan.id, &agency.id), doc);
    }
    for id in ["workspace".to_owned(), plan_doc_id(&plan.id)] {
        heavy.insert(id.clone(), held[&id].clone());
    }
    let attested = attestations(&ws, &mut heavy, &plan.id);
    let t = Instant::now();
    let bytes = file::export_with(&maker, &mut heavy, &attested);
    let export_ms = t.elapsed().as_secs_f64() * 1000.0;
    let label = format!("typed, a commit every {burst} characters");
    measure(&label, &ws, &mut heavy, &bytes, export_ms, &plan.id);
    // The Chromium bench's office laptop joined online first: it holds every document's first
    // version, so each document of the file merges into one held here.
    let rights = Rights::from_workspace(&ws);
    let mut with_genesis = BTreeMap::new();
    for id in heavy.keys() {
        let doc = match rights.genesis_for(id, std::slice::from_ref(&plan), &ws.agencies) {
            Some(g) => g,
            None => heavy[id].clone(),
        };
        with_genesis.insert(id.clone(), doc);
    }
    measure_on("typed, merged into first versions held", &ws, &with_genesis, &bytes, export_ms);
}

/// Verifies, previews and applies `bytes` on an office laptop that holds the workspace and the
/// plan only, and prints the times.
fn measure(
    label: &str,
    ws: &tiendo_core::schema::WorkspaceDoc,
    held: &mut BTreeMap<String, AutoCommit>,
    bytes: &[u8],
    export_ms: f64,
    plan: &tiendo_core::ids::PlanId,
) {
    let mut fresh = BTreeMap::new();
    for id in ["workspace".to_owned(), plan_doc_id(plan)] {
        fresh.insert(id.clone(), held[&id].clone());
    }
    measure_on(label, ws, &fresh, bytes, export_ms);
}

/// Verifies, previews and applies `bytes` on a laptop holding `fresh`, and prints the times.
fn measure_on(
    label: &str,
    ws: &tiendo_core::schema::WorkspaceDoc,
    fresh: &BTreeMap<String, AutoCommit>,
    bytes: &[u8],
    export_ms: f64,
) {
    let ws = ws.clone();
    let bytes = bytes.to_vec();
    let fresh = fresh.clone();
    let t = Instant::now();
    let verified = Local { workspace: &ws, docs: &fresh, attested: tiendo_core::sync::Attestations::none() }
        .verify(&bytes, DEFAULT_MAX_BYTES)
        .expect("verified");
    let verify_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let preview = file::preview(&verified, &Rights::from_workspace(&ws), &fresh);
    let preview_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let mut chunks = 0usize;
    for (_, c) in verified.chunks().expect("chunks") {
        chunks += c.len();
    }
    let apply_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "sync file ({label}): {} documents, {:.0} KB; export {export_ms:.0} ms, verify {verify_ms:.0} ms, preview {preview_ms:.0} ms ({} reports), apply (encode {} KB) {apply_ms:.0} ms; verify+preview+apply {:.0} ms (goal <= 1000)",
        verified.docs.len(),
        bytes.len() as f64 / 1024.0,
        preview.len(),
        chunks / 1024,
        verify_ms + preview_ms + apply_ms
    );
}
