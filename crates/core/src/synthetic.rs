//! A synthetic province-year for benchmarks: every agency of the built-in plan with every
//! period's report filled in, typed in bursts as people type, so documents carry a history; most
//! reports submitted (some late), some left as drafts, target values filled in.

use crate::builtin::tra_vinh_2020;
use crate::changes::commit_at;
use crate::ids::AgencyId;
use crate::ids::DeviceId;
use crate::model::{Plan, Registry, Submission, TargetKind, TaskStatus};
use crate::rules::assignment::targets_for;
use crate::schema::edit::{edit_period, edit_task};
use crate::schema::genesis::{empty_reports, genesis, reports_doc_id};
use crate::schema::{self, DocError, ReportsDoc};
use automerge::{ActorId, AutoCommit};

/// One agency's filled reports document.
#[derive(Debug)]
pub struct FilledReports {
    /// The document id.
    pub id: String,
    /// The agency.
    pub agency: AgencyId,
    /// The saved document.
    pub bytes: Vec<u8>,
}

fn sentence(seed: usize, len: usize) -> String {
    const WORDS: [&str; 12] = [
        "triển khai",
        "kế hoạch",
        "đạt",
        "chỉ tiêu",
        "người dân",
        "doanh nghiệp",
        "xã",
        "nông thôn mới",
        "tăng",
        "so với cùng kỳ",
        "hoàn thành",
        "đề án",
    ];
    let mut s = String::new();
    let mut i = seed;
    while s.chars().count() < len {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(WORDS[i % WORDS.len()]);
        i = i.wrapping_mul(31).wrapping_add(7);
    }
    s.push('.');
    s
}

/// How many characters typed go into one change in the benches: 25, or `BURST` from the
/// environment. (The app closes a change once typing settles for 5 s: a phrase or a paragraph;
/// before drafts it closed one every 0.8 s of typing, ~4 characters.)
pub fn burst_from_env() -> usize {
    std::env::var("BURST").ok().and_then(|b| b.parse().ok()).filter(|b| *b > 0).unwrap_or(25)
}

/// Fills every period of one agency's reports, committing every `burst` characters of text.
pub fn fill(plan: &Plan, registry: &Registry, agency: &AgencyId, burst: usize) -> Result<AutoCommit, DocError> {
    fill_as(plan, registry, agency, burst, ActorId::from(agency.as_str().as_bytes()))
}

/// The same, written by `actor` (a registered device's, for files and sync that check authors).
pub fn fill_as(
    plan: &Plan,
    registry: &Registry,
    agency: &AgencyId,
    burst: usize,
    actor: ActorId,
) -> Result<AutoCommit, DocError> {
    fill_until(plan, registry, agency, burst, actor, None)
}

/// The same as it stood on `until` (Vietnam's day): periods due more than a week later are not
/// started, and a submission after that day has not happened.
pub fn fill_until(
    plan: &Plan,
    registry: &Registry,
    agency: &AgencyId,
    burst: usize,
    actor: ActorId,
    until: Option<crate::Day>,
) -> Result<AutoCommit, DocError> {
    let mut doc = genesis(&empty_reports(plan, registry, agency))?;
    let actor_bytes = actor.to_bytes().to_vec();
    doc.set_actor(actor);
    let at = registry.agencies.iter().position(|a| &a.id == agency).unwrap_or(0);
    let targets = targets_for(plan, registry, agency);
    let value: ReportsDoc = schema::read(&doc)?;
    for (pi, period) in value.reports.periods.iter().enumerate() {
        // Typed in the week before the period's deadline, a minute per change, as a clerk would.
        let due = plan.period(&period.period).map(|p| p.due);
        if until.zip(due).is_some_and(|(u, d)| d.plus_days(-7) > u) {
            continue;
        }
        let mut clock = due.map_or(0, |d| d.at_vietnam(8, 0) - 7 * 86_400_000);
        let mut tick = || {
            clock += 60_000;
            clock
        };
        for (ti, task) in period.tasks.iter().enumerate() {
            let full = sentence(pi * 100 + ti, 300);
            let chars: Vec<char> = full.chars().collect();
            for end in (burst..chars.len() + burst).step_by(burst.max(1)) {
                let text: String = chars[..end.min(chars.len())].iter().collect();
                edit_task(&mut doc, &period.period, &task.task, |t| {
                    t.results = text.as_str().into();
                    t.status = Some(if ti % 3 == 0 { TaskStatus::DoneOnTime } else { TaskStatus::InProgress });
                    t.percent = Some(((ti * 17 + pi * 5) % 101) as u8);
                })?;
                commit_at(&mut doc, tick());
            }
        }
        edit_period(&mut doc, &period.period, |p| {
            p.general.results = sentence(pi, 500).as_str().into();
            p.general.shortcomings = sentence(pi + 1, 300).as_str().into();
            p.general.next_tasks = sentence(pi + 2, 300).as_str().into();
            p.general.proposals = sentence(pi + 3, 200).as_str().into();
            for (k, target) in targets.iter().enumerate() {
                let v = p.target_mut(&target.id);
                match planned_figure(&target.kind) {
                    Some(base) => v.value = Some((base * (0.85 + 0.1 * ((pi + k) % 3) as f64) * 100.0).round() / 100.0),
                    None => v.achieved = Some((pi + k) % 2 == 0),
                }
            }
        })?;
        commit_at(&mut doc, tick());
        let device = DeviceId::new(crate::hex::encode(&actor_bytes[..actor_bytes.len().min(16)])).ok();
        let sent = due.and_then(|d| submission_time(d, at, pi));
        let sent = sent.filter(|ms| until.is_none_or(|u| u.plus_days(1).at_vietnam(0, 0) > *ms));
        if let Some((at_ms, device)) = sent.zip(device) {
            let heads = doc.get_heads().iter().map(ToString::to_string).collect();
            edit_period(&mut doc, &period.period, |p| {
                p.submissions.push(Submission { device, by: String::from("Nguyễn Văn A"), at_ms, heads });
            })?;
            commit_at(&mut doc, at_ms);
        }
    }
    Ok(doc)
}

