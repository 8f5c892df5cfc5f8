//! Entering a workspace with an invitation file: open it with its code, check it, store what it
//! holds, become the device it registered.

use super::settings::{Settings, Setup};
use tiendo_core::file::invite::{self, InviteError};
use tiendo_core::file::{check_size, DEFAULT_MAX_BYTES};
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::storage::Storage;
use tiendo_engine::repo::joined_database;
use tiendo_engine::storage::AnyStorage;

/// Why entering failed: a translation key and the detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The translation key.
    pub key: &'static str,
    /// The detail (English, for the record).
    pub detail: String,
}

impl From<InviteError> for Refused {
    fn from(e: InviteError) -> Self {
        Refused { key: e.key(), detail: e.to_string() }
    }
}

/// Opens and checks `bytes` with `code`, stores the documents all or nothing, and remembers the
/// device. Returns the setup to choose. Nothing is stored unless every check passed.
pub async fn enter(bytes: &[u8], code: &str) -> Result<Setup, Refused> {
    check_size(bytes.len() as u64, DEFAULT_MAX_BYTES).map_err(|e| Refused { key: e.key(), detail: e.to_string() })?;
    let opened = invite::open(bytes, code)?;
    let enrolled = invite::enrol(&opened, DEFAULT_MAX_BYTES)?;
    let h = &opened.header;
    let damaged = |detail: String| Refused { key: "invite.error.damaged", detail };
    let device = DeviceId::new(h.device.clone()).map_err(|e| damaged(e.to_string()))?;
    let agency = AgencyId::new(h.agency.clone()).map_err(|e| damaged(e.to_string()))?;
    let chunks = enrolled.chunks().map_err(|e| damaged(e.to_string()))?;
    let (storage, _) = AnyStorage::open(&joined_database(&h.workspace)).await;
    storage.put_all(&chunks).await.map_err(|e| Refused { key: "files.error.local", detail: e.to_string() })?;
    Settings::save_invited_device(&device, &opened.key);
    Ok(Setup::Invited { workspace: h.workspace.clone(), agency })
}
