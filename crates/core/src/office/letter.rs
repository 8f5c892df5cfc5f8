//! A report laid out as Nghị định 30/2020 (Phụ lục I) sets it: the parts in order, as data. The
//! `.docx` writer and the print view both draw from it, so they hold the same words.

use crate::ids::AgencyId;
use crate::model::{AgencyKind, Period, PeriodReport, Plan, ProvinceReport, Registry, Signer, Workspace};
use crate::office::format;
use crate::office::targets::TargetRow;
use crate::rules::assignment::{targets_for, tasks_for};
use crate::rules::evaluation::evaluate;
use crate::LongText;
use serde::{Deserialize, Serialize};

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Block {
    /// A Roman-numeral section heading, bold: `I. KẾT QUẢ …`.
    Heading(String),
    /// A numbered sub-heading, bold: `1. Ổn định kinh tế …`.
    Subheading(String),
    /// A justified paragraph with a first-line indent.
    Paragraph(String),
    /// A table with a bold header row.
    Table {
        /// Header cells.
        header: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
}

/// A report ready to be drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Letter {
    /// The parent agency, capitals, not bold (empty for the province's own committee).
    pub parent: String,
    /// The issuing agency, capitals, bold; may hold a line break.
    pub issuer: String,
    /// `Số: 05/BC-UBND`.
    pub number: String,
    /// `Trà Vinh, ngày 05 tháng 02 năm 2020`.
    pub place_date: String,
    /// `BÁO CÁO`.
    pub title: String,
    /// The bold line under the title.
    pub summary: String,
    /// The body.
    pub blocks: Vec<Block>,
    /// `Nơi nhận:` lines, without dashes.
    pub recipients: Vec<String>,
    /// The signature block.
    pub signer: Signer,
}

/// The national motto lines, as the header's right column writes them.
pub const MOTTO: [&str; 2] = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"];

fn paragraphs(text: &LongText, out: &mut Vec<Block>) {
    let mut any = false;
    for line in text.as_str().lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push(Block::Paragraph(line.to_owned()));
        any = true;
    }
    if !any {
        out.push(Block::Paragraph(String::from("Không có.")));
    }
}

fn heading(n: usize, text: &str) -> Block {
    Block::Heading(format!("{}. {text}", format::roman(n)))
}

fn target_table(rows: &[TargetRow]) -> Block {
    Block::Table {
        header: ["TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đánh giá"].map(String::from).to_vec(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    r.target.name.clone(),
                    r.planned.clone(),
                    r.latest.as_ref().map(|l| l.display(&r.target.unit)).unwrap_or_else(|| String::from("—")),
                    format::evaluation(r.evaluation).to_owned(),
                ]
            })
            .collect(),
    }
}

fn the_rest(general: &crate::model::GeneralParts, from: usize, blocks: &mut Vec<Block>) {
    blocks.push(heading(from, "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"));
    paragraphs(&general.shortcomings, blocks);
    blocks.push(heading(from + 1, "NHIỆM VỤ TRỌNG TÂM KỲ TỚI"));
    paragraphs(&general.next_tasks, blocks);
    blocks.push(heading(from + 2, "KIẾN NGHỊ, ĐỀ XUẤT"));
    paragraphs(&general.proposals, blocks);
}

