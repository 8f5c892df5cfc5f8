//! What the page asks of the engine ([`Command`]) and what it answers ([`Reply`]), one answer
//! per command, in the order asked; and the two envelopes they travel in between a page and an
//! engine in a worker ([`ToEngine`], [`FromEngine`]). Edits carry values, never closures, so
//! that every command is data.

use super::{
    EngineError, EngineEvent, Entered, Exported, FileChecked, Imported, NamedFile, NotChecked, OfficeAsk, OfficeEdit,
    OfficeEditError, OfficeEdited, OfficeFile, OfficeView, OpenRequest, Opening, PlanData, Refused, ReportRecord,
    Scanned, ViewDay,
};
use crate::changes::OnlyHere;
use crate::file::DeviceKey;
use crate::history::{ArrivalLog, Authors, ConflictEntry, Field, HistoryEntry};
use crate::ids::{AgencyId, DeviceId, PeriodId};
use crate::model::{ExplanationAnswer, ExplanationRequest, Plan, Registry, Workspace};
use crate::office::as_of::AsOfTally;
use crate::office::Arrivals;
use crate::parse::docx::DocxError;
use crate::parse::{ParseError, ParsedPlan};
use crate::schema::ReviewsDoc;
use crate::storage::DraftEdit;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One request to the engine.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Command {
    /// Open the documents of a first-run choice.
    Open(OpenRequest),
    /// Make (or bring up to date) a workspace on this laptop from a plan read from its text.
    SaveImportedPlan {
        /// This laptop's device.
        device: DeviceId,
        /// The workspace.
        workspace: Workspace,
        /// Its agencies.
        registry: Registry,
        /// The plan.
        plan: Plan,
    },
    /// One part of my reports as the page has it now.
    Edit(DraftEdit),
    /// Start writing what is typed as a change now.
    FlushSoon,
    /// Write what is typed and answer once it is written.
    Flush,
    /// The page is going away.
    PageHidden,
    /// Another tab wrote my reports: take them in.
    Refresh,
    /// The plan chosen in the top bar (its document id).
    ChoosePlan(String),
    /// Whether an agency's report of a period changed after it was sent.
    EditedSinceSent(AgencyId, PeriodId),
    /// The office's reviews document.
    ReadReviews,
    /// The requests for an explanation.
    ExplanationRequests,
    /// An agency's answers to them.
    AnswersOf(AgencyId),
    /// My agency's answer.
    Answer(ExplanationAnswer),
    /// One of the office's edits.
    OfficeEdit(OfficeEdit),
    /// One agency's report record for one period.
    ReportRecord {
        /// The agency.
        agency: AgencyId,
        /// The period.
        period: PeriodId,
        /// With its history.
        with_history: bool,
    },
    /// Who made changes.
    Authors,
    /// My reports' open conflicts.
    MyConflicts(Authors),
    /// Every other agency's open conflicts (the office's).
    ScanOthers,
    /// My changes no exported file held (`exported`: the heads the last one held).
    OnlyHere(Vec<String>),
    /// How my reports' changes reached this laptop.
    ArrivalLog,
    /// The history of some fields of my reports.
    HistoryOf {
        /// The fields.
        fields: Vec<Field>,
        /// Who made changes.
        authors: Authors,
        /// How they arrived.
        log: ArrivalLog,
    },
    /// Make my agency's sync file.
    ExportFile {
        /// The device's signing key.
        key: DeviceKey,
        /// Now, Unix milliseconds.
        now_ms: i64,
    },
    /// Start the workers that check a large sync file's documents at once: the engine module's
    /// JavaScript glue at `glue`, run by the worker script at `script`, one per core.
    StartCheckWorkers {
        /// The glue's URL.
        glue: String,
        /// The worker script's URL.
        script: String,
        /// The cores to use.
        cores: u32,
    },
    /// Stop them.
    StopCheckWorkers,
    /// Check a chosen file (on the check workers when they run and the file is large).
    CheckFile(Vec<u8>),
    /// Import the checked file.
    ImportChecked {
        /// The device's signing key (for the receipt).
        key: DeviceKey,
        /// Now, Unix milliseconds.
        now_ms: i64,
    },
    /// How much memory the engine's module holds (the bench adds it to the page's).
    Memory,
    /// One of the office's views, as of a day (`arrivals`: when each submission reached this
    /// laptop, which the page keeps).
    OfficeView {
        /// The day.
        day: ViewDay,
        /// When each submission arrived.
        arrivals: Arrivals,
        /// Which view.
        ask: OfficeAsk,
    },
    /// One of the office's files, as of a day.
    OfficeFile {
        /// The day.
        day: ViewDay,
        /// When each submission arrived.
        arrivals: Arrivals,
        /// Which file.
        file: OfficeFile,
        /// Now, Unix milliseconds (the workbook's date).
        now_ms: i64,
    },
    /// The built-in plan (the demo's, and the one shown before a first choice).
    BuiltinPlan,
    /// Read a plan from the text of its decision, naming agencies by `registry`.
    ParsePlan {
        /// The text.
        text: String,
        /// The agencies known.
        registry: Registry,
    },
    /// The text of a plan's file (a `.docx` by its paragraphs and cells, or a text file).
    PlanFileText(Vec<u8>),
    /// Enter a workspace with an invitation file and its code.
    EnterInvitation {
        /// The file.
        bytes: Vec<u8>,
        /// The code as typed.
        code: String,
    },
}

