//! Entering a workspace with an invitation file: open it with its code, check it, store what it
//! holds, become the device it registered.

use crate::repo::joined_database;
use crate::storage::AnyStorage;
use tiendo_core::engine::{Entered, Refused, Setup};
use tiendo_core::file::invite::{self, InviteError};
use tiendo_core::file::{check_size, DEFAULT_MAX_BYTES};
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::storage::Storage;

fn refused(key: &str, detail: impl ToString) -> Refused {
    Refused { key: key.to_owned(), detail: detail.to_string() }
}

fn invite_refused(e: InviteError) -> Refused {
    refused(e.key(), e)
}

/// Opens and checks `bytes` with `code` and stores the documents all or nothing. Nothing is
/// stored unless every check passed.
pub async fn enter(bytes: &[u8], code: &str) -> Result<Entered, Refused> {
    check_size(bytes.len() as u64, DEFAULT_MAX_BYTES).map_err(|e| refused(e.key(), &e))?;
    let opened = invite::open(bytes, code).map_err(invite_refused)?;
    let enrolled = invite::enrol(&opened, DEFAULT_MAX_BYTES).map_err(invite_refused)?;
    let h = &opened.header;
    let damaged = |detail: String| refused("invite.error.damaged", detail);
    let device = DeviceId::new(h.device.clone()).map_err(|e| damaged(e.to_string()))?;
    let agency = AgencyId::new(h.agency.clone()).map_err(|e| damaged(e.to_string()))?;
    let chunks = enrolled.chunks().map_err(|e| damaged(e.to_string()))?;
    let (storage, _) = AnyStorage::open(&joined_database(&h.workspace)).await;
    storage.put_all(&chunks).await.map_err(|e| refused("files.error.local", e))?;
    Ok(Entered { setup: Setup::Invited { workspace: h.workspace.clone(), agency }, device, key: opened.key })
}
