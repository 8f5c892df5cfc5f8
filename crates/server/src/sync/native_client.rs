//! A native sync client over a real WebSocket, speaking the same protocol as the browser through
//! the same sans-IO [`ClientSession`]: for tests, the load bench and scripts.

use super::socket::{AUTH_PREFIX, SUBPROTOCOL};
use automerge::AutoCommit;
use futures_util::{SinkExt, StreamExt};
use std::collections::BTreeMap;
use std::time::Duration;
use tiendo_core::sync::{ClientSession, Inbound};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// Why the client stopped.
#[derive(Debug, thiserror::Error)]
pub enum ClientFailure {
    /// The upgrade or a frame failed (the server refused or closed).
    #[error("websocket: {0}")]
    Socket(#[from] tokio_tungstenite::tungstenite::Error),
    /// The server sent something the session could not use.
    #[error(transparent)]
    Protocol(#[from] tiendo_core::sync::ClientError),
    /// The server closed the connection.
    #[error("closed by the server: {0}")]
    Closed(String),
    /// Nothing came in time.
    #[error("timed out")]
    Timeout,
}

/// A connected client with its documents.
pub struct NativeClient {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    session: ClientSession,
    /// The documents synced, by id.
    pub docs: BTreeMap<String, AutoCommit>,
    /// Refusals heard: (document, reason).
    pub refused: Vec<(String, String)>,
    /// Documents the server would not give.
    pub unavailable: Vec<String>,
    /// The server's attestations heard (not verified here).
    pub attested: Vec<tiendo_core::sync::Attestation>,
    /// Bytes sent and received since connecting (protocol messages, not counting the join).
    pub bytes: (usize, usize),
}

impl std::fmt::Debug for NativeClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeClient").field("docs", &self.docs.keys()).field("refused", &self.refused).finish()
    }
}

impl NativeClient {
    /// Connects to `ws://…/sync` as `device` with `token`, optionally claiming an `Origin`, and
    /// joins.
    pub async fn connect(url: &str, device: &str, token: &str, origin: Option<&str>) -> Result<Self, ClientFailure> {
        Self::open(url, device, Some(format!("{SUBPROTOCOL}, {AUTH_PREFIX}{device}.{token}")), origin).await
    }

    /// Connects as peer `device` without a credential, to servers that ask none (the
    /// automerge-repo reference server of the bench).
    pub async fn connect_open(url: &str, device: &str) -> Result<Self, ClientFailure> {
        Self::open(url, device, None, None).await
    }

    async fn open(
        url: &str,
        device: &str,
        protocols: Option<String>,
        origin: Option<&str>,
    ) -> Result<Self, ClientFailure> {
        let mut request = url.into_client_request()?;
        let h = request.headers_mut();
        if let Some(p) = protocols {
            h.insert("sec-websocket-protocol", HeaderValue::from_str(&p).map_err(http_err)?);
        }
        if let Some(o) = origin {
            h.insert("origin", HeaderValue::from_str(o).map_err(http_err)?);
        }
        let (ws, _) = tokio_tungstenite::connect_async(request).await?;
        let session = ClientSession::new(device);
        let mut client = Self {
            ws,
            session,
            docs: BTreeMap::new(),
            refused: Vec::new(),
            unavailable: Vec::new(),
            attested: Vec::new(),
            bytes: (0, 0),
        };
        let hello = client.session.hello();
        client.ws.send(Message::Binary(hello.into())).await?;
        while !client.session.is_ready() {
            client.read_one(Duration::from_secs(10)).await?;
        }
        Ok(client)
    }

    /// Restores a persisted sync state for a document.
    pub fn restore(&mut self, id: &str, persisted: &[u8]) {
        self.session.restore(id, persisted);
    }

    /// The sync state of a document to persist.
    pub fn persisted(&self, id: &str) -> Option<Vec<u8>> {
        self.session.persisted(id)
    }

