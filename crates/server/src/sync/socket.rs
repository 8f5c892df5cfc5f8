//! `GET /sync`: the WebSocket. The credential is checked at the upgrade, before any message:
//! browsers cannot set headers on a WebSocket, so it rides in `Sec-WebSocket-Protocol` as
//! `tiendo.auth.<device>.<token>` next to `tiendo.v1`. A foreign `Origin` is refused; frames over
//! the size limit and message floods close the connection.

use super::hub::Peer;
use super::runner::Outbound;
use crate::accounts::Accounts;
use crate::serve::AppState;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::{SinkExt, StreamExt};
use std::time::Instant;
use tiendo_core::ids::DeviceId;

pub use tiendo_core::sync::{AUTH_PREFIX, SUBPROTOCOL};

/// Limits on what one connection may send.
#[derive(Debug, Clone, Copy)]
pub struct SyncLimits {
    /// Largest message (and frame), bytes.
    pub max_message_bytes: usize,
    /// Messages per second a connection may keep up.
    pub messages_per_second: u32,
    /// Messages a connection may send at once before the rate applies.
    pub burst: u32,
}

impl Default for SyncLimits {
    fn default() -> Self {
        Self { max_message_bytes: 16 << 20, messages_per_second: 200, burst: 2000 }
    }
}

fn refuse(status: StatusCode, why: &str) -> Response {
    tracing::warn!(%status, why, "sync connection refused");
    (status, why.to_owned()).into_response()
}

/// The device and token offered, if any.
fn credential(headers: &HeaderMap) -> Option<(DeviceId, String)> {
    let offered = headers.get(header::SEC_WEBSOCKET_PROTOCOL)?.to_str().ok()?;
    let auth = offered.split(',').map(str::trim).find_map(|p| p.strip_prefix(AUTH_PREFIX))?;
    let (device, token) = auth.split_once('.')?;
    Some((device.parse().ok()?, token.to_owned()))
}

/// Whether the request's `Origin` (if a browser sent one) is this server's own.
fn origin_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else { return true };
    let Ok(origin) = origin.to_str() else { return false };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    let own = [format!("http://{host}"), format!("https://{host}")];
    own.iter().chain(allowed).any(|o| o == origin)
}

/// The upgrade handler.
pub async fn sync_socket(State(state): State<AppState>, headers: HeaderMap, ws: WebSocketUpgrade) -> Response {
    if !origin_allowed(&headers, &state.allowed_origins) {
        return refuse(StatusCode::FORBIDDEN, "foreign origin");
    }
    let Some((device, token)) = credential(&headers) else {
        return refuse(StatusCode::UNAUTHORIZED, "no credential");
    };
    let agency = match Accounts::load(&state.data) {
        Ok(accounts) => accounts.authenticate(&device, &token).cloned(),
        Err(e) => {
            tracing::error!(error = %e, "cannot read accounts");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, "accounts unreadable");
        }
    };
    let Some(agency) = agency else { return refuse(StatusCode::UNAUTHORIZED, "wrong credential") };
    let limits = state.limits;
    let hub = state.hub.clone();
    // Small buffers (they grow for a large message): a thousand idle laptops must not cost
    // a quarter of a gigabyte of buffers.
    ws.protocols([SUBPROTOCOL])
        .read_buffer_size(8 * 1024)
        .write_buffer_size(8 * 1024)
        .max_message_size(limits.max_message_bytes)
        .max_frame_size(limits.max_message_bytes)
        .on_upgrade(move |socket| connection(socket, hub, Peer { device, agency }, limits))
}

/// A token bucket: `burst` messages at once, `rate` per second after.
struct Bucket {
    tokens: f64,
    at: Instant,
    rate: f64,
    burst: f64,
}

impl Bucket {
    fn take(&mut self) -> bool {
        let now = Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * self.rate).min(self.burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

async fn connection(socket: WebSocket, hub: super::HubHandle, peer: Peer, limits: SyncLimits) {
    let device = peer.device.clone();
    let Some((id, mut outbound)) = hub.connect(peer).await else { return };
    tracing::info!(conn = id, %device, "sync connection opened");
    let (mut sink, mut stream) = socket.split();
    let writer = tokio::spawn(async move {
        while let Some(out) = outbound.recv().await {
            let sent = match out {
                Outbound::Frame(bytes) => sink.send(Message::Binary(bytes.into())).await,
                Outbound::Close(why) => {
                    let frame = CloseFrame { code: 1008, reason: why.chars().take(100).collect::<String>().into() };
                    let _ = sink.send(Message::Close(Some(frame))).await;
                    break;
                }
            };
            if sent.is_err() {
                break;
            }
        }
    });
    let burst = f64::from(limits.burst.max(1));
    let mut bucket = Bucket { tokens: burst, at: Instant::now(), rate: f64::from(limits.messages_per_second), burst };
    let mut why = "closed by the client";
    while let Some(msg) = stream.next().await {
        match msg {
            Ok(Message::Binary(bytes)) => {
                if !bucket.take() {
                    why = "too many messages";
                    break;
                }
                if !hub.receive(id, bytes.to_vec()).await {
                    break;
                }
            }
            Ok(Message::Text(_)) => {
                why = "text frames are not part of the protocol";
                break;
            }
            Ok(Message::Ping(_) | Message::Pong(_)) => {}
            Ok(Message::Close(_)) => break,
            Err(_) => {
                why = "bad frame (too large or broken)";
                break;
            }
        }
    }
    hub.disconnect(id).await;
    writer.abort();
    tracing::info!(conn = id, %device, why, "sync connection closed");
}
