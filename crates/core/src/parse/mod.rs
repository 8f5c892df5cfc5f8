//! From the pasted text of a decision to a plan, with warnings for what was not understood.

pub mod agencies;
pub mod corrections;
pub mod deadline;
pub mod decision;
pub mod docx;
pub mod headings;
pub mod normalize;
pub mod outline;
pub mod roles;
pub mod schedule;
pub mod structure;
pub mod table;
pub mod targets;
pub mod warning;

use crate::ids::{AgencyId, PlanId, SectionId, TaskId};
use crate::long_text::LongText;
use crate::model::{Agency, AgencyKind, Plan, Registry, Section, Task};
use crate::rules::assignment::leads_of;
use crate::text::{fold, slug};
pub use corrections::{CorrectionError, Corrections, TaskCorrection};
pub use warning::{Warning, WarningKind};

/// The largest text accepted (a plan is 30–200 KB; 4 MB leaves room for any real one).
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// A parsed plan with what the parser noticed.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ParsedPlan {
    /// The plan.
    pub plan: Plan,
    /// Agencies named in the text but not in the registry, proposed as new.
    pub proposed_agencies: Vec<Agency>,
    /// Warnings with line numbers.
    pub warnings: Vec<Warning>,
}

/// Why no plan could be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum ParseError {
    /// No numbered section with a numbered task was found.
    #[error("the text holds no plan: no numbered section with numbered tasks was found")]
    NoPlan,
    /// The text is larger than any plan.
    #[error("the text is {len} bytes; a plan text is at most {max} bytes")]
    TooLarge {
        /// Its size.
        len: usize,
        /// The limit.
        max: usize,
    },
}

/// A short name for a proposed agency, as offices abbreviate: a commune by its own name
/// (`UBND xã Tân Hồng` → `xã Tân Hồng`), others by the capitals of their words without `và`
/// (`Sở Nông nghiệp và Môi trường` → `SNNMT`). The office can change it.
fn short_name_of(name: &str) -> String {
    let folded = fold(name);
    if folded.starts_with("ubnd ")
        && ["ubnd xa ", "ubnd phuong ", "ubnd dac khu "].iter().any(|p| folded.starts_with(p))
    {
        return name.chars().skip("UBND ".len()).collect();
    }
    let initials: String = name
        .split_whitespace()
        .filter(|w| fold(w) != "va" && w.chars().next().is_some_and(char::is_alphabetic))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    if initials.chars().count() >= 2 {
        initials
    } else {
        name.to_owned()
    }
}

