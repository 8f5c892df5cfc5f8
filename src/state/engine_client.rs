//! The page's one way to the engine: every request is a [`Command`] answered by one [`Reply`],
//! and the engine's notices come back as [`EngineEvent`]s (`state/events.rs`). The typed
//! methods below are the page's vocabulary; each is one command. The engine runs in its own
//! module in a dedicated worker (`state/engine_worker.rs`), or, for the wasm tests, in the
//! page's module, where a command is a call; the pages cannot tell.

use std::rc::Rc;
use std::sync::Arc;
use tiendo_core::changes::OnlyHere;
use tiendo_core::engine::{
    Command, EngineError, EngineEvent, Entered, Exported, FileChecked, Imported, NamedFile, NotChecked, OfficeAsk,
    OfficeEdit, OfficeEditError, OfficeEdited, OfficeFile, OfficeView, OpenRequest, Opening, PlanData, Refused, Reply,
    ReportRecord, Scanned, ViewDay,
};
use tiendo_core::file::DeviceKey;
use tiendo_core::history::{ArrivalLog, Authors, ConflictEntry, Field, HistoryEntry};
use tiendo_core::ids::{AgencyId, DeviceId, PeriodId};
use tiendo_core::model::{ExplanationAnswer, ExplanationRequest, Plan, Registry, Workspace};
use tiendo_core::office::as_of::AsOfTally;
use tiendo_core::office::Arrivals;
use tiendo_core::parse::docx::DocxError;
use tiendo_core::parse::{ParseError, ParsedPlan};
use tiendo_core::schema::ReviewsDoc;
use tiendo_core::storage::DraftEdit;

/// The engine, as the page sees it: in its dedicated worker, or in the page's own module where
/// the page names no worker (the wasm tests).
#[derive(Clone)]
pub struct EngineClient {
    link: Link,
}

#[derive(Clone)]
enum Link {
    #[cfg(feature = "engine-in-page")]
    InPage(Rc<tiendo_engine::Engine>),
    Worker(Rc<super::engine_worker::WorkerLink>),
    /// No engine: its worker could not be started, and the page has none of its own.
    #[cfg(not(feature = "engine-in-page"))]
    None,
}

/// The reply did not answer the command (an engine of another version): said as the engine's
/// failure to answer.
fn unanswered(reply: Reply) -> EngineError {
    EngineError::Unanswered(format!("{reply:?}").chars().take(80).collect())
}

impl EngineClient {
    /// Starts the engine, in its worker when the page names one; its notices go to `notify`,
    /// in order.
    pub fn start(notify: impl Fn(EngineEvent) + 'static) -> Self {
        let link = match super::engine_worker::WorkerLink::start(Rc::new(notify)) {
            Ok(worker) => Link::Worker(Rc::new(worker)),
            #[cfg(feature = "engine-in-page")]
            Err(notify) => Link::InPage(tiendo_engine::Engine::new(notify)),
            #[cfg(not(feature = "engine-in-page"))]
            Err(_) => Link::None,
        };
        Self { link }
    }

    /// Asks the engine, and waits for its answer.
    pub async fn call(&self, command: Command) -> Reply {
        match &self.link {
            #[cfg(feature = "engine-in-page")]
            Link::InPage(engine) => engine.handle(command).await,
            Link::Worker(worker) => worker.call(command).await,
            #[cfg(not(feature = "engine-in-page"))]
            Link::None => Reply::Answered(Err(EngineError::Unanswered("no engine started".into()))),
        }
    }

    /// Tells the engine, without waiting: edits and the moments to write them, in order.
    pub fn send(&self, command: Command) {
        match &self.link {
            #[cfg(feature = "engine-in-page")]
            Link::InPage(engine) => {
                let engine = Rc::clone(engine);
                leptos::task::spawn_local(async move {
                    engine.handle(command).await;
                });
            }
            Link::Worker(worker) => worker.send(command),
            #[cfg(not(feature = "engine-in-page"))]
            Link::None => {}
        }
    }

    /// How much memory the engine's module holds, in bytes (0 if it does not say).
    pub async fn memory_bytes(&self) -> f64 {
        match self.call(Command::Memory).await {
            Reply::Memory(bytes) => bytes,
            _ => 0.0,
        }
    }