/// A representative figure of what a target asks for.
fn planned_figure(kind: &TargetKind) -> Option<f64> {
    match kind {
        TargetKind::Range { max, .. } => Some(*max),
        TargetKind::Minimum { value } | TargetKind::Maximum { value, .. } | TargetKind::Exact { value } => Some(*value),
        TargetKind::CountOfTotal { count, .. } => Some(*count),
        TargetKind::Milestone => None,
    }
}

/// When agency number `at` submits its report of period number `pi`: one in five never (it
/// stays a draft), one in five a few days late, the rest two days early, at 10:00 in Vietnam.
pub fn submission_time(due: crate::Day, at: usize, pi: usize) -> Option<i64> {
    match (at + pi) % 5 {
        0 => None,
        1 => Some(due.plus_days((at % 7 + 1) as i64).at_vietnam(10, 0)),
        _ => Some(due.plus_days(-2).at_vietnam(10, 0)),
    }
}

/// Every agency of the built-in plan with filled reports (Trà Vinh: 36 agencies, 222 period
/// reports).
pub fn province_year(burst: usize) -> Result<Vec<FilledReports>, Box<dyn std::error::Error>> {
    province_year_of(crate::synthetic_2026::ProvinceSize::TraVinh2020, burst).map(|y| y.reports)
}

/// A synthetic province-year.
#[derive(Debug)]
pub struct ProvinceYear {
    /// The workspace.
    pub workspace: crate::model::Workspace,
    /// Its agencies.
    pub registry: Registry,
    /// The plan.
    pub plan: Plan,
    /// Every agency's filled reports.
    pub reports: Vec<FilledReports>,
}

/// A synthetic province-year of `size`.
pub fn province_year_of(
    size: crate::synthetic_2026::ProvinceSize,
    burst: usize,
) -> Result<ProvinceYear, Box<dyn std::error::Error>> {
    let (workspace, registry, plan) = match size {
        crate::synthetic_2026::ProvinceSize::TraVinh2020 => {
            let (registry, parsed) = tra_vinh_2020()?;
            (crate::builtin::tra_vinh_workspace(), registry, parsed.plan)
        }
        crate::synthetic_2026::ProvinceSize::Province2026 => {
            let (workspace, registry, parsed) = crate::synthetic_2026::province_2026()?;
            (workspace, registry, parsed.plan)
        }
    };
    let mut out = Vec::new();
    for agency in &registry.agencies {
        let mut doc = fill(&plan, &registry, &agency.id, burst)?;
        out.push(FilledReports {
            id: reports_doc_id(&plan.id, &agency.id),
            agency: agency.id.clone(),
            bytes: doc.save(),
        });
    }
    Ok(ProvinceYear { workspace, registry, plan, reports: out })
}

/// A workspace, the documents a laptop holds of it, and the key of its registered laptop.
pub type FileWorld =
    (crate::schema::WorkspaceDoc, std::collections::BTreeMap<String, AutoCommit>, crate::file::DeviceKey);

/// The built-in workspace with one registered Sở Y tế laptop (device `01…01`) whose key is made
/// from `[1; 32]`, and the plan document: a fixed world to check sync files against (fuzzing, its
/// seeds and its regression test).
pub fn file_world() -> Result<FileWorld, Box<dyn std::error::Error>> {
    use crate::schema::genesis::{plan_doc, plan_doc_id, workspace_doc};
    let (registry, parsed) = crate::builtin::tra_vinh_2020()?;
    let mut ws = workspace_doc(crate::builtin::tra_vinh_workspace(), registry, &[&parsed.plan]);
    let key = crate::file::DeviceKey::from_secret([1; 32]);
    ws.devices.push(crate::model::Device {
        id: FILE_WORLD_DEVICE.parse()?,
        agency: "so-y-te".parse()?,
        public_key: key.public_hex(),
        name: "fuzz".into(),
        registered_at_ms: 0,
    });
    let mut docs = std::collections::BTreeMap::new();
    docs.insert(plan_doc_id(&parsed.plan.id), genesis(&plan_doc(parsed.plan))?);
    Ok((ws, docs, key))
}

/// The laptop of [`file_world`].
pub const FILE_WORLD_DEVICE: &str = "01010101010101010101010101010101";

/// A correctly signed file of [`file_world`]'s laptop carrying `bytes` as its report document,
/// with `heads` in the manifest: the way past the envelope into the documents.
pub fn file_with_document(
    ws: &crate::schema::WorkspaceDoc,
    key: &crate::file::DeviceKey,
    bytes: &[u8],
    heads: Vec<String>,
) -> Vec<u8> {
    use crate::file::{DocManifest, FileKind, Manifest};
    let manifest = Manifest {
        format: crate::file::FORMAT_VERSION,
        kind: FileKind::Export,
        workspace: ws.workspace.id.to_string(),
        device: FILE_WORLD_DEVICE.into(),
        agency: "so-y-te".into(),
        created_ms: 0,
        docs: vec![DocManifest {
            id: "reports.01-qd-ubnd-2020.so-y-te".into(),
            kind: crate::model::DocKind::Reports,
            heads,
            len: 0,
            sha256: String::new(),
        }],
        attestations: Vec::new(),
    };
    crate::file::write_raw(manifest, &[bytes.to_vec()], key)
}