/// Parses a plan text against an agency registry.
pub fn parse_plan(text: &str, registry: &Registry) -> Result<ParsedPlan, ParseError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(ParseError::TooLarge { len: text.len(), max: MAX_TEXT_BYTES });
    }
    let lines = normalize::normalize(text);
    // A task table, if the plan has one, holds the tasks; the prose around it the rest.
    let table = table::find(text, &lines);
    let prose: Vec<normalize::Line> = match &table {
        Some(t) => lines.iter().filter(|l| !t.lines.contains(&l.no)).cloned().collect(),
        None => lines.clone(),
    };
    let mut s = structure::structure(&prose, registry);
    if let Some(t) = table {
        s.sections = structure::table_sections(t);
    }
    if !s.sections.iter().any(|sec| !sec.tasks.is_empty()) {
        return Err(ParseError::NoPlan);
    }
    let mut warnings = std::mem::take(&mut s.warnings);
    let first_section_line = s.sections.first().map_or(usize::MAX, |sec| sec.title.line);
    let preamble: String = lines
        .iter()
        .filter(|l| s.title.as_ref().is_some_and(|t| l.no > t.line) && l.no < first_section_line)
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let header = decision::read_header(&s.header, s.title.as_ref(), s.subtitle.as_ref(), &preamble, &mut warnings);

    let mut registry = registry.clone();
    let mut proposed = Vec::new();
    let mut sections = Vec::new();
    let mut targets = Vec::new();
    for raw in &s.sections {
        if raw.tasks.is_empty() {
            warnings.push(Warning { line: raw.title.line, kind: WarningKind::EmptySection(raw.title.text.clone()) });
        }
        let mut tasks = Vec::new();
        for rt in &raw.tasks {
            let item_texts: Vec<String> = rt.items.iter().map(|p| p.text.clone()).collect();
            let parts = match &rt.row {
                Some(row) => roles::TaskParts::of_row(row),
                None => roles::split_task(&rt.body.text, &item_texts, agencies::split_head),
            };
            if parts.words.is_empty() {
                warnings.push(Warning { line: rt.body.line, kind: WarningKind::NoAgencies(rt.body.text.clone()) });
            }
            let (head, body) = (parts.head.as_str(), parts.text.as_str());
            let mut words = agencies::read_agencies(&parts.words, &registry);
            for (name, lead) in std::mem::take(&mut words.unknown) {
                let line = rt.body.line;
                let id = match registry.find_by_name(&name) {
                    Some(a) if !a.is_active() => {
                        warnings.push(Warning { line, kind: WarningKind::RetiredAgency(name.clone()) });
                        continue;
                    }
                    Some(a) => {
                        warnings.push(Warning { line, kind: WarningKind::UnknownAgency(name.clone()) });
                        a.id.clone()
                    }
                    None => {
                        warnings.push(Warning { line, kind: WarningKind::UnknownAgency(name.clone()) });
                        let Ok(id) = AgencyId::new(slug(&name)) else { continue };
                        let folded = fold(&name);
                        let commune = ["xa ", "phuong "].iter().any(|w| folded.contains(w));
                        let kind = if folded.contains("dac khu") {
                            AgencyKind::SpecialZone
                        } else if folded.contains("huyen") {
                            AgencyKind::District
                        } else if commune && folded.contains("ubnd")
                            || folded.starts_with("xa ")
                            || folded.starts_with("phuong ")
                        {
                            AgencyKind::Commune
                        } else {
                            AgencyKind::Department
                        };
                        let agency = Agency::new(id.clone(), name.clone(), short_name_of(&name), kind);
                        registry.agencies.push(agency.clone());
                        proposed.push(agency);
                        id
                    }
                };
                let list = if lead { &mut words.lead } else { &mut words.coordinating };
                if !list.contains(&id) {
                    list.push(id);
                }
            }
            let Ok(id) = TaskId::new(rt.number.clone()) else { continue };
            let task = Task {
                id,
                text: LongText(body.to_owned()),
                items: parts.items.iter().map(|p| LongText(p.clone())).collect(),
                lead: words.lead,
                coordinating: words.coordinating,
                groups: words.groups,
                coordinating_groups: words.coordinating_groups,
                agencies_text: head.to_owned(),
                deadline: match parts.deadline.as_deref() {
                    Some(d) => deadline::read(d, header.year),
                    None => deadline::in_text(body, header.year),
                },
                product: parts.product.clone().filter(|p| !p.is_empty()),
                carried_over: None,
            };
            let texts: Vec<&str> =
                std::iter::once(task.text.as_str()).chain(task.items.iter().map(LongText::as_str)).collect();
            targets.extend(targets::find_targets(&task.id, &texts, &leads_of(&task, &registry)));
            tasks.push(task);
        }
        let Ok(id) = SectionId::new(raw.number.clone()) else { continue };
        let title = raw.title.text.trim().trim_end_matches([':', '.']).trim().to_owned();
        sections.push(Section { id, title, tasks });
    }
    let schedule = schedule::read_schedule(&s.organisation, header.year, &registry, &mut warnings);
    if schedule.is_empty() {
        let line = s.organisation.first().map_or(first_section_line.min(lines.len()), |p| p.line);
        warnings.push(Warning { line, kind: WarningKind::NoSchedule });
    }
    let number = slug(&header.decision.number);
    let plan_id = PlanId::new(if number.is_empty() {
        format!("plan-{}", header.year)
    } else {
        format!("{number}-{}", header.year)
    })
    .or_else(|_| PlanId::new(format!("plan-{}", header.year)))
    .map_err(|_| ParseError::NoPlan)?;
    warnings.sort_by_key(|w| w.line);
    let goals = plan_goals(&s.objectives);
    Ok(ParsedPlan {
        plan: Plan { id: plan_id, title: header.title, decision: header.decision, sections, targets, schedule, goals },
        proposed_agencies: proposed,
        warnings,
    })
}

/// The plan's own targets, read from its objectives part the way a task's are read from its
/// text; `None` when it states none.
fn plan_goals(objectives: &[structure::Paragraph]) -> Option<Vec<crate::model::PlanGoal>> {
    let scope = TaskId::new("goal").ok()?;
    let texts: Vec<&str> = objectives.iter().map(|p| p.text.as_str()).collect();
    let goals: Vec<_> = targets::find_targets(&scope, &texts, &[])
        .into_iter()
        .map(|t| crate::model::PlanGoal { id: t.id, name: t.name, kind: t.kind, unit: t.unit })
        .collect();
    (!goals.is_empty()).then_some(goals)
}
