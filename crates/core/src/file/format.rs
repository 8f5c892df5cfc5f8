//! The sync file: `TIENDO` magic, format version, a JSON manifest, the documents (each a whole
//! saved, compressed Automerge document), and an ed25519 signature over everything before it.
//!
//! ```text
//! "TIENDO\x1aS" | version: u16 BE | manifest length: u32 BE | manifest (JSON) | documents | signature (64)
//! ```

use super::error::FileError;
use super::key::{DeviceKey, SIGNATURE_BYTES};
use crate::hex;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The first bytes of every sync file.
pub const MAGIC: &[u8; 8] = b"TIENDO\x1aS";
/// The format this build writes and the newest it reads.
pub const FORMAT_VERSION: u16 = 1;
/// The extension of sync files.
pub const EXTENSION: &str = "tiendo";
/// The largest file accepted by default (a province-year is a few megabytes).
pub const DEFAULT_MAX_BYTES: u64 = 64 << 20;

const HEADER: usize = MAGIC.len() + 2 + 4;

/// What a file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Documents to import.
    Export,
    /// The heads an importer now holds, for the sender.
    Receipt,
}

/// One document in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocManifest {
    /// Its id.
    pub id: String,
    /// Its kind (`workspace`, `plan`, `reports`, `reviews`).
    pub kind: crate::model::DocKind,
    /// Its heads, hex.
    pub heads: Vec<String>,
    /// Bytes in the file (0 in a receipt).
    pub len: u64,
    /// SHA-256 of those bytes, hex.
    pub sha256: String,
}

/// What a file says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The format version (as in the header).
    pub format: u16,
    /// Export or receipt.
    pub kind: FileKind,
    /// The workspace.
    pub workspace: String,
    /// The device that made and signed it.
    pub device: String,
    /// Its agency.
    pub agency: String,
    /// When, Unix milliseconds.
    pub created_ms: i64,
    /// The documents, in the order their bytes follow.
    pub docs: Vec<DocManifest>,
    /// Attestations of the changes in it that are not the signer's own (its own too, so that
    /// whoever hands them on can prove them): see `sync::Attestation`. Files of builds before
    /// attestations have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attestations: Vec<crate::sync::Attestation>,
}

/// A file read and split, its signature not yet checked against a device.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// The manifest.
    pub manifest: Manifest,
    /// Each document's bytes, in manifest order.
    pub docs: Vec<Vec<u8>>,
    signed: Vec<u8>,
    signature: Vec<u8>,
}

/// SHA-256 hex of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes))
}

/// Writes a file: the manifest is completed with each document's length and hash.
pub fn write(mut manifest: Manifest, docs: &[Vec<u8>], key: &DeviceKey) -> Vec<u8> {
    for (m, bytes) in manifest.docs.iter_mut().zip(docs) {
        m.len = bytes.len() as u64;
        m.sha256 = sha256_hex(bytes);
    }
    manifest.format = FORMAT_VERSION;
    let json = serde_json::to_vec(&manifest).unwrap_or_default();
    let mut out = Vec::with_capacity(HEADER + json.len() + docs.iter().map(Vec::len).sum::<usize>() + SIGNATURE_BYTES);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_be_bytes());
    out.extend_from_slice(&(json.len() as u32).to_be_bytes());
    out.extend_from_slice(&json);
    for d in docs {
        out.extend_from_slice(d);
    }
    let signature = key.sign(&out);
    out.extend_from_slice(&signature);
    out
}

/// The size check, done before anything is read.
pub fn check_size(size: u64, max: u64) -> Result<(), FileError> {
    match size {
        0 => Err(FileError::Empty),
        s if s > max => Err(FileError::TooLarge { size: s, max }),
        _ => Ok(()),
    }
}

/// Splits a file into its parts: size, magic, version, manifest, lengths, hashes.
pub fn read(bytes: &[u8], max: u64) -> Result<Envelope, FileError> {
    check_size(bytes.len() as u64, max)?;
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(if MAGIC.starts_with(bytes) { FileError::Truncated } else { FileError::NotASyncFile });
    }
    if bytes.len() < HEADER {
        return Err(FileError::Truncated);
    }
    let version = u16::from_be_bytes([bytes[8], bytes[9]]);
    if version > FORMAT_VERSION {
        return Err(FileError::NewerFormat { found: version, supported: FORMAT_VERSION });
    }
    if version == 0 {
        return Err(FileError::NotASyncFile);
    }
    let manifest_len = u32::from_be_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]) as usize;
    let body = &bytes[HEADER..];
    if body.len() < manifest_len + SIGNATURE_BYTES {
        return Err(FileError::Truncated);
    }
    let manifest: Manifest =
        serde_json::from_slice(&body[..manifest_len]).map_err(|e| FileError::BadManifest(e.to_string()))?;
    if manifest.format != version {
        return Err(FileError::BadManifest(format!("format {} in a version {version} file", manifest.format)));
    }
    let mut at = manifest_len;
    let mut docs = Vec::with_capacity(manifest.docs.len());
    let end = body.len() - SIGNATURE_BYTES;
    for d in &manifest.docs {
        let len = usize::try_from(d.len).map_err(|_| FileError::Truncated)?;
        let stop = at.checked_add(len).filter(|s| *s <= end).ok_or(FileError::Truncated)?;
        docs.push(body[at..stop].to_vec());
        at = stop;
    }
    if at != end {
        // Bytes the manifest does not account for: the file was cut or spliced.
        return Err(if at < end {
            FileError::BadManifest("bytes after the documents".into())
        } else {
            FileError::Truncated
        });
    }
    let signed_len = HEADER + end;
    Ok(Envelope { manifest, docs, signed: bytes[..signed_len].to_vec(), signature: bytes[signed_len..].to_vec() })
}

impl Envelope {
    /// Checks the signature against `public_hex`, then every document's hash.
    pub fn verify(&self, public_hex: &str) -> Result<(), FileError> {
        if !super::key::verify(public_hex, &self.signed, &self.signature) {
            return Err(FileError::BadSignature);
        }
        for (m, bytes) in self.manifest.docs.iter().zip(&self.docs) {
            if sha256_hex(bytes) != m.sha256 {
                return Err(FileError::HashMismatch(m.id.clone()));
            }
        }
        Ok(())
    }
}
