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

/// A refusal's body: `{"error": "…"}` (what every error answer of the server's API holds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Why, in words.
    pub error: String,
}
