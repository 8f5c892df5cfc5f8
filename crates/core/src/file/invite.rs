//! The invitation file: how a laptop that never reaches the server gets an identity. The office
//! registers a new device of one agency in the workspace, then writes a file holding a normal
//! signed export of what that agency reads and the new device's secret key, sealed with
//! ChaCha20-Poly1305 under a key derived (PBKDF2-HMAC-SHA256) from a one-time code that reaches
//! the agency by another channel (phone, paper). The header and the export's hash are the
//! associated data, so changing the agency, the device or any byte of the export breaks the seal,
//! and without the code the file gives nobody an identity.
//!
//! ```text
//! "TIENDO\x1aI" | version: u16 BE | header length: u32 BE | header (JSON) | sealed (48) | export
//! ```

use crate::file::key::DeviceKey;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// The first bytes of an invitation.
pub const INVITE_MAGIC: &[u8; 8] = b"TIENDO\x1aI";
/// The version this build writes and reads.
pub const INVITE_VERSION: u16 = 1;
/// The extension of invitation files.
pub const INVITE_EXTENSION: &str = "tiendo-invite";
/// PBKDF2 rounds: slow enough to make guessing an 80-bit code pointless, quick in a browser.
pub const ITERATIONS: u32 = 100_000;
const SEALED: usize = 32 + 16;
const PREFIX: usize = INVITE_MAGIC.len() + 2 + 4;

/// Why an invitation cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InviteError {
    /// Not an invitation file.
    #[error("not an invitation file")]
    NotAnInvitation,
    /// Written by a newer version.
    #[error("the invitation is of version {0}, newer than this app reads")]
    NewerVersion(u16),
    /// Cut short or its header does not read.
    #[error("the invitation is damaged: {0}")]
    Damaged(String),
    /// The code is wrong, or the file was altered.
    #[error("the code does not open this invitation (wrong code, or the file was altered)")]
    Seal,
    /// The export inside does not register the invited device with the invited agency.
    #[error("the invitation's workspace does not register device {device} for {agency}")]
    NotRegistered {
        /// The device named.
        device: String,
        /// The agency named.
        agency: String,
    },
    /// The export inside failed a check.
    #[error(transparent)]
    Export(#[from] crate::file::FileError),
}

impl InviteError {
    /// The translation key of the message shown to people.
    pub fn key(&self) -> &'static str {
        match self {
            InviteError::NotAnInvitation => "invite.error.format",
            InviteError::NewerVersion(_) => "invite.error.version",
            InviteError::Damaged(_) => "invite.error.damaged",
            InviteError::Seal => "invite.error.seal",
            InviteError::NotRegistered { .. } => "invite.error.registered",
            InviteError::Export(e) => e.key(),
        }
    }
}

/// What an invitation says about itself (in clear; bound to the seal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteHeader {
    /// The workspace.
    pub workspace: String,
    /// The agency the new device belongs to.
    pub agency: String,
    /// The new device's id, registered in the export's workspace document.
    pub device: String,
    /// The new device's public key, hex.
    pub public_key: String,
    /// When it was made, Unix milliseconds.
    pub created_ms: i64,
    /// PBKDF2 salt, hex.
    pub salt: String,
    /// ChaCha20-Poly1305 nonce, hex.
    pub nonce: String,
    /// PBKDF2 rounds.
    pub iterations: u32,
}

/// An invitation opened with its code.
#[derive(Debug)]
pub struct Opened {
    /// The header.
    pub header: InviteHeader,
    /// The new device's key.
    pub key: DeviceKey,
    /// The signed export of what the agency reads (a normal sync file).
    pub export: Vec<u8>,
}

/// A code as people type it: letters and digits only, upper case.
pub fn normalise_code(code: &str) -> String {
    code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

fn seal_key(code: &str, salt: &[u8], iterations: u32) -> Key {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(normalise_code(code).as_bytes(), salt, iterations, &mut out);
    Key::from(out)
}

fn aad(header: &[u8], export: &[u8]) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update((header.len() as u64).to_be_bytes());
    h.update(header);
    h.update(Sha256::digest(export));
    h.finalize().to_vec()
}

