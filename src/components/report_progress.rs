//! Where a report stands, kept in view while the clerk scrolls: how many required parts are
//! filled, and every task as a link that jumps to it (marked when its parts are filled). After
//! a refused "Gửi", the parts still missing are marked at their fields ([`Flagged`]) until
//! they are filled.

use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::ids::{PeriodId, TaskId};
use tiendo_core::model::PeriodReport;
use tiendo_core::rules::assignment::Role;
use tiendo_core::rules::submission::{is_missing, Missing};

/// The required parts still missing now, and those a refused "Gửi" found missing; shared with
/// the fields, which mark themselves.
#[derive(Debug, Clone, Copy)]
pub struct Flagged {
    /// Missing now, in the order of the required parts.
    pub now: Memo<Vec<Missing>>,
    /// Found missing by the last refused submission.
    pub refused: RwSignal<Vec<Missing>>,
}

impl Flagged {
    /// The parts of `required` missing in `period`'s report, sent by `name`.
    pub fn new(period: PeriodId, required: Vec<Missing>, name: RwSignal<String>) -> Self {
        let ctx = AppContext::expect();
        let now = Memo::new(move |_| {
            let by = name.get();
            ctx.reports.with(|r| {
                let empty = PeriodReport::new(period.clone());
                let report = r.as_ref().and_then(|r| r.period(&period)).unwrap_or(&empty);
                required.iter().filter(|p| is_missing(p, report, &by)).cloned().collect::<Vec<_>>()
            })
        });
        Self { now, refused: RwSignal::new(Vec::new()) }
    }

    /// Whether `part` was found missing by a refused submission and still is.
    pub fn marks(self, part: &Missing) -> bool {
        self.refused.with(|f| f.contains(part)) && self.now.with(|n| n.contains(part))
    }
}

/// The id of the field where `part` is typed.
pub fn field_id(part: &Missing) -> String {
    match part {
        Missing::Status { task } => format!("task-{task}-status"),
        Missing::Results { task } => format!("task-{task}-results"),
        Missing::GeneralResults => "general-results".into(),
        Missing::SubmitterName => "submitter".into(),
    }
}

/// Scrolls to the element `id` and puts the cursor in it (the router would take a `#` link
/// for a page).
pub fn go_to(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id) {
        el.scroll_into_view();
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// The summary bar of the report editor.
#[component]
pub fn ReportProgress(
    /// What is missing.
    flagged: Flagged,
    /// How many parts are required.
    total: usize,
    /// My tasks in order, with my role.
    tasks: Vec<(TaskId, Role)>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let missing = flagged.now;
    let links = tasks
        .into_iter()
        .map(|(task, role)| {
            let done = {
                let task = task.clone();
                move || {
                    missing.with(|m| {
                        !m.iter().any(
                            |p| matches!(p, Missing::Status { task: t } | Missing::Results { task: t } if *t == task),
                        )
                    })
                }
            };
            let target = format!("task-report-{task}");
            let class = move || match (role, done()) {
                (Role::Coordinating, _) => "jump optional",
                (Role::Lead, true) => "jump done",
                (Role::Lead, false) => "jump",
            };
            view! {
                <li>
                    <a href=format!("#{target}") class=class data-jump=task.to_string()
                        on:click=move |ev| { ev.prevent_default(); go_to(&target); }>
                        {task.to_string()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="report-progress no-print" id="report-progress" aria-label=move || ctx.t("progress.label")>
            <span id="progress-count" role="status">
                {move || ctx.t_with("progress.count", &[
                    ("filled", (total - missing.with(Vec::len)).to_string()),
                    ("total", total.to_string()),
                ])}
            </span>
            <span class="muted">{move || ctx.t("progress.tasks")}</span>
            <ul class="jumps">{links}</ul>
        </nav>
    }
}
