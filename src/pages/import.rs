//! Reading a plan from the text of its decision: paste or open a text file, see what the parser
//! understood and every warning with its line, correct the text and read it again.

use crate::components::agency_chips::group_label;
use crate::components::import_fix::{error_text, ProposedChoice, TargetFix, TaskFix};
use crate::components::target_list::describe;
use crate::state::settings::{Settings, Setup};
use crate::state::{AppContext, EngineError};
use leptos::prelude::*;
use std::sync::Arc;
use tiendo_core::model::{Agency, AgencyGroup, Registry, Task};
use tiendo_core::parse::{CorrectionError, Corrections, ParseError, ParsedPlan, Warning, WarningKind};
use tiendo_start::components::file_pick::FilePick;
use wasm_bindgen::JsCast;

/// The message key of a warning and its detail.
fn warning_key(w: &Warning) -> (&'static str, String) {
    match &w.kind {
        WarningKind::OutOfSequence(d) => ("warning.out_of_sequence", d.clone()),
        WarningKind::NumberingGap(d) => ("warning.numbering_gap", d.clone()),
        WarningKind::ItemOutsideTask(d) => ("warning.item_outside_task", d.clone()),
        WarningKind::NoAgencies(d) => ("warning.no_agencies", d.clone()),
        WarningKind::UnknownAgency(d) => ("warning.unknown_agency", d.clone()),
        WarningKind::RetiredAgency(d) => ("warning.retired_agency", d.clone()),
        WarningKind::EmptySection(d) => ("warning.empty_section", d.clone()),
        WarningKind::UnreadDeadline(d) => ("warning.unread_deadline", d.clone()),
        WarningKind::MonthlyDueDefaulted(d) => ("warning.monthly_due", d.clone()),
        WarningKind::MissingMetadata(d) => ("warning.missing_metadata", d.clone()),
        WarningKind::NoSchedule => ("warning.no_schedule", String::new()),
    }
}

/// Selects line `line` (1-based) of the text area, so the user sees where a warning points.
fn select_line(line: usize) {
    let Some(area) = document().get_element_by_id("import-text") else { return };
    let Ok(area) = area.dyn_into::<web_sys::HtmlTextAreaElement>() else { return };
    let text = area.value();
    let mut start = 0usize;
    for (i, l) in text.split('\n').enumerate() {
        let len = l.encode_utf16().count();
        if i + 1 == line {
            let _ = area.focus();
            let _ = area.set_selection_range(start as u32, (start + len) as u32);
            return;
        }
        start += len + 1;
    }
}

fn names(ids: &[tiendo_core::ids::AgencyId], registry: &Registry) -> String {
    ids.iter().map(|id| registry.display_name(id)).collect::<Vec<_>>().join(", ")
}

/// The agencies a text is read against: the open plan's; before a first choice, while the
/// built-in plan is still on its way from the engine, the built-in registry (the page has it).
fn known_agencies(ctx: AppContext) -> Registry {
    match (ctx.plan(), ctx.setup.get_untracked()) {
        (Some(d), _) => d.registry.clone(),
        (None, None) => tiendo_core::builtin::tra_vinh_registry().unwrap_or_default(),
        (None, Some(_)) => Registry::default(),
    }
}

/// A plan read, with the registry it was read against.
type Read = (Arc<ParsedPlan>, Arc<Registry>);