    /// The page is going away. An engine in a worker is stopped now: it would go on writing for
    /// a moment after the page is gone, beside the next page's engine, which replays what this
    /// one left (its stored draft, the page's stash) once this tab is gone. An engine in the page
    /// starts writing what is typed.
    pub fn page_gone(&self) {
        match &self.link {
            Link::Worker(worker) => worker.stop(),
            _ => self.send(Command::PageHidden),
        }
    }

    /// Whether the engine runs in its own worker.
    pub fn in_worker(&self) -> bool {
        matches!(self.link, Link::Worker(_))
    }

    /// Opens the documents of a first-run choice.
    pub async fn open(&self, request: OpenRequest) -> (Opening, Result<(), EngineError>) {
        match self.call(Command::Open(request)).await {
            Reply::Opened(opening, result) => (opening, result),
            other => (Opening::default(), Err(unanswered(other))),
        }
    }

    /// Makes a workspace on this laptop from a plan read from its text.
    pub async fn save_imported_plan(
        &self,
        device: DeviceId,
        workspace: Workspace,
        registry: Registry,
        plan: Plan,
    ) -> Result<bool, EngineError> {
        match self.call(Command::SaveImportedPlan { device, workspace, registry, plan }).await {
            Reply::PlanSaved(r) => r,
            other => Err(unanswered(other)),
        }
    }

    /// One part of my reports as the page has it now.
    pub fn edit(&self, edit: DraftEdit) {
        self.send(Command::Edit(edit));
    }

    /// Writes what is typed and waits for the write.
    pub async fn flush(&self) -> Result<bool, EngineError> {
        match self.call(Command::Flush).await {
            Reply::Flushed(r) => r,
            other => Err(unanswered(other)),
        }
    }

    /// One of the office's views as of `day`, and what a reading as of a past day counted.
    pub async fn office_view(
        &self,
        day: ViewDay,
        arrivals: Arrivals,
        ask: OfficeAsk,
    ) -> Result<(OfficeView, Option<AsOfTally>), EngineError> {
        match self.call(Command::OfficeView { day, arrivals, ask }).await {
            Reply::OfficeView(r) => *r,
            other => Err(unanswered(other)),
        }
    }

    /// One of the office's files as of `day`.
    pub async fn office_file(
        &self,
        day: ViewDay,
        arrivals: Arrivals,
        file: OfficeFile,
        now_ms: i64,
    ) -> Result<NamedFile, EngineError> {
        match self.call(Command::OfficeFile { day, arrivals, file, now_ms }).await {
            Reply::OfficeFile(r) => r,
            other => Err(unanswered(other)),
        }
    }

    /// Whether an agency's report of a period changed after it was sent.
    pub async fn edited_since_sent(&self, agency: AgencyId, period: PeriodId) -> bool {
        matches!(self.call(Command::EditedSinceSent(agency, period)).await, Reply::Bool(true))
    }

    /// The office's reviews document.
    pub async fn read_reviews(&self) -> Result<ReviewsDoc, EngineError> {
        match self.call(Command::ReadReviews).await {
            Reply::Reviews(r) => r,
            other => Err(unanswered(other)),
        }
    }

    /// The requests for an explanation.
    pub async fn explanation_requests(&self) -> Vec<ExplanationRequest> {
        match self.call(Command::ExplanationRequests).await {
            Reply::Requests(r) => r,
            _ => Vec::new(),
        }
    }

    /// An agency's answers to them.
    pub async fn answers_of(&self, agency: AgencyId) -> Vec<ExplanationAnswer> {
        match self.call(Command::AnswersOf(agency)).await {
            Reply::Answers(r) => r,
            _ => Vec::new(),
        }
    }

    /// My agency's answer.
    pub async fn answer(&self, answer: ExplanationAnswer) -> Result<(), EngineError> {
        match self.call(Command::Answer(answer)).await {
            Reply::Answered(r) => r,
            other => Err(unanswered(other)),
        }
    }

    /// One of the office's edits.
    pub async fn office_edit(&self, edit: OfficeEdit) -> Result<OfficeEdited, OfficeEditError> {
        match self.call(Command::OfficeEdit(edit)).await {
            Reply::OfficeEdited(r) => r,
            other => Err(OfficeEditError::Storage(unanswered(other))),
        }
    }

