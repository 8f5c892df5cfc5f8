//! A small SVG chart of one target over the periods: bars for the readings, the planned value as
//! a line or a band. Plain SVG text, so the browser, the print view and tests see the same thing.

use crate::model::schedule::short_label;
use crate::model::TargetKind;
use crate::office::format;
use crate::office::targets::TargetRow;

const W: f64 = 360.0;
const H: f64 = 150.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 30.0;
/// More periods than this and their names are turned, so they never run into each other.
const LEVEL_LABELS: usize = 8;
const TOP: f64 = 10.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The planned bounds to draw: (low, high), equal for a single figure.
fn planned_bounds(kind: &TargetKind) -> Option<(f64, f64)> {
    match kind {
        TargetKind::Range { min, max } => Some((*min, *max)),
        TargetKind::Minimum { value } | TargetKind::Maximum { value, .. } | TargetKind::Exact { value } => {
            Some((*value, *value))
        }
        TargetKind::CountOfTotal { count, .. } => Some((*count, *count)),
        TargetKind::Milestone => None,
    }
}

/// The chart of a target as an `<svg>` element with a title for screen readers.
pub fn target_chart(row: &TargetRow) -> String {
    let t = &row.target;
    let values: Vec<Option<f64>> = row
        .series
        .iter()
        .map(|p| p.reading.as_ref().and_then(|r| r.value.value.or(r.value.achieved.map(|a| if a { 1.0 } else { 0.0 }))))
        .collect();
    let bounds = planned_bounds(&t.kind);
    let top_value = values
        .iter()
        .flatten()
        .copied()
        .chain(bounds.map(|b| b.1))
        .fold(if matches!(t.kind, TargetKind::Milestone) { 1.0 } else { 0.0 }, f64::max)
        .max(f64::EPSILON)
        * 1.15;
    let plot_h = H - BOTTOM - TOP;
    let y = |v: f64| TOP + plot_h - (v.max(0.0) / top_value) * plot_h;
    let n = row.series.len().max(1) as f64;
    let slot = (W - LEFT - 8.0) / n;
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="target-chart" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" data-target="{}"><title>{} — {}</title>"#,
        escape(t.id.as_str()),
        escape(&t.name),
        escape(&row.planned)
    );
    out.push_str(&format!(
        r##"<line x1="{LEFT}" y1="{0}" x2="{1}" y2="{0}" stroke="#555" stroke-width="1"/>"##,
        TOP + plot_h,
        W - 8.0
    ));
    if let Some((lo, hi)) = bounds {
        if hi > lo {
            out.push_str(&format!(
                r##"<rect class="planned" x="{LEFT}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#cde8d4"/>"##,
                y(hi),
                W - 8.0 - LEFT,
                (y(lo) - y(hi)).max(1.0)
            ));
        } else {
            out.push_str(&format!(
                r##"<line class="planned" x1="{LEFT}" y1="{0:.1}" x2="{1}" y2="{0:.1}" stroke="#1b7a3a" stroke-width="2" stroke-dasharray="6 3"/>"##,
                y(lo),
                W - 8.0
            ));
        }
        out.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#1b7a3a">{}</text>"##,
            LEFT - 3.0,
            y(hi) + 3.0,
            escape(&format::number(hi))
        ));
    }
    for (i, (point, value)) in row.series.iter().zip(&values).enumerate() {
        let cx = LEFT + slot * (i as f64 + 0.5);
        if let Some(v) = value {
            let bar_w = (slot * 0.5).min(28.0);
            out.push_str(&format!(
                r##"<rect class="reading" data-period="{}" data-value="{v}" x="{:.1}" y="{:.1}" width="{bar_w:.1}" height="{:.1}" fill="#2b5f9e"/>"##,
                escape(point.period.as_str()),
                cx - bar_w / 2.0,
                y(*v),
                (TOP + plot_h - y(*v)).max(0.5)
            ));
        }
        let short = escape(&short_label(&point.period));
        let ly = H - BOTTOM + 13.0;
        if row.series.len() > LEVEL_LABELS {
            out.push_str(&format!(
                r##"<text x="{cx:.1}" y="{ly:.1}" font-size="9" text-anchor="end" fill="#333" transform="rotate(-50 {cx:.1} {ly:.1})">{short}</text>"##
            ));
        } else {
            out.push_str(&format!(
                r##"<text x="{cx:.1}" y="{ly:.1}" font-size="10" text-anchor="middle" fill="#333">{short}</text>"##
            ));
        }
    }
    out.push_str("</svg>");
    out
}
