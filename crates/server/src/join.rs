//! `POST /api/join`: a browser exchanges an agency's access code for a device id and credential,
//! and the device is registered in the workspace document with its agency.

use crate::accounts::{now_ms, random_bytes, Accounts};
use crate::error::CliError;
use crate::serve::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use tiendo_core::model::Device;

/// What a browser sends.
#[derive(Debug, Deserialize)]
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
#[derive(Debug, Serialize, Deserialize)]
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

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

/// The handler. Bad JSON → 400; an unknown or revoked code → 401; nothing is written then.
pub async fn join(State(state): State<AppState>, body: axum::body::Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<JoinRequest>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "Yêu cầu không hợp lệ: cần {\"code\": \"…\", \"name\": \"…\"}.");
    };
    let key_ok = req.public_key.is_empty()
        || (req.public_key.len() == 64 && tiendo_core::hex::decode(&req.public_key).is_some());
    if !key_ok {
        return refuse(StatusCode::BAD_REQUEST, "Khoá công khai không hợp lệ (cần 64 chữ số hex).");
    }
    let _guard = state.accounts_lock.lock().await;
    match register(&state, &req).await {
        Ok(Some(joined)) => (StatusCode::OK, Json(joined)).into_response(),
        Ok(None) => refuse(StatusCode::UNAUTHORIZED, "Mã truy cập không đúng hoặc đã bị thu hồi."),
        Err(e) => {
            tracing::error!(error = %e, "join failed");
            refuse(StatusCode::INTERNAL_SERVER_ERROR, "Máy chủ không ghi được dữ liệu; thử lại sau.")
        }
    }
}

fn register_account(state: &AppState, req: &JoinRequest) -> Result<Option<(Device, String)>, CliError> {
    let mut accounts = Accounts::load(&state.data)?;
    let Some(agency) = accounts.verify(&req.code).cloned() else { return Ok(None) };
    let now = now_ms();
    let (device, token) = accounts.register_device(agency.clone(), random_bytes::<48>()?, now);
    accounts.save(&state.data)?;
    let name: String = req.name.chars().take(120).collect();
    let public_key = req.public_key.to_ascii_lowercase();
    Ok(Some((Device { id: device, agency, public_key, name, registered_at_ms: now }, token)))
}

async fn register(state: &AppState, req: &JoinRequest) -> Result<Option<Joined>, String> {
    let Some((device, token)) = register_account(state, req).map_err(|e| e.to_string())? else { return Ok(None) };
    let joined =
        Joined { device: device.id.to_string(), agency: device.agency.to_string(), token, workspace: String::new() };
    // The workspace document lists the device before the browser can use its credential: the
    // hub refuses changes by devices it does not list.
    state.hub.register(device).await?;
    Ok(Some(Joined { workspace: state.workspace_id.clone(), ..joined }))
}
