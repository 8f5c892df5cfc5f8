//! Joining a workspace on a server: the access code buys this browser a device id and a
//! credential (`POST /api/join`).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the server answers: the same type the server writes (`tiendo_core::sync::Joined`).
pub use tiendo_core::sync::Joined;
use tiendo_core::sync::{ApiError, ApiErrorCode, JoinRequest};

/// Why joining failed; each has a translation key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinError {
    /// No answer from the address.
    Unreachable,
    /// The code is wrong or was revoked.
    WrongCode,
    /// The server answered something else.
    Server(u16),
}

impl JoinError {
    /// The translation key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            JoinError::Unreachable => "join.error.unreachable",
            JoinError::WrongCode => "join.error.code",
            JoinError::Server(_) => "join.error.server",
        }
    }
}

/// Sends the code and this device's public key to `server`.
pub async fn join(server: &str, code: &str, name: &str, public_key: &str) -> Result<Joined, JoinError> {
    let url = format!("{}/api/join", server.trim_end_matches('/'));
    let request = JoinRequest { code: code.to_owned(), name: name.to_owned(), public_key: public_key.to_owned() };
    let body = serde_json::to_string(&request).map_err(|_| JoinError::Unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&wasm_bindgen::JsValue::from_str(&body));
    let request = web_sys::Request::new_with_str_and_init(&url, &init).map_err(|_| JoinError::Unreachable)?;
    let _ = request.headers().set("content-type", "application/json");
    let window = web_sys::window().ok_or(JoinError::Unreachable)?;
    let response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| JoinError::Unreachable)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| JoinError::Unreachable)?;
    let status = response.status();
    let text = response.text().map_err(|_| JoinError::Server(status))?;
    let text = JsFuture::from(text).await.map_err(|_| JoinError::Server(status))?.as_string().unwrap_or_default();
    if status == 200 {
        return serde_json::from_str(&text).map_err(|_| JoinError::Server(status));
    }
    // Said by the server's code; by the status for a server older than the codes.
    let code = serde_json::from_str::<ApiError>(&text).ok().and_then(|e| e.code);
    Err(match (code, status) {
        (Some(ApiErrorCode::WrongCode), _) | (None, 401) => JoinError::WrongCode,
        _ => JoinError::Server(status),
    })
}
