//! Telling the other nodes what changed: after a batch is committed, a node sends the keys of the
//! chunks it wrote on `tiendo_changes`; every node listens on its own connection and reads those
//! chunks (not the documents' every chunk: a thousand laptops joining at once each add a chunk
//! to the workspace document). Notices sent while a listener was away are lost, so after every
//! (re)connection it reads everything once ([`Notice::Missed`]).

use super::PgStore;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_postgres::{AsyncMessage, NoTls};

/// The channel.
const CHANNEL: &str = "tiendo_changes";

/// Room for ids in one notice (PostgreSQL's limit is 8,000 bytes).
const PAYLOAD_BYTES: usize = 7_000;

/// What another node said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// These chunks were written (encoded storage keys).
    Chunks(Vec<String>),
    /// Notices may have been missed: read every document.
    Missed,
}

impl PgStore {
    /// Tells the other nodes that the chunks `keys` were written (after they are committed).
    pub async fn notify(&self, keys: &[String]) -> Result<(), super::PgError> {
        let client = self.client().await?;
        let mut payload = String::new();
        for id in keys {
            if !payload.is_empty() && payload.len() + id.len() > PAYLOAD_BYTES {
                client.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &format!("{}:{payload}", self.0.node)]).await?;
                payload.clear();
            }
            if !payload.is_empty() {
                payload.push(',');
            }
            payload.push_str(id);
        }
        if !payload.is_empty() {
            client.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &format!("{}:{payload}", self.0.node)]).await?;
        }
        Ok(())
    }

    /// Listens for the other nodes' notices, reconnecting for as long as the receiver lives.
    pub fn listen(&self) -> mpsc::UnboundedReceiver<Notice> {
        let (tx, rx) = mpsc::unbounded_channel();
        let store = self.clone();
        tokio::spawn(async move {
            while !tx.is_closed() {
                if let Err(e) = store.listen_once(&tx).await {
                    tracing::warn!(error = %e, "listening for other nodes' changes stopped; trying again");
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
        rx
    }

    async fn listen_once(&self, tx: &mpsc::UnboundedSender<Notice>) -> Result<(), tokio_postgres::Error> {
        let (client, mut connection) = self.0.config.connect(NoTls).await?;
        let (heard_tx, mut heard) = mpsc::unbounded_channel::<String>();
        let driver = tokio::spawn(async move {
            while let Some(message) = std::future::poll_fn(|cx| connection.poll_message(cx)).await {
                match message {
                    Ok(AsyncMessage::Notification(n)) => {
                        if heard_tx.send(n.payload().to_owned()).is_err() {
                            break;
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "the listening connection failed");
                        break;
                    }
                }
            }
        });
        client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
        let _ = tx.send(Notice::Missed);
        while let Some(payload) = heard.recv().await {
            let Some((node, ids)) = payload.split_once(':') else { continue };
            if node == self.0.node {
                continue;
            }
            let ids = ids.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect();
            if tx.send(Notice::Chunks(ids)).is_err() {
                break;
            }
        }
        driver.abort();
        drop(client);
        Ok(())
    }
}