impl Letter {
    /// The province's report as the office edited it, with the target table as of its date.
    pub fn province(plan: &Plan, workspace: &Workspace, report: &ProvinceReport, targets: &[TargetRow]) -> Letter {
        let mut blocks = vec![heading(1, "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")];
        if !report.general.results.is_blank() {
            paragraphs(&report.general.results, &mut blocks);
        }
        for (i, section) in plan.sections.iter().enumerate() {
            blocks.push(Block::Subheading(format!("{}. {}", i + 1, section.title.trim())));
            let mut any = false;
            for task in &section.tasks {
                if let Some(text) = report.task(&task.id).filter(|t| !t.is_blank()) {
                    blocks.push(Block::Paragraph(format!("Nhiệm vụ {}:", task.id)));
                    paragraphs(text, &mut blocks);
                    any = true;
                }
            }
            if !any {
                blocks.push(Block::Paragraph(String::from("Chưa có báo cáo.")));
            }
        }
        blocks.push(heading(2, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"));
        blocks.push(target_table(targets));
        the_rest(&report.general, 3, &mut blocks);
        Letter {
            parent: String::new(),
            issuer: format!("ỦY BAN NHÂN DÂN\nTỈNH {}", format::upper(&workspace.province)),
            number: format::doc_number(&report.number, "BC-UBND"),
            place_date: format::place_and_date(&workspace.province, report.date),
            title: String::from("BÁO CÁO"),
            summary: report.summary.clone(),
            blocks,
            recipients: report.recipients.clone(),
            signer: report.signer.clone(),
        }
    }

    /// One agency's own report for a period, dated on its last submission (else `date`).
    pub fn agency(
        plan: &Plan,
        registry: &Registry,
        workspace: &Workspace,
        agency: &AgencyId,
        period: &Period,
        report: &PeriodReport,
        date: crate::Day,
    ) -> Letter {
        let a = registry.get(agency);
        let name = registry.display_name(agency);
        let district = a.is_some_and(|a| a.kind == AgencyKind::District);
        let short = a.map(|a| a.short_name.clone()).unwrap_or_default();
        let mut blocks = vec![heading(1, "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ")];
        if !report.general.results.is_blank() {
            paragraphs(&report.general.results, &mut blocks);
        }
        let mut n = 0;
        for (task, _) in tasks_for(plan, registry, agency) {
            let Some(line) = report.task(&task.id).and_then(|t| crate::office::compile::task_line(&name, t)) else {
                continue;
            };
            n += 1;
            blocks.push(Block::Subheading(format!("{n}. Nhiệm vụ {}", task.id)));
            let line = line.split_once(": ").map_or(line.clone(), |(_, rest)| rest.to_owned());
            blocks.push(Block::Paragraph(line));
        }
        let rows: Vec<TargetRow> = targets_for(plan, registry, agency)
            .into_iter()
            .map(|t| {
                let value = report.target(&t.id).cloned();
                TargetRow {
                    target: t.clone(),
                    planned: format::planned(&t.kind, &t.unit),
                    responsible: vec![agency.clone()],
                    evaluation: evaluate(&t.kind, value.as_ref()),
                    latest: value.filter(|v| v.value.is_some() || v.achieved.is_some()).map(|v| {
                        crate::office::targets::Reading {
                            agency: agency.clone(),
                            period: period.id.clone(),
                            day: v.as_of.unwrap_or(date),
                            value: v,
                        }
                    }),
                    series: Vec::new(),
                }
            })
            .collect();
        blocks.push(heading(2, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"));
        if rows.is_empty() {
            blocks.push(Block::Paragraph(String::from("Không có chỉ tiêu được giao.")));
        } else {
            blocks.push(target_table(&rows));
        }
        the_rest(&report.general, 3, &mut blocks);
        let last = report.last_submission();
        let day = last.and_then(|s| crate::Day::in_vietnam(s.at_ms)).unwrap_or(date);
        let upper_province = format::upper(&workspace.province);
        Letter {
            parent: if district { String::new() } else { format!("UBND TỈNH {upper_province}") },
            issuer: format::upper(&name),
            number: format::doc_number("", &if district { String::from("BC-UBND") } else { format!("BC-{short}") }),
            place_date: format::place_and_date(&workspace.province, day),
            title: String::from("BÁO CÁO"),
            summary: format!("Kết quả thực hiện {} ({})", plan.title.trim(), period.label),
            blocks,
            recipients: vec![String::from("Văn phòng UBND tỉnh"), String::from("Lưu: VT")],
            signer: Signer {
                lines: vec![if district {
                    String::from("TM. ỦY BAN NHÂN DÂN")
                } else {
                    String::from("GIÁM ĐỐC")
                }],
                name: last.map(|s| s.by.clone()).unwrap_or_default(),
            },
        }
    }

    /// Every piece of text in reading order, for search and tests.
    pub fn texts(&self) -> Vec<String> {
        let mut out = vec![self.parent.clone(), self.issuer.clone(), self.number.clone()];
        out.extend(MOTTO.iter().map(|s| (*s).to_owned()));
        out.extend([self.place_date.clone(), self.title.clone(), self.summary.clone()]);
        for b in &self.blocks {
            match b {
                Block::Heading(t) | Block::Subheading(t) | Block::Paragraph(t) => out.push(t.clone()),
                Block::Table { header, rows } => {
                    out.extend(header.iter().cloned());
                    out.extend(rows.iter().flatten().cloned());
                }
            }
        }
        out.push(String::from("Nơi nhận:"));
        out.extend(self.recipients.iter().cloned());
        out.extend(self.signer.lines.iter().cloned());
        out.push(self.signer.name.clone());
        out.retain(|s| !s.is_empty());
        out
    }
}