/// What the office gives to make an invitation.
#[derive(Debug)]
pub struct Invite<'a> {
    /// The workspace id.
    pub workspace: &'a str,
    /// The agency.
    pub agency: &'a str,
    /// The new device's id (already registered in the workspace the export holds).
    pub device: &'a str,
    /// The new device's key.
    pub key: &'a DeviceKey,
    /// The signed export of what the agency reads.
    pub export: &'a [u8],
    /// The one-time code.
    pub code: &'a str,
    /// 16 random bytes.
    pub salt: [u8; 16],
    /// 12 random bytes.
    pub nonce: [u8; 12],
    /// When, Unix milliseconds.
    pub now_ms: i64,
}

/// Writes an invitation.
pub fn write(invite: &Invite<'_>) -> Vec<u8> {
    let header = InviteHeader {
        workspace: invite.workspace.to_owned(),
        agency: invite.agency.to_owned(),
        device: invite.device.to_owned(),
        public_key: invite.key.public_hex(),
        created_ms: invite.now_ms,
        salt: crate::hex::encode(&invite.salt),
        nonce: crate::hex::encode(&invite.nonce),
        iterations: ITERATIONS,
    };
    let header = serde_json::to_vec(&header).unwrap_or_default();
    let cipher = ChaCha20Poly1305::new(&seal_key(invite.code, &invite.salt, ITERATIONS));
    let secret = invite.key.secret();
    let aad = aad(&header, invite.export);
    let sealed =
        cipher.encrypt(Nonce::from_slice(&invite.nonce), Payload { msg: &secret, aad: &aad }).unwrap_or_default();
    let mut out = Vec::with_capacity(PREFIX + header.len() + SEALED + invite.export.len());
    out.extend_from_slice(INVITE_MAGIC);
    out.extend_from_slice(&INVITE_VERSION.to_be_bytes());
    out.extend_from_slice(&(header.len() as u32).to_be_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&sealed);
    out.extend_from_slice(invite.export);
    out
}

/// An invitation's parts: the header read, and the raw header, sealed key and export bytes.
pub type Parts<'a> = (InviteHeader, &'a [u8], &'a [u8], &'a [u8]);

/// Reads the header without the code (to show whom an invitation is for).
pub fn header(bytes: &[u8]) -> Result<Parts<'_>, InviteError> {
    if bytes.len() < INVITE_MAGIC.len() || &bytes[..INVITE_MAGIC.len()] != INVITE_MAGIC {
        return Err(InviteError::NotAnInvitation);
    }
    if bytes.len() < PREFIX {
        return Err(InviteError::Damaged("cut short".into()));
    }
    let version = u16::from_be_bytes([bytes[8], bytes[9]]);
    if version > INVITE_VERSION {
        return Err(InviteError::NewerVersion(version));
    }
    let len = u32::from_be_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]) as usize;
    let rest = &bytes[PREFIX..];
    if rest.len() < len.saturating_add(SEALED) {
        return Err(InviteError::Damaged("cut short".into()));
    }
    let (raw, rest) = rest.split_at(len);
    let (sealed, export) = rest.split_at(SEALED);
    let header: InviteHeader = serde_json::from_slice(raw).map_err(|e| InviteError::Damaged(e.to_string()))?;
    Ok((header, raw, sealed, export))
}

/// Opens an invitation with its code: the device's key and the export, or why not.
pub fn open(bytes: &[u8], code: &str) -> Result<Opened, InviteError> {
    let (header, raw, sealed, export) = header(bytes)?;
    let salt = crate::hex::decode(&header.salt).ok_or_else(|| InviteError::Damaged("salt".into()))?;
    let nonce = crate::hex::decode(&header.nonce).filter(|n| n.len() == 12);
    let nonce = nonce.ok_or_else(|| InviteError::Damaged("nonce".into()))?;
    if header.iterations == 0 || header.iterations > 10 * ITERATIONS {
        return Err(InviteError::Damaged("iterations".into()));
    }
    let cipher = ChaCha20Poly1305::new(&seal_key(code, &salt, header.iterations));
    let secret = cipher
        .decrypt(Nonce::from_slice(&nonce), Payload { msg: sealed, aad: &aad(raw, export) })
        .map_err(|_| InviteError::Seal)?;
    let secret: [u8; 32] = secret.try_into().map_err(|_| InviteError::Seal)?;
    let key = DeviceKey::from_secret(secret);
    if key.public_hex() != header.public_key {
        return Err(InviteError::Seal);
    }
    Ok(Opened { header, key, export: export.to_vec() })
}