impl Command {
    /// Whether the command is long background work that only reads (the office's scan of every
    /// agency's conflicts): it runs beside the commands after it instead of holding them up.
    pub fn is_background(&self) -> bool {
        matches!(self, Command::ScanOthers)
    }
}

/// The engine's answer to one [`Command`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Reply {
    /// Done (the commands that answer nothing else).
    Done,
    /// To [`Command::Open`].
    Opened(Opening, Result<(), EngineError>),
    /// To [`Command::SaveImportedPlan`]: whether the plan was here already.
    PlanSaved(Result<bool, EngineError>),
    /// To [`Command::Flush`]: whether everything typed is on disk.
    Flushed(Result<bool, EngineError>),
    /// A yes or no.
    Bool(bool),
    /// To [`Command::ReadReviews`].
    Reviews(Result<ReviewsDoc, EngineError>),
    /// To [`Command::ExplanationRequests`].
    Requests(Vec<ExplanationRequest>),
    /// To [`Command::AnswersOf`].
    Answers(Vec<ExplanationAnswer>),
    /// To [`Command::Answer`].
    Answered(Result<(), EngineError>),
    /// To [`Command::OfficeEdit`].
    OfficeEdited(Result<OfficeEdited, OfficeEditError>),
    /// To [`Command::ReportRecord`].
    Record(ReportRecord),
    /// To [`Command::Authors`].
    Authors(Option<Authors>),
    /// To [`Command::MyConflicts`]: `None` while an edit is open.
    Conflicts(Option<Vec<ConflictEntry>>),
    /// To [`Command::ScanOthers`]: `None` while a scan runs.
    Scanned(Option<Scanned>),
    /// To [`Command::OnlyHere`].
    OnlyHere(Option<OnlyHere>),
    /// To [`Command::ArrivalLog`].
    ArrivalLog(ArrivalLog),
    /// To [`Command::HistoryOf`]: `None` while an edit is open.
    History(Option<Vec<HistoryEntry>>),
    /// To [`Command::ExportFile`].
    Exported(Result<Exported, EngineError>),
    /// To [`Command::CheckFile`].
    Checked(Result<FileChecked, NotChecked>),
    /// To [`Command::ImportChecked`].
    Imported(Result<Imported, EngineError>),
    /// To [`Command::Memory`]: bytes.
    Memory(f64),
    /// To [`Command::EnterInvitation`].
    Entered(Result<Entered, Refused>),
    /// To [`Command::OfficeView`]: the view, and what a reading as of a past day counted.
    OfficeView(Box<Result<(OfficeView, Option<AsOfTally>), EngineError>>),
    /// To [`Command::OfficeFile`].
    OfficeFile(Result<NamedFile, EngineError>),
    /// To [`Command::BuiltinPlan`].
    Builtin(Result<Arc<PlanData>, EngineError>),
    /// To [`Command::ParsePlan`].
    Parsed(Box<Result<ParsedPlan, ParseError>>),
    /// To [`Command::PlanFileText`].
    PlanFileText(Result<String, DocxError>),
}

/// A command on its way to an engine in a worker, numbered so that its reply finds it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ToEngine {
    /// The page's number for it.
    pub id: u64,
    /// The command.
    pub command: Command,
}

/// What an engine in a worker sends the page.
#[derive(Debug, Serialize, Deserialize)]
pub enum FromEngine {
    /// The engine has started and takes commands.
    Ready,
    /// The reply to command `id`.
    Reply {
        /// The command's number.
        id: u64,
        /// The reply.
        reply: Box<Reply>,
    },
    /// A notice.
    Event(EngineEvent),
}
