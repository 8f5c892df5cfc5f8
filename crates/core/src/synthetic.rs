//! A synthetic province-year for benchmarks: every agency of the built-in plan with every
//! period's report filled in, typed in bursts as people type, so documents carry a history.

use crate::builtin::tra_vinh_2020;
use crate::ids::AgencyId;
use crate::model::{Plan, Registry, TaskStatus};
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
    let mut doc = genesis(&empty_reports(plan, registry, agency))?;
    doc.set_actor(actor);
    let value: ReportsDoc = schema::read(&doc)?;
    for (pi, period) in value.reports.periods.iter().enumerate() {
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
                doc.commit();
            }
        }
        edit_period(&mut doc, &period.period, |p| {
            p.general.results = sentence(pi, 500).as_str().into();
            p.general.shortcomings = sentence(pi + 1, 300).as_str().into();
            p.general.next_tasks = sentence(pi + 2, 300).as_str().into();
            p.general.proposals = sentence(pi + 3, 200).as_str().into();
        })?;
        doc.commit();
    }
    Ok(doc)
}

/// Every agency of the built-in plan with filled reports (Trà Vinh: 36 agencies, 222 period
/// reports).
pub fn province_year(burst: usize) -> Result<Vec<FilledReports>, Box<dyn std::error::Error>> {
    let (registry, parsed) = tra_vinh_2020()?;
    let mut out = Vec::new();
    for agency in &registry.agencies {
        let mut doc = fill(&parsed.plan, &registry, &agency.id, burst)?;
        out.push(FilledReports {
            id: reports_doc_id(&parsed.plan.id, &agency.id),
            agency: agency.id.clone(),
            bytes: doc.save(),
        });
    }
    Ok(out)
}