    /// How many of this device's changes to `id` the server has not confirmed.
    pub fn unconfirmed(&mut self, id: &str) -> usize {
        match self.docs.get_mut(id) {
            Some(doc) => self.session.unconfirmed(id, doc),
            None => 0,
        }
    }

    /// Hands the server attestations of changes this client relays (send before the changes).
    pub async fn attest(&mut self, items: Vec<tiendo_core::sync::Attestation>) -> Result<(), ClientFailure> {
        if let Some(m) = self.session.attest(items) {
            self.ws.send(Message::Binary(m.into())).await?;
        }
        Ok(())
    }

    /// Sends raw bytes (for tests of bad input).
    pub async fn send_raw(&mut self, bytes: Vec<u8>) -> Result<(), ClientFailure> {
        self.ws.send(Message::Binary(bytes.into())).await?;
        Ok(())
    }

    /// Sends what every document has to say.
    pub async fn push(&mut self) -> Result<usize, ClientFailure> {
        let mut sent = 0;
        let ids: Vec<String> = self.docs.keys().cloned().collect();
        for id in ids {
            let Some(doc) = self.docs.get_mut(&id) else { continue };
            if let Some(m) = self.session.outgoing(&id, doc) {
                self.bytes.0 += m.len();
                self.ws.send(Message::Binary(m.into())).await?;
                sent += 1;
            }
        }
        Ok(sent)
    }

    /// Reads one message and acts on it (applying sync messages, answering them).
    pub async fn read_one(&mut self, wait: Duration) -> Result<(), ClientFailure> {
        let msg = tokio::time::timeout(wait, self.ws.next()).await.map_err(|_| ClientFailure::Timeout)?;
        let bytes = match msg {
            None => return Err(ClientFailure::Closed(String::new())),
            Some(Err(e)) => return Err(e.into()),
            Some(Ok(Message::Binary(b))) => b,
            Some(Ok(Message::Close(frame))) => {
                let why = frame.map(|f| format!("{}: {}", u16::from(f.code), f.reason)).unwrap_or_default();
                return Err(ClientFailure::Closed(why));
            }
            Some(Ok(_)) => return Ok(()),
        };
        if self.session.is_ready() {
            self.bytes.1 += bytes.len();
        }
        match self.session.receive(&bytes)? {
            Inbound::Sync { doc, data } => {
                if let Some(d) = self.docs.get_mut(&doc) {
                    self.session.apply(&doc, d, &data)?;
                    if let Some(reply) = self.session.outgoing(&doc, d) {
                        self.bytes.0 += reply.len();
                        self.ws.send(Message::Binary(reply.into())).await?;
                    }
                }
            }
            Inbound::Refused { doc, reason, .. } => self.refused.push((doc, reason)),
            Inbound::Unavailable(doc) => self.unavailable.push(doc),
            Inbound::Attested(items) => self.attested.extend(items),
            Inbound::Error { message, .. } => return Err(ClientFailure::Closed(message)),
            Inbound::Ready | Inbound::Nothing => {}
        }
        Ok(())
    }

    /// Pushes, then reads until nothing comes for `quiet`.
    pub async fn sync(&mut self, quiet: Duration) -> Result<(), ClientFailure> {
        self.push().await?;
        loop {
            match self.read_one(quiet).await {
                Ok(()) => {}
                Err(ClientFailure::Timeout) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }

    /// Pushes, then reads until the server has confirmed every change of this device to `id`.
    pub async fn sync_confirmed(&mut self, id: &str, wait: Duration) -> Result<(), ClientFailure> {
        self.push().await?;
        while self.unconfirmed(id) > 0 {
            if let Some((_, reason)) = self.refused.iter().find(|(d, _)| d == id) {
                return Err(ClientFailure::Closed(format!("refused: {reason}")));
            }
            self.read_one(wait).await?;
        }
        Ok(())
    }

    /// Closes the connection.
    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }
}

fn http_err(e: impl std::fmt::Display) -> ClientFailure {
    ClientFailure::Closed(format!("bad header: {e}"))
}
