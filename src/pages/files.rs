//! Sync files (USB): export what my agency gives; check a file, see what it would change, import
//! it all or nothing, hand back a receipt; read receipts; the history of files.

use crate::state::boot::mark;
use crate::state::files::{self, HistoryEntry};
use crate::state::settings::Setup;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::engine::{Exported, FileChecked, Imported};
use tiendo_core::file::{check_size, DocPreview, DEFAULT_MAX_BYTES};
use tiendo_start::components::file_pick::FilePick;

/// Where an import stands.
#[derive(Clone)]
enum Step {
    Idle,
    Busy(&'static str),
    Refused(String, String),
    Preview(Vec<DocPreview>, String),
    Already(String),
    Imported(usize, Vec<u8>, String),
    Receipt(Vec<(String, bool)>, String),
}

/// `09/03/2026 14:05`, in Vietnam's time whatever the laptop's zone.
fn when(at_ms: i64) -> String {
    use tiendo_core::Day;
    match (Day::in_vietnam(at_ms), Day::vietnam_clock(at_ms)) {
        (Some(day), Some(clock)) => format!("{} {clock}", day.to_vietnamese()),
        _ => String::new(),
    }
}

/// The sync files page.
#[component]
pub fn FilesPage() -> impl IntoView {
    let ctx = AppContext::expect();
    let step = RwSignal::new_local(Step::Idle);
    let exported = RwSignal::new(None::<String>);
    let history = RwSignal::new(files::history());
    // Started now, so that the workers are ready by the time a file is chosen; they stop when
    // the page is left.
    files::start_workers(ctx);
    on_cleanup(move || files::stop_workers(ctx));
    let now = || js_sys::Date::now() as i64;
    // For the benchmark: when the preview and the result are on screen.
    Effect::new(move || match &*step.read() {
        Step::Preview(..) => mark("tiendo:file:preview-shown"),
        Step::Imported(..) => mark("tiendo:file:done-shown"),
        _ => {}
    });
    let export = move |_| {
        let Some(agency) = ctx.agency() else { return };
        exported.set(Some(ctx.t("files.busy")));
        leptos::task::spawn_local(async move {
            match files::export(ctx).await {
                Ok(Exported { name, bytes, docs: count, .. }) => {
                    files::download(&name, &bytes);
                    files::remember(HistoryEntry {
                        at_ms: now(),
                        what: "export".into(),
                        name: name.clone(),
                        agency: agency.to_string(),
                        docs: count,
                    });
                    history.set(files::history());
                    exported.set(Some(ctx.t_with(
                        "files.exported",
                        &[("name", name), ("n", count.to_string()), ("kb", (bytes.len() / 1024).max(1).to_string())],
                    )));
                }
                Err(e) => exported.set(Some(ctx.error_text(&e))),
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
        let name = file.name();
        // The size cap first: a huge file is never read.
        if let Err(e) = check_size(file.size() as u64, DEFAULT_MAX_BYTES) {
            step.set(Step::Refused(e.key().into(), name));
            return;
        }
        step.set(Step::Busy("files.checking"));
        mark("tiendo:file:chosen");
        leptos::task::spawn_local(async move {
            let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await else {
                step.set(Step::Refused("file.error.truncated".into(), name));
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let checked = files::check(ctx, bytes).await;
            mark("tiendo:file:checked");
            step.set(match checked {
                // A demo laptop is a workspace of its own: say so, and what to do instead.
                Err(e)
                    if e.key == "file.error.signer"
                        && ctx.setup.with_untracked(|s| matches!(s, Some(Setup::Demo { .. }))) =>
                {
                    Step::Refused("file.error.signer.demo".into(), name)
                }
                Err(e) => Step::Refused(e.key, e.local.unwrap_or(name)),
                Ok(FileChecked::Receipt(docs)) => Step::Receipt(docs, name),
                Ok(FileChecked::Already) => Step::Already(name),
                Ok(FileChecked::Preview(preview, _)) => Step::Preview(preview, name),
            });
        });
    };
    let apply = move |_| {
        let Step::Preview(_, name) = step.get_untracked() else { return };
        step.set(Step::Busy("files.importing"));
        mark("tiendo:file:apply");
        leptos::task::spawn_local(async move {
            match files::import(ctx).await {
                Ok(Imported { docs: n, receipt, agency, .. }) => {
                    files::remember(HistoryEntry {
                        at_ms: now(),
                        what: "import".into(),
                        name: name.clone(),
                        agency,
                        docs: n,
                    });
                    history.set(files::history());
                    step.set(Step::Imported(n, receipt, name));
                }
                Err(e) => step.set(Step::Refused(e.key().into(), e.detail().unwrap_or_default().to_owned())),
            }
        });
    };
    let agency_name = move |id: &str| {
        ctx.plan().and_then(|p| id.parse().ok().map(|a| p.agency_name(&a))).unwrap_or_else(|| id.to_owned())
    };
    let preview_view = move |items: Vec<DocPreview>| {
        items
            .into_iter()
            .map(|d| {
                let who = d.agency.as_ref().map(|a| agency_name(a.as_str())).unwrap_or_else(|| d.id.clone());
                let periods = d
                    .periods
                    .iter()
                    .map(|p| {
                        let mut parts = vec![ctx.t_with("files.preview.tasks", &[("n", p.tasks.len().to_string())])];
                        if !p.targets.is_empty() {
                            parts.push(ctx.t_with("files.preview.targets", &[("n", p.targets.len().to_string())]));
                        }
                        if p.general {
                            parts.push(ctx.t("files.preview.general"));
                        }
                        if p.submitted {
                            parts.push(ctx.t("files.preview.submitted"));
                        }
                        view! { <li data-period=p.period.to_string()>{format!("{}: {}", p.period, parts.join(", "))}</li> }
                    })
                    .collect_view();
                view! {
                    <li data-doc=d.id.clone()>
                        <strong>{who}</strong>" — "{ctx.t_with("files.preview.changes", &[("n", d.new_changes.to_string())])}
                        <ul>{periods}</ul>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="files-page">
            <h1>{move || ctx.t("files.title")}</h1>
            <section class="card">
                <h2>{move || ctx.t("files.export.title")}</h2>
                <p>{move || ctx.t("files.export.text")}</p>
                <button type="button" id="export-file" class="primary" on:click=export>{move || ctx.t("files.export.go")}</button>
                <p id="export-result" role="status">{move || exported.get()}</p>
            </section>
            <section class="card">
                <h2>{move || ctx.t("files.import.title")}</h2>
                <p>{move || ctx.t("files.import.text")}</p>
                <FilePick id="import-file" accept=".tiendo" label="files.import.choose" on_change=Callback::new(on_file)/>
                <div id="file-step" role="status">{move || match step.get() {
                    Step::Idle => ().into_any(),
                    Step::Busy(k) => view! { <p class="loading">{ctx.t(k)}</p> }.into_any(),
                    Step::Refused(k, detail) => view! { <p id="file-error" class="error" role="alert">{ctx.t(&k)}" ("{detail}")"</p> }.into_any(),
                    Step::Already(name) => view! { <p id="file-already">{ctx.t_with("files.already", &[("name", name)])}</p> }.into_any(),
                    Step::Preview(preview, name) => view! {
                        <p>{ctx.t_with("files.preview.title", &[("name", name)])}</p>
                        <ul id="file-preview">{preview_view(preview)}</ul>
                        <button type="button" id="file-apply" class="primary" on:click=apply>{ctx.t("files.apply")}</button>
                    }.into_any(),
                    Step::Imported(n, receipt, name) => {
                        let receipt_name = name.replace(".tiendo", ".receipt.tiendo");
                        view! {
                            <p id="file-result">{ctx.t_with("files.imported", &[("n", n.to_string())])}</p>
                            <button type="button" id="file-receipt" on:click=move |_| files::download(&receipt_name, &receipt)>{ctx.t("files.receipt")}</button>
                        }.into_any()
                    }
                    Step::Receipt(docs, name) => {
                        let all = docs.iter().all(|(_, held)| *held);
                        let text = if all { ctx.t("files.receipt.all") } else { ctx.t("files.receipt.some") };
                        view! { <p id="receipt-result" data-all=all.to_string()>{name}": "{text}</p> }.into_any()
                    }
                }}</div>
            </section>
            <section class="card">
                <h2>{move || ctx.t("files.history")}</h2>
                <table id="file-history">
                    <thead><tr>
                        <th scope="col">{move || ctx.t("files.history.when")}</th>
                        <th scope="col">{move || ctx.t("files.history.what")}</th>
                        <th scope="col">{move || ctx.t("files.history.file")}</th>
                        <th scope="col">{move || ctx.t("files.history.agency")}</th>
                        <th scope="col">{move || ctx.t("files.history.docs")}</th>
                    </tr></thead>
                    <tbody>{move || history.get().into_iter().map(|h| view! {
                        <tr><td class="when">{when(h.at_ms)}</td><td>{ctx.t(&format!("files.what.{}", h.what))}</td><td>{h.name}</td><td>{agency_name(&h.agency)}</td><td>{h.docs}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </section>
        </div>
    }
}
