//! `POST /api/join`: a browser exchanges an agency's access code for a device id and credential,
//! and the device is registered in the workspace document with its agency. Wrong codes are
//! answered slower and slower (see [`crate::throttle`]); a code joins as many laptops as issued.

use crate::accounts::{now_ms, random_bytes};
use crate::app_state::AppState;
use crate::serve_error::ServeError;
use crate::sync::RegisterError;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::net::SocketAddr;
use tiendo_core::model::Device;
pub use tiendo_core::sync::{ApiError, ApiErrorCode, JoinRequest, Joined};

/// The largest body taken, bytes.
pub const MAX_BODY: usize = 4096;

fn refuse(status: StatusCode, code: ApiErrorCode, message: &str) -> Response {
    (status, Json(ApiError { code: Some(code), error: message.to_owned() })).into_response()
}

/// The handler. A body over 4 KB → 413; bad JSON → 400; an unknown, used-up, expired or revoked
/// code → 401; nothing is written then. Every answer is JSON.
pub async fn join(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: axum::body::Body,
) -> Response {
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, ApiErrorCode::TooLarge, "the request is too large");
    };
    let Ok(req) = serde_json::from_slice::<JoinRequest>(&body) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            ApiErrorCode::BadRequest,
            "expected {\"code\": \"…\", \"name\": \"…\"}",
        );
    };
    let key_ok = req.public_key.is_empty()
        || (req.public_key.len() == 64 && tiendo_core::hex::decode(&req.public_key).is_some());
    if !key_ok {
        return refuse(StatusCode::BAD_REQUEST, ApiErrorCode::BadKey, "the public key must be 64 hex digits");
    }
    let ip = peer.ip();
    let wait = state.codes.wait_for(ip);
    if !wait.is_zero() {
        tokio::time::sleep(wait).await;
    }
    match register(&state, &req).await {
        Ok(Some(joined)) => {
            state.codes.succeeded(ip);
            tracing::info!(%ip, agency = %joined.agency, device = %joined.device, "a laptop joined");
            (StatusCode::OK, Json(joined)).into_response()
        }
        Err(RegisterError::AgencyEnded(agency)) => {
            // A code of an agency the office has since retired or merged: it no longer joins.
            tracing::warn!(%ip, %agency, "access code of an ended agency");
            refuse(StatusCode::UNAUTHORIZED, ApiErrorCode::WrongCode, "unknown, used up, expired or revoked code")
        }
        Ok(None) => {
            let attempts = state.codes.failed(ip);
            tracing::warn!(%ip, attempts, waited_ms = wait.as_millis() as u64, "wrong access code");
            refuse(StatusCode::UNAUTHORIZED, ApiErrorCode::WrongCode, "unknown, used up, expired or revoked code")
        }
        Err(e) => {
            tracing::error!(error = %e, "join failed");
            refuse(StatusCode::INTERNAL_SERVER_ERROR, ApiErrorCode::ServerFailed, "the server could not store the join")
        }
    }
}

async fn register_account(state: &AppState, req: &JoinRequest) -> Result<Option<(Device, String)>, ServeError> {
    let now = now_ms();
    let random = random_bytes::<48>()?;
    let registered = state
        .accounts
        .update(|accounts| {
            let Some(agency) = accounts.verify(&req.code, now).cloned() else { return Ok(None) };
            accounts.use_code(&agency);
            let (device, token) = accounts.register_device(agency.clone(), random, now);
            Ok(Some((agency, device, token)))
        })
        .await?;
    let Some((agency, device, token)) = registered else { return Ok(None) };
    let name: String = req.name.chars().take(120).collect();
    let public_key = req.public_key.to_ascii_lowercase();
    Ok(Some((Device { id: device, agency, public_key, name, registered_at_ms: now }, token)))
}

async fn register(state: &AppState, req: &JoinRequest) -> Result<Option<Joined>, RegisterError> {
    let Some((device, token)) = register_account(state, req).await.map_err(|e| RegisterError::Failed(e.to_string()))?
    else {
        return Ok(None);
    };
    let joined =
        Joined { device: device.id.to_string(), agency: device.agency.to_string(), token, workspace: String::new() };
    // The workspace document lists the device before the browser can use its credential: the
    // hub refuses changes by devices it does not list.
    state.hub.register(device).await?;
    Ok(Some(Joined { workspace: state.workspace_id.clone(), ..joined }))
}
