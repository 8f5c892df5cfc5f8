//! `POST /api/join`: what a browser sends to exchange an agency's access code for a device, and
//! what it gets back. One definition for the server and the app.

use serde::{Deserialize, Serialize};

/// What a browser sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequest {
    /// The access code as typed.
    pub code: String,
    /// A name for the device ("Máy của chị Lan, phòng Kế hoạch").
    #[serde(default)]
    pub name: String,
    /// The device's ed25519 public key, hex (it signs the device's sync files).
    #[serde(default)]
    pub public_key: String,
}

/// What it gets back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joined {
    /// Its device id.
    pub device: String,
    /// Its agency.
    pub agency: String,
    /// Its credential (kept by the browser, sent when it connects to sync).
    pub token: String,
    /// The workspace id.
    pub workspace: String,
}

/// This device's credential on a sync server (from joining).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credential {
    /// The device id the server gave.
    pub device: crate::ids::DeviceId,
    /// The secret sent when connecting.
    pub token: String,
}

/// A refusal's body: `{"code": "…", "error": "…"}` (what every error answer of the server's API
/// holds). The app says it by its code; the words are for logs and support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// What kind of refusal (absent from a server older than the codes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ApiErrorCode>,
    /// Why, in words (English).
    pub error: String,
}

/// The kinds of an API refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiErrorCode {
    /// The request is larger than the server takes.
    TooLarge,
    /// The request does not read.
    BadRequest,
    /// The device's public key is not 64 hex digits.
    BadKey,
    /// The access code is unknown, used up, expired or revoked.
    WrongCode,
    /// The server could not store what joining writes.
    ServerFailed,
}
