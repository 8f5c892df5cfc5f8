//! `GET /sync`: the WebSocket. The credential is checked at the upgrade, before any message:
//! browsers cannot set headers on a WebSocket, so it rides in `Sec-WebSocket-Protocol` as
//! `tiendo.auth.<device>.<token>` next to `tiendo.v1`. A foreign `Origin` is refused, and so is a
//! connection past the caps per device and per address (`429`). Frames over the size limit,
//! message floods and text frames close the connection with code 1008 and the reason; a
//! connection silent for five minutes (the server pings every minute, and browsers answer on
//! their own) is closed.

use super::hub::Peer;
use super::limits::SyncLimits;
use super::runner::Outbound;
use crate::app_state::AppState;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::{SinkExt, StreamExt};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tiendo_core::ids::DeviceId;

/// The server pings a connection this often.
const PING_EVERY: Duration = Duration::from_secs(60);
/// A connection with no frame at all for this long is closed (a dead laptop, a half-open link).
const IDLE: Duration = Duration::from_secs(300);
/// WebSocket close code for a broken rule.
const POLICY: u16 = 1008;

pub use tiendo_core::sync::{AUTH_PREFIX, SUBPROTOCOL};

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
pub async fn sync_socket(
    State(state): State<AppState>,
    axum::extract::ConnectInfo(peer_addr): axum::extract::ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if !origin_allowed(&headers, &state.allowed_origins) {
        return refuse(StatusCode::FORBIDDEN, "foreign origin");
    }
    let Some((device, token)) = credential(&headers) else {
        return refuse(StatusCode::UNAUTHORIZED, "no credential");
    };
    let agency = match state.accounts.authenticate(&device, &token).await {
        Ok(agency) => agency,
        Err(e) => {
            tracing::error!(error = %e, "cannot read accounts");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, "accounts unreadable");
        }
    };
    let Some(agency) = agency else { return refuse(StatusCode::UNAUTHORIZED, "wrong credential") };
    let limits = state.limits;
    let Some(slot) = state.open.take(&device, peer_addr.ip(), &limits) else {
        return refuse(StatusCode::TOO_MANY_REQUESTS, "too many connections for this device or address");
    };
    let hub = state.hub.clone();
    // Small buffers (they grow for a large message): a thousand idle laptops must not cost
    // a quarter of a gigabyte of buffers.
    ws.protocols([SUBPROTOCOL])
        .read_buffer_size(8 * 1024)
        .write_buffer_size(8 * 1024)
        .max_message_size(limits.max_message_bytes)
        .max_frame_size(limits.max_message_bytes)
        .on_upgrade(move |socket| async move {
            connection(socket, hub, Peer { device, agency }, limits).await;
            drop(slot);
        })
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
    // The reader's own reason to close (a broken rule), sent as a close frame by the writer.
    let (close_tx, mut close_rx) = tokio::sync::oneshot::channel::<String>();
    let writer = tokio::spawn(async move {
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.tick().await;
        loop {
            let close =
                |why: String| CloseFrame { code: POLICY, reason: why.chars().take(100).collect::<String>().into() };
            let sent = tokio::select! {
                out = outbound.recv() => match out {
                    Some(Outbound::Frame(bytes)) => sink.send(Message::Binary(bytes.into())).await,
                    Some(Outbound::Close(why)) => {
                        let _ = sink.send(Message::Close(Some(close(why)))).await;
                        break;
                    }
                    None => break,
                },
                why = &mut close_rx => {
                    if let Ok(why) = why {
                        let _ = sink.send(Message::Close(Some(close(why)))).await;
                    }
                    break;
                }
                _ = ping.tick() => sink.send(Message::Ping(Vec::new().into())).await,
            };
            if sent.is_err() {
                break;
            }
        }
    });
    let burst = f64::from(limits.burst.max(1));
    let mut bucket = Bucket { tokens: burst, at: Instant::now(), rate: f64::from(limits.messages_per_second), burst };
    let mut broken = None;
    let mut why = "closed by the client";
    loop {
        let msg = match tokio::time::timeout(IDLE, stream.next()).await {
            Ok(Some(msg)) => msg,
            Ok(None) => break,
            Err(_) => {
                broken = Some("idle for five minutes");
                break;
            }
        };
        match msg {
            Ok(Message::Binary(bytes)) => {
                if !bucket.take() {
                    broken = Some("too many messages");
                    break;
                }
                if !hub.receive(id, bytes.to_vec()).await {
                    break;
                }
            }
            Ok(Message::Text(_)) => {
                broken = Some("text frames are not part of the protocol");
                break;
            }
            Ok(Message::Ping(_) | Message::Pong(_)) => {}
            Ok(Message::Close(_)) => break,
            Err(e) if lost(&e) => {
                why = "connection lost";
                break;
            }
            Err(_) => {
                broken = Some("bad frame (too large or broken)");
                break;
            }
        }
    }
    if let Some(reason) = broken {
        why = reason;
        let _ = close_tx.send(reason.to_owned());
    } else {
        drop(close_tx);
    }
    // Let the writer send the close frame, but never wait long for a slow peer.
    let _ = tokio::time::timeout(Duration::from_secs(2), writer).await;
    hub.disconnect(id).await;
    tracing::info!(conn = id, %device, why, "sync connection closed");
}

/// Whether a read failed because the peer went away without a closing handshake (a laptop
/// closed, a tab's engine stopped, the network dropped), which is not a broken rule: an operator
/// reading "bad frame" would look for a hostile client.
fn lost(e: &axum::Error) -> bool {
    use tokio_tungstenite::tungstenite::error::ProtocolError;
    use tokio_tungstenite::tungstenite::Error;
    let inner = std::error::Error::source(e).and_then(|s| s.downcast_ref::<Error>());
    matches!(
        inner,
        Some(
            Error::Protocol(ProtocolError::ResetWithoutClosingHandshake)
                | Error::Io(_)
                | Error::ConnectionClosed
                | Error::AlreadyClosed
        )
    )
}
