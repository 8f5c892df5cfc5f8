//! What the engine answers the page with, beyond the plan and my reports: plain values the
//! page draws without the documents.

use crate::file::{DeviceKey, DocPreview};
use crate::history::{Authors, ConflictEntry, HistoryEntry};
use crate::ids::DeviceId;
use serde::{Deserialize, Serialize};

/// One agency's report for one period as this laptop holds it: what the office's review page
/// shows of its record.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReportRecord {
    /// Its open conflicts (values to pick and texts written on two laptops).
    pub conflicts: Vec<ConflictEntry>,
    /// Its changes, newest first (read only when asked: a long report has many).
    pub history: Vec<HistoryEntry>,
    /// Who made them.
    pub authors: Authors,
}

/// What one scan of the other agencies' reports found, and what it cost.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Scanned {
    /// Their open conflicts.
    pub found: Vec<ConflictEntry>,
    /// How long the scan took, in milliseconds.
    pub ms: f64,
    /// How many documents it read (the others were as the last scan left them).
    pub documents: usize,
}

/// A file made for the USB stick.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Exported {
    /// Its name.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// How many documents it carries.
    pub docs: usize,
    /// The heads of my reports it holds (what is no longer only on this laptop).
    pub heads: Vec<String>,
}

/// What a chosen file turned out to be.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum FileChecked {
    /// A receipt: per document it names, whether its signer holds everything this laptop has.
    Receipt(Vec<(String, bool)>),
    /// An export whose every change is here already.
    Already,
    /// An export that passed every check, waiting to be imported: what it changes, and the
    /// agency that made it.
    Preview(Vec<DocPreview>, String),
}

/// Why a file was not accepted: the translation key, and the reason when it is about this
/// laptop rather than the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotChecked {
    /// The message's translation key.
    pub key: String,
    /// What went wrong here (`None`: the file was refused).
    pub local: Option<String>,
}

impl NotChecked {
    /// A problem of this laptop, not of the file.
    pub fn local(e: impl ToString) -> Self {
        Self { key: crate::file::share::LOCAL_PROBLEM.into(), local: Some(e.to_string()) }
    }
}

/// What an import did.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Imported {
    /// How many documents it wrote.
    pub docs: usize,
    /// The receipt to give back, signed by this device.
    pub receipt: Vec<u8>,
    /// The agency that made the file.
    pub agency: String,
    /// What it changed (the submissions it brought, for their arrival).
    pub preview: Vec<DocPreview>,
}

/// What entering with an invitation gave: the setup to choose, and the device this laptop
/// becomes (its id and key, for the page to keep).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entered {
    /// The setup to choose.
    pub setup: super::Setup,
    /// The device the invitation registered.
    pub device: DeviceId,
    /// Its signing key.
    pub key: DeviceKey,
}

/// Why entering with an invitation failed: a translation key and the detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    /// The translation key.
    pub key: String,
    /// The detail (English, for the record).
    pub detail: String,
}