/// Why the text or the file gave no plan.
#[derive(Debug, Clone)]
enum ReadError {
    /// Said by the message with this key.
    Said(&'static str),
    /// The engine could not answer.
    Engine(EngineError),
}

/// The import page (`/plan/import`).
#[component]
pub fn ImportPage() -> impl IntoView {
    let ctx = AppContext::expect();
    let text = RwSignal::new(String::new());
    let result: RwSignal<Option<Result<Read, ReadError>>> = RwSignal::new(None);
    // Made in the preview, kept across readings of the text; a new file starts afresh.
    let corrections = RwSignal::new(Corrections::default());
    // Until the engine has read the text (it holds the parser).
    let reading = RwSignal::new(false);
    let read = move |_| {
        reading.set(true);
        let text = text.get_untracked();
        let registry = known_agencies(ctx);
        leptos::task::spawn_local(async move {
            let Some(engine) = ctx.engine() else { return reading.set(false) };
            let parsed = match engine.parse_plan(text, registry.clone()).await {
                Ok(Ok(parsed)) => Ok((Arc::new(parsed), Arc::new(registry))),
                Ok(Err(ParseError::NoPlan)) => Err(ReadError::Said("import.error.no_plan")),
                Ok(Err(ParseError::TooLarge { .. })) => Err(ReadError::Said("import.error.too_large")),
                Err(e) => Err(ReadError::Engine(e)),
            };
            result.set(Some(parsed));
            reading.set(false);
        });
    };
    // A `.docx` (as decisions reach offices) is read by its paragraphs and table cells; its text
    // shows in the box, to correct before reading; a `.pdf` is refused with what to do.
    let open_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
        leptos::task::spawn_local(async move {
            let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await else { return };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let Some(engine) = ctx.engine() else { return };
            match engine.plan_file_text(bytes).await {
                Err(e) => result.set(Some(Err(ReadError::Engine(e)))),
                Ok(Ok(t)) => {
                    result.set(None);
                    corrections.set(Corrections::default());
                    text.set(t);
                }
                Ok(Err(e)) => {
                    use tiendo_core::parse::docx::DocxError;
                    let key = match e {
                        DocxError::Pdf => "import.error.pdf",
                        DocxError::OldWord => "import.error.old_word",
                        DocxError::NotUnicode => "import.error.not_unicode",
                        DocxError::NotDocx(_) | DocxError::Damaged(_) => "import.error.unreadable",
                    };
                    result.set(Some(Err(ReadError::Said(key))));
                }
            }
        });
    };
    let view_result = move || {
        result.get().map(|r| match r {
            Err(ReadError::Said(key)) => {
                view! { <p class="error" role="alert" id="import-error">{move || ctx.t(key)}</p> }.into_any()
            }
            Err(ReadError::Engine(e)) => {
                view! { <p class="error" role="alert" id="import-error">{ctx.error_text(&e)}</p> }.into_any()
            }
            Ok((raw, registry)) => {
                let (parsed, errors) = corrections.with(|c| c.apply(&raw));
                let mut registry = (*registry).clone();
                registry.agencies.extend(parsed.proposed_agencies.iter().cloned());
                let proposed = raw.proposed_agencies.clone();
                view! {
                    <ParsedView parsed=Arc::new(parsed) registry=Arc::new(registry) proposed=proposed
                        corrections=corrections errors=errors/>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="import-page">
            <h1>{move || ctx.t("import.title")}</h1>
            <p class="muted">{move || ctx.t("import.intro")}</p>
            <div class="card">
                <FilePick id="import-file" label="import.file" on_change=Callback::new(open_file)
                    accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.pdf"/>
                <label for="import-text">{move || ctx.t("import.paste")}</label>
                <textarea id="import-text" rows="12" spellcheck="false" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="button" id="import-read" class="primary" on:click=read
                    disabled=move || reading.get()>{move || ctx.t("import.read")}</button>
                {move || reading.get().then(|| view! { <p class="loading" role="status">{ctx.t("import.reading")}</p> })}
            </div>
            {view_result}
        </div>
    }
}

/// Makes a workspace on this laptop from the parsed plan, or writes an amended text into it as
/// changes.
#[component]
fn CreateBox(
    /// The parse result.
    parsed: Arc<ParsedPlan>,
    /// The registry with the proposed agencies added.
    registry: Arc<Registry>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let navigate = leptos_router::hooks::use_navigate();
    let office = registry.provincial_office().map(|a| a.id.to_string()).unwrap_or_default();
    let choice = RwSignal::new(office);
    let outcome: RwSignal<Option<Result<bool, crate::state::EngineError>>> = RwSignal::new(None);
    let options = registry
        .agencies
        .iter()
        .map(|a| view! { <option value=a.id.to_string()>{a.name.clone()}</option> })
        .collect_view();
    let create = move |_| {
        let Ok(agency) = tiendo_core::ids::AgencyId::new(choice.get_untracked()) else { return };
        let (parsed, registry, navigate) = (parsed.clone(), registry.clone(), navigate.clone());
        leptos::task::spawn_local(async move {
            let plan = parsed.plan.clone();
            let plan_id = plan.id.clone();
            let province = plan.decision.issuer.trim_start_matches("Ủy ban nhân dân tỉnh").trim().to_owned();
            let Ok(id) = tiendo_core::ids::WorkspaceId::new(plan_id.as_str()) else { return };
            let workspace = tiendo_core::model::Workspace {
                id,
                name: plan.title.clone(),
                province,
                year: plan.decision.date.year(),
                server: None,
            };
            let Some(engine) = ctx.engine() else { return };
            let result = engine.save_imported_plan(Settings::device(), workspace, (*registry).clone(), plan).await;
            let ok = result.is_ok();
            outcome.set(Some(result));
            if ok {
                crate::state::boot::choose(ctx, Setup::Local { plan: plan_id, agency });
                navigate("/", Default::default());
            }
        });
    };
    view! {
        <div class="create-box no-print">
            <label for="import-agency">{move || ctx.t("import.create.agency")}</label>
            <select id="import-agency" prop:value=move || choice.get() on:change=move |ev| choice.set(event_target_value(&ev))>
                {options}
            </select>
            <button type="button" id="import-create" class="primary" on:click=create>{move || ctx.t("import.create")}</button>
            <p class="hint">{move || ctx.t("import.create.hint")}</p>
            {move || outcome.get().and_then(|r| r.err()).map(|e| view! { <p class="error" role="alert">{ctx.error_text(&e)}</p> })}
        </div>
    }
}

/// What the parser made of the text: counts, warnings (each selects its line), the tree.
#[component]
fn ParsedView(
    /// The parse result.
    parsed: Arc<ParsedPlan>,
    /// The registry with the proposed agencies added.
    registry: Arc<Registry>,
    /// Every agency the text proposes, rejected ones included.
    proposed: Vec<Agency>,
    /// The corrections made here.
    corrections: RwSignal<Corrections>,
    /// Corrections that no longer apply to this reading.
    errors: Vec<CorrectionError>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let plan = &parsed.plan;
    let counts = (plan.sections.len(), plan.tasks().count(), plan.targets.len(), plan.schedule.len());
    let warnings = parsed
        .warnings
        .iter()
        .map(|w| {
            let (key, detail) = warning_key(w);
            let line = w.line;
            let detail: String = detail.chars().take(120).collect();
            view! {
                <li class="warning" data-line=line>
                    <button type="button" class="link" on:click=move |_| select_line(line)>
                        {move || ctx.t_with("import.line", &[("n", line.to_string())])}
                    </button>
                    " "{move || ctx.t(key)}" "<q>{detail.clone()}</q>
                </li>
            }
        })
        .collect_view();
    let errors = errors.iter().map(|e| view! { <li>{error_text(ctx, e)}</li> }).collect_view();
    let task_row = |t: &Task| {
        let lead = names(&t.lead, &registry);
        let coord = names(&t.coordinating, &registry);
        let groups: Vec<AgencyGroup> = t.groups.clone();
        let registry_now = registry.clone();
        let targets = plan.targets_of(&t.id).cloned().collect::<Vec<_>>();
        let text = t.title(160);
        let deadline = t.deadline.as_ref().map(|d| d.shown());
        view! {
            <li data-import-task=t.id.to_string() class=if t.lead.is_empty() && t.groups.is_empty() { "no-lead" } else { "" }>
                <strong>{t.id.to_string()}</strong>" "
                <span class="role lead">{lead}" "{move || groups.iter().map(|g| group_label(ctx, &registry_now, g)).collect::<Vec<_>>().join(", ")}</span>
                {(!coord.is_empty()).then(|| view! { " " <span class="role coordinating">{coord.clone()}</span> })}
                " "{text}
                {deadline.map(|d| view! { " "<span class="task-deadline">{move || ctx.t("task.deadline")}": "{d}</span> })}
                <ul>{targets.into_iter().map(|tg| {
                    let (kind, unit) = (tg.kind.clone(), tg.unit.clone());
                    view! {
                        <li class="target" data-import-target=tg.id.to_string()>
                            {tg.name.clone()}": "<span class="target-value">{move || describe(ctx.lang.get(), &kind, &unit)}</span>
                            " "<TargetFix target=tg.clone() corrections=corrections/>
                        </li>
                    }
                }).collect_view()}</ul>
                <TaskFix task=t.clone() registry=registry.clone() corrections=corrections/>
            </li>
        }
    };
    let tree = plan
        .sections
        .iter()
        .map(|s| {
            view! {
                <li data-import-section=s.id.to_string()>
                    <strong>{format!("{}. {}", s.id, s.title)}</strong>
                    <ul>{s.tasks.iter().map(task_row).collect_view()}</ul>
                </li>
            }
        })
        .collect_view();
    let schedule =
        plan.schedule.iter().map(|p| view! { <li>{p.label.clone()}": "{p.due.to_vietnamese()}</li> }).collect_view();
    let summary = format!("{} {}", plan.decision.number, plan.decision.date.to_vietnamese());
    let goals = plan.goals.clone();
    view! {
        <section class="card" id="import-result">
            <h2>{plan.title.clone()}</h2>
            <p>{summary}" · "{plan.decision.signer.clone()}</p>
            <p id="import-counts">{move || ctx.t_with("import.counts", &[
                ("sections", counts.0.to_string()), ("tasks", counts.1.to_string()),
                ("targets", counts.2.to_string()), ("periods", counts.3.to_string()),
            ])}</p>
            {(!proposed.is_empty()).then(|| view! { <ProposedChoice proposed=proposed corrections=corrections/> })}
            <ul id="import-fix-errors" class="warnings" role="status">{errors}</ul>
            <CreateBox parsed=parsed.clone() registry=registry.clone()/>
            <h3>{move || ctx.t_with("import.warnings", &[("n", parsed.warnings.len().to_string())])}</h3>
            <ul class="warnings">{warnings}</ul>
            <h3>{move || ctx.t("plan.schedule")}</h3>
            <ul>{schedule}</ul>
            <crate::components::target_list::PlanGoals goals=goals/>
            <h3>{move || ctx.t("plan.sections")}</h3>
            <ul class="import-tree">{tree}</ul>
        </section>
    }
}