impl Enrolled {
    /// The storage chunks of every document of the invitation (a fresh laptop holds none).
    pub fn chunks(&self) -> Result<Vec<(crate::storage::StorageKey, Vec<u8>)>, crate::storage::KeyError> {
        let mut out = Vec::new();
        for d in &self.verified.docs {
            let bytes = d.merged.clone().save();
            out.push((crate::storage::snapshot_key(&d.id, &bytes)?, bytes));
        }
        Ok(out)
    }
}

/// What a fresh laptop takes from an opened invitation: the workspace it joins and the export,
/// verified against that workspace.
#[derive(Debug)]
pub struct Enrolled {
    /// The workspace document inside the export.
    pub workspace: crate::schema::WorkspaceDoc,
    /// The export, verified as any sync file (office signature, rights, documents).
    pub verified: crate::file::Verified,
}

/// Checks an opened invitation for a laptop that holds nothing yet. The seal already proves that
/// the office made the export for this code; here the export's own workspace must register the
/// invited device, with its key, for the invited agency (so the file makes a device of that agency
/// and of no other), and the export must pass every check of a sync file against that workspace.
pub fn enrol(opened: &Opened, max: u64) -> Result<Enrolled, InviteError> {
    use crate::schema::{genesis::WORKSPACE_DOC, WorkspaceDoc};
    let env = crate::file::read(&opened.export, max)?;
    let at = env.manifest.docs.iter().position(|d| d.id == WORKSPACE_DOC);
    let bytes = at.and_then(|i| env.docs.get(i)).ok_or_else(|| {
        InviteError::Export(crate::file::FileError::NotThatDocument {
            doc: WORKSPACE_DOC.into(),
            reason: "the invitation holds no workspace".into(),
        })
    })?;
    let (_, workspace) = crate::schema::load::<WorkspaceDoc>(bytes).map_err(|e| {
        InviteError::Export(crate::file::FileError::NotThatDocument {
            doc: WORKSPACE_DOC.into(),
            reason: e.to_string(),
        })
    })?;
    let h = &opened.header;
    let registered = workspace
        .devices
        .iter()
        .any(|d| d.id.as_str() == h.device && d.agency.as_str() == h.agency && d.public_key == h.public_key);
    if workspace.workspace.id.as_str() != h.workspace || !registered {
        return Err(InviteError::NotRegistered { device: h.device.clone(), agency: h.agency.clone() });
    }
    // The seal proves the office made this export for this code: its documents are the laptop's
    // starting point. Held as they are, the check below still proves the office's signature,
    // each document's hash, kind and heads against the manifest.
    let mut held = std::collections::BTreeMap::new();
    for (dm, bytes) in env.manifest.docs.iter().zip(&env.docs) {
        let doc = automerge::AutoCommit::load(bytes).map_err(|e| {
            InviteError::Export(crate::file::FileError::NotThatDocument { doc: dm.id.clone(), reason: e.to_string() })
        })?;
        held.insert(dm.id.clone(), doc);
    }
    let local = crate::file::Local { workspace: &workspace, docs: &held, attested: crate::sync::Attestations::none() };
    let verified = local.verify(&opened.export, max)?;
    if verified.signer_agency.as_str() != workspace.agencies.provincial_office().map_or("", |a| a.id.as_str()) {
        return Err(InviteError::Export(crate::file::FileError::NotAllowed {
            doc: WORKSPACE_DOC.into(),
            agency: verified.signer_agency.clone(),
        }));
    }
    Ok(Enrolled { workspace, verified })
}
