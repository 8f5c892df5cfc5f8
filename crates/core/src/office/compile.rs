//! The province's report for a period, compiled from the agencies' submitted reports.

use crate::day::Day;
use crate::model::{AgencyReports, GeneralParts, Period, Plan, ProvinceReport, Registry, Signer, TaskReport};
use crate::office::format;
use crate::rules::assignment::role_in;
use crate::LongText;

/// One agency's words on a task, as one line of the compiled text.
pub fn task_line(agency_name: &str, report: &TaskReport) -> Option<String> {
    let mut parts = Vec::new();
    let mut head = String::new();
    if let Some(s) = report.status {
        head.push_str(format::status(s));
    }
    if let Some(p) = report.percent {
        if !head.is_empty() {
            head.push_str(", ");
        }
        head.push_str(&format!("đạt {p}%"));
    }
    if !head.is_empty() {
        parts.push(format!("{head}."));
    }
    let clean = |t: &LongText| t.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
    if !report.results.is_blank() {
        parts.push(clean(&report.results));
    }
    if !report.difficulties.is_blank() {
        parts.push(format!("Khó khăn, vướng mắc: {}", clean(&report.difficulties)));
    }
    if !report.proposals.is_blank() {
        parts.push(format!("Kiến nghị, đề xuất: {}", clean(&report.proposals)));
    }
    (!parts.is_empty()).then(|| format!("- {agency_name}: {}", parts.join(" ")))
}

fn submitted<'a>(
    reports: &'a [AgencyReports],
    period: &Period,
) -> Vec<(&'a AgencyReports, &'a crate::model::PeriodReport)> {
    reports.iter().filter_map(|r| r.period(&period.id).filter(|p| !p.submissions.is_empty()).map(|p| (r, p))).collect()
}

/// The default `Nơi nhận:` of a province's report.
pub fn default_recipients() -> Vec<String> {
    [
        "Văn phòng Chính phủ",
        "Bộ Kế hoạch và Đầu tư",
        "TT. Tỉnh ủy, TT. HĐND tỉnh",
        "CT, các PCT UBND tỉnh",
        "Các Sở, ban, ngành tỉnh",
        "UBND các huyện, thị xã, thành phố",
        "Lưu: VT, THNV",
    ]
    .into_iter()
    .map(String::from)
    .collect()
}

/// Compiles the province's report for `period` from every agency's submitted report: per task,
/// one line per agency that wrote on it (leads first, in registry order); per general part, one
/// paragraph per agency. Drafts are left out: the province reports what was sent to it.
pub fn compile(
    plan: &Plan,
    registry: &Registry,
    reports: &[AgencyReports],
    period: &Period,
    date: Day,
) -> ProvinceReport {
    let sent = submitted(reports, period);
    let name = |r: &AgencyReports| registry.display_name(&r.agency);
    let mut out = ProvinceReport {
        period: period.id.clone(),
        number: String::new(),
        date,
        summary: format!("Kết quả thực hiện {} ({})", plan.title.trim(), period.label),
        tasks: Vec::new(),
        general: GeneralParts::default(),
        recipients: default_recipients(),
        signer: Signer {
            lines: vec![String::from("TM. ỦY BAN NHÂN DÂN"), format::upper(plan.decision.signer_title.trim())],
            name: plan.decision.signer.clone(),
        },
    };
    for task in plan.tasks() {
        let mut lines: Vec<(u8, usize, String)> = sent
            .iter()
            .enumerate()
            .filter_map(|(i, (r, p))| {
                let role = role_in(task, &r.agency, registry)?;
                let line = task_line(&name(r), p.task(&task.id)?)?;
                Some((role as u8, i, line))
            })
            .collect();
        lines.sort();
        if !lines.is_empty() {
            let text = lines.into_iter().map(|(_, _, l)| l).collect::<Vec<_>>().join("\n");
            *out.task_mut(&task.id) = LongText(text);
        }
    }
    let join = |pick: fn(&GeneralParts) -> &LongText| -> LongText {
        LongText(
            sent.iter()
                .filter(|(_, p)| !pick(&p.general).is_blank())
                .map(|(r, p)| format!("- {}: {}", name(r), pick(&p.general).as_str().trim()))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    };
    out.general = GeneralParts {
        results: join(|g| &g.results),
        shortcomings: join(|g| &g.shortcomings),
        next_tasks: join(|g| &g.next_tasks),
        proposals: join(|g| &g.proposals),
    };
    out
}
