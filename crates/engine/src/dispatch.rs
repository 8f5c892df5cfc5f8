//! The engine's commands, answered one by one: what a page sends an engine (in the same
//! module, or in a worker) comes here, and every answer is a plain value.

use crate::check_pool::CheckPool;
use crate::Engine;
use std::sync::Arc;
use tiendo_core::engine::{Command, PlanData, Reply};

impl Engine {
    /// Answers one command.
    pub async fn handle(&self, command: Command) -> Reply {
        match command {
            Command::Open(request) => {
                let (opening, result) = self.open(request).await;
                Reply::Opened(opening, result)
            }
            Command::SaveImportedPlan { device, workspace, registry, plan } => {
                Reply::PlanSaved(self.save_imported_plan(&device, workspace, registry, plan).await)
            }
            Command::Edit(edit) => {
                self.edit(edit);
                Reply::Done
            }
            Command::FlushSoon => {
                self.flush_now();
                Reply::Done
            }
            Command::Flush => Reply::Flushed(self.flush().await),
            Command::PageHidden => {
                self.page_hidden();
                Reply::Done
            }
            Command::Refresh => {
                self.refresh();
                Reply::Done
            }
            Command::ChoosePlan(doc) => {
                self.choose_plan(&doc);
                Reply::Done
            }
            Command::EditedSinceSent(agency, period) => Reply::Bool(self.edited_since_sent(&agency, &period).await),
            Command::ReadReviews => Reply::Reviews(self.read_reviews().await),
            Command::ExplanationRequests => Reply::Requests(self.explanation_requests().await),
            Command::AnswersOf(agency) => Reply::Answers(self.answers_of(&agency).await),
            Command::Answer(answer) => Reply::Answered(self.answer(answer)),
            Command::OfficeEdit(edit) => Reply::OfficeEdited(self.office_edit(edit).await),
            Command::ReportRecord { agency, period, with_history } => {
                Reply::Record(self.report_record(&agency, &period, with_history).await)
            }
            Command::Authors => Reply::Authors(self.authors().await),
            Command::MyConflicts(authors) => Reply::Conflicts(self.my_conflicts(&authors)),
            Command::ScanOthers => Reply::Scanned(self.scan_others().await),
            Command::OnlyHere(exported) => Reply::OnlyHere(self.only_here(&exported)),
            Command::ArrivalLog => Reply::ArrivalLog(self.arrival_log().await),
            Command::HistoryOf { fields, authors, log } => Reply::History(self.history_of(&fields, &authors, &log)),
            Command::ExportFile { key, now_ms } => Reply::Exported(self.export_file(&key, now_ms).await),
            Command::StartCheckWorkers { glue, script, cores } => {
                *self.workers.borrow_mut() = CheckPool::start(&glue, &script, cores).map(std::rc::Rc::new);
                Reply::Done
            }
            Command::StopCheckWorkers => {
                *self.workers.borrow_mut() = None;
                Reply::Done
            }
            Command::CheckFile(bytes) => {
                let workers = self.workers.borrow().clone();
                Reply::Checked(self.check_file(&bytes, workers.as_deref()).await)
            }
            Command::ImportChecked { key, now_ms } => Reply::Imported(self.import_checked(&key, now_ms).await),
            Command::Memory => Reply::Memory(memory_bytes()),
            Command::EnterInvitation { bytes, code } => Reply::Entered(crate::invite::enter(&bytes, &code).await),
            Command::OfficeView { day, arrivals, ask } => {
                Reply::OfficeView(Box::new(self.office_view(day, &arrivals, &ask).await))
            }
            Command::OfficeFile { day, arrivals, file, now_ms } => {
                Reply::OfficeFile(self.office_file(day, &arrivals, &file, now_ms).await)
            }
            Command::BuiltinPlan => Reply::Builtin(PlanData::builtin().map(Arc::new)),
            Command::ParsePlan { text, registry } => {
                Reply::Parsed(Box::new(tiendo_core::parse::parse_plan(&text, &registry)))
            }
            Command::PlanFileText(bytes) => Reply::PlanFileText(tiendo_core::parse::docx::text_of_file(&bytes)),
        }
    }
}

/// The WASM memory this module holds, in bytes.
fn memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |b| f64::from(b.byte_length()))
}