    /// One agency's report record for one period.
    pub async fn report_record(&self, agency: AgencyId, period: PeriodId, with_history: bool) -> ReportRecord {
        match self.call(Command::ReportRecord { agency, period, with_history }).await {
            Reply::Record(r) => r,
            _ => ReportRecord::default(),
        }
    }

    /// Who made changes.
    pub async fn authors(&self) -> Option<Authors> {
        match self.call(Command::Authors).await {
            Reply::Authors(r) => r,
            _ => None,
        }
    }

    /// My reports' open conflicts; `None` while an edit is open.
    pub async fn my_conflicts(&self, authors: Authors) -> Option<Vec<ConflictEntry>> {
        match self.call(Command::MyConflicts(authors)).await {
            Reply::Conflicts(r) => r,
            _ => None,
        }
    }

    /// Every other agency's open conflicts; `None` while a scan runs.
    pub async fn scan_others(&self) -> Option<Scanned> {
        match self.call(Command::ScanOthers).await {
            Reply::Scanned(r) => r,
            _ => None,
        }
    }

    /// My changes no exported file held.
    pub async fn only_here(&self, exported: Vec<String>) -> Option<OnlyHere> {
        match self.call(Command::OnlyHere(exported)).await {
            Reply::OnlyHere(r) => r,
            _ => None,
        }
    }

    /// How my reports' changes reached this laptop.
    pub async fn arrival_log(&self) -> ArrivalLog {
        match self.call(Command::ArrivalLog).await {
            Reply::ArrivalLog(r) => r,
            _ => ArrivalLog::default(),
        }
    }

    /// The history of some fields of my reports; `None` while an edit is open.
    pub async fn history_of(&self, fields: Vec<Field>, authors: Authors, log: ArrivalLog) -> Option<Vec<HistoryEntry>> {
        match self.call(Command::HistoryOf { fields, authors, log }).await {
            Reply::History(r) => r,
            _ => None,
        }
    }

    /// My agency's sync file.
    pub async fn export_file(&self, key: DeviceKey, now_ms: i64) -> Result<Exported, EngineError> {
        match self.call(Command::ExportFile { key, now_ms }).await {
            Reply::Exported(r) => r,
            other => Err(unanswered(other)),
        }
    }

    /// Checks a chosen file.
    pub async fn check_file(&self, bytes: Vec<u8>) -> Result<FileChecked, NotChecked> {
        match self.call(Command::CheckFile(bytes)).await {
            Reply::Checked(r) => r,
            other => Err(NotChecked::local(unanswered(other))),
        }
    }

    /// Imports the checked file.
    pub async fn import_checked(&self, key: DeviceKey, now_ms: i64) -> Result<Imported, EngineError> {
        match self.call(Command::ImportChecked { key, now_ms }).await {
            Reply::Imported(r) => r,
            other => Err(unanswered(other)),
        }
    }

    /// Enters a workspace with an invitation file.
    pub async fn enter_invitation(&self, bytes: Vec<u8>, code: String) -> Result<Entered, Refused> {
        match self.call(Command::EnterInvitation { bytes, code }).await {
            Reply::Entered(r) => r,
            other => Err(Refused { key: "invite.error.damaged".into(), detail: unanswered(other).to_string() }),
        }
    }

    /// The built-in plan (the demo's, and the one shown before a first choice).
    pub async fn builtin_plan(&self) -> Result<Arc<PlanData>, EngineError> {
        match self.call(Command::BuiltinPlan).await {
            Reply::Builtin(r) => r,
            other => Err(unanswered(other)),
        }
    }

    /// Reads a plan from the text of its decision (the engine holds the parser).
    pub async fn parse_plan(
        &self,
        text: String,
        registry: Registry,
    ) -> Result<Result<ParsedPlan, ParseError>, EngineError> {
        match self.call(Command::ParsePlan { text, registry }).await {
            Reply::Parsed(r) => Ok(*r),
            other => Err(unanswered(other)),
        }
    }

    /// The text of a plan's file (`.docx` or text).
    pub async fn plan_file_text(&self, bytes: Vec<u8>) -> Result<Result<String, DocxError>, EngineError> {
        match self.call(Command::PlanFileText(bytes)).await {
            Reply::PlanFileText(r) => Ok(r),
            other => Err(unanswered(other)),
        }
    }
}
