//! The automerge-repo wire protocol (version "1"): CBOR maps, one per WebSocket message.
//!
//! `join` → `peer` opens a connection; `request` and `sync` carry an Automerge sync message for
//! one document; `doc-unavailable` answers a request for a document the peer may not or cannot
//! give. `tiendo/refused` is our addition: the server tells a client which of its changes it did
//! not take, and why, so that nothing is silently dropped.

use minicbor::data::Type;
use minicbor::{Decoder, Encoder};

/// The protocol version spoken.
pub const PROTOCOL_VERSION: &str = "1";

/// The WebSocket subprotocol of Tiến độ's sync.
pub const SUBPROTOCOL: &str = "tiendo.v1";

/// The prefix of the credential, offered as a second subprotocol `tiendo.auth.<device>.<token>`
/// (browsers cannot set headers on a WebSocket).
pub const AUTH_PREFIX: &str = "tiendo.auth.";

/// Why bytes are not a protocol message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum WireError {
    /// Not CBOR, or not a map of the expected shapes.
    #[error("not a protocol message: {0}")]
    Malformed(String),
    /// A field the message type needs is missing.
    #[error("a {kind:?} message without {field:?}")]
    MissingField {
        /// The message type.
        kind: String,
        /// The missing field.
        field: String,
    },
}

/// One protocol message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireMessage {
    /// A client introduces itself.
    Join {
        /// Its peer id.
        sender: String,
        /// Protocol versions it speaks.
        versions: Vec<String>,
    },
    /// The server answers a join.
    Peer {
        /// The server's peer id.
        sender: String,
        /// The client's peer id.
        target: String,
        /// The version chosen.
        version: String,
    },
    /// A sync message from a peer that does not have the document yet.
    Request {
        /// The document.
        doc: String,
        /// Who sends.
        sender: String,
        /// To whom.
        target: String,
        /// An encoded `automerge::sync::Message`.
        data: Vec<u8>,
    },
    /// A sync message.
    Sync {
        /// The document.
        doc: String,
        /// Who sends.
        sender: String,
        /// To whom.
        target: String,
        /// An encoded `automerge::sync::Message`.
        data: Vec<u8>,
    },
    /// The document cannot be given.
    Unavailable {
        /// The document.
        doc: String,
        /// Who sends.
        sender: String,
        /// To whom.
        target: String,
    },
    /// Changes to a document were refused: none of the message was applied.
    Refused {
        /// The document.
        doc: String,
        /// Who sends.
        sender: String,
        /// To whom.
        target: String,
        /// Why, in words (English, for logs and support).
        reason: String,
        /// What kind of refusal, for the app to say in the user's language (`None` from a
        /// server that sends none, or a code this build does not know).
        code: Option<super::RefusalCode>,
    },
    /// Attestations (`tiendo/attest`, our addition): a client hands on those of changes it
    /// relays; the server sends its own of the changes it gives. The payload is their JSON.
    Attest {
        /// Who sends.
        sender: String,
        /// To whom.
        target: String,
        /// The attestations.
        items: Vec<super::Attestation>,
    },
    /// The connection is wrong and will close.
    Error {
        /// Why, in words (English, for logs and support).
        message: String,
        /// What kind of error, for the app to say in the user's language.
        code: Option<super::ServerErrorCode>,
    },
    /// A message type this build does not handle (ephemeral, remote heads, leave …).
    Other {
        /// Its `type`.
        kind: String,
    },
}

type Enc = Encoder<Vec<u8>>;
type EncResult = Result<(), minicbor::encode::Error<core::convert::Infallible>>;

fn pairs(e: &mut Enc, fields: &[(&str, &str)]) -> EncResult {
    for (k, v) in fields {
        e.str(k)?.str(v)?;
    }
    Ok(())
}

impl WireMessage {
    /// A join from `sender`.
    pub fn join(sender: &str) -> Self {
        Self::Join { sender: sender.into(), versions: vec![PROTOCOL_VERSION.into()] }
    }

    /// The CBOR bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new(Vec::new());
        // Writing into a Vec cannot fail.
        let _ = self.encode_into(&mut e);
        e.into_writer()
    }

    fn encode_into(&self, e: &mut Enc) -> EncResult {
        match self {
            Self::Join { sender, versions } => {
                e.map(4)?;
                pairs(e, &[("type", "join"), ("senderId", sender)])?;
                e.str("supportedProtocolVersions")?.array(versions.len() as u64)?;
                for v in versions {
                    e.str(v)?;
                }
                e.str("peerMetadata")?.map(1)?.str("isEphemeral")?.bool(false)?;
            }
            Self::Peer { sender, target, version } => {
                e.map(5)?;
                pairs(e, &[("type", "peer"), ("senderId", sender), ("targetId", target)])?;
                pairs(e, &[("selectedProtocolVersion", version)])?;
                e.str("peerMetadata")?.map(1)?.str("isEphemeral")?.bool(false)?;
            }
            Self::Request { doc, sender, target, data } | Self::Sync { doc, sender, target, data } => {
                let kind = if matches!(self, Self::Request { .. }) { "request" } else { "sync" };
                e.map(5)?;
                pairs(e, &[("type", kind), ("documentId", doc), ("senderId", sender), ("targetId", target)])?;
                e.str("data")?.bytes(data)?;
            }
            Self::Unavailable { doc, sender, target } => {
                e.map(4)?;
                pairs(
                    e,
                    &[("type", "doc-unavailable"), ("documentId", doc), ("senderId", sender), ("targetId", target)],
                )?;
            }
            Self::Refused { doc, sender, target, reason, code } => {
                e.map(5 + u64::from(code.is_some()))?;
                pairs(
                    e,
                    &[
                        ("type", "tiendo/refused"),
                        ("documentId", doc),
                        ("senderId", sender),
                        ("targetId", target),
                        ("message", reason),
                    ],
                )?;
                if let Some(code) = code {
                    pairs(e, &[("code", code.as_str())])?;
                }
            }
            Self::Attest { sender, target, items } => {
                e.map(4)?;
                pairs(e, &[("type", "tiendo/attest"), ("senderId", sender), ("targetId", target)])?;
                e.str("data")?.bytes(&serde_json::to_vec(items).unwrap_or_default())?;
            }
            Self::Error { message, code } => {
                e.map(2 + u64::from(code.is_some()))?;
                pairs(e, &[("type", "error"), ("message", message)])?;
                if let Some(code) = code {
                    pairs(e, &[("code", code.as_str())])?;
                }
            }
            Self::Other { kind } => {
                e.map(1)?;
                pairs(e, &[("type", kind)])?;
            }
        }
        Ok(())
    }

    /// Reads one message. Unknown fields are skipped; unknown types are [`WireMessage::Other`].
    pub fn decode(bytes: &[u8]) -> Result<Self, WireError> {
        let bad = |e: minicbor::decode::Error| WireError::Malformed(e.to_string());
        let mut d = Decoder::new(bytes);
        let len = d.map().map_err(bad)?.ok_or_else(|| WireError::Malformed("indefinite map".into()))?;
        let mut f = Fields::default();
        for _ in 0..len {
            let key = d.str().map_err(bad)?;
            match key {
                "type" => f.kind = Some(d.str().map_err(bad)?.to_owned()),
                "senderId" => f.sender = Some(d.str().map_err(bad)?.to_owned()),
                "targetId" => f.target = Some(d.str().map_err(bad)?.to_owned()),
                "documentId" => f.doc = Some(d.str().map_err(bad)?.to_owned()),
                "selectedProtocolVersion" => f.version = Some(d.str().map_err(bad)?.to_owned()),
                "message" => f.message = Some(d.str().map_err(bad)?.to_owned()),
                "code" => f.code = Some(d.str().map_err(bad)?.to_owned()),
                "data" => {
                    // cbor-x may tag a Uint8Array (tag 64).
                    if d.datatype().map_err(bad)? == Type::Tag {
                        d.tag().map_err(bad)?;
                    }
                    f.data = Some(d.bytes().map_err(bad)?.to_vec());
                }
                "supportedProtocolVersions" => {
                    let n = d.array().map_err(bad)?.ok_or_else(|| WireError::Malformed("indefinite array".into()))?;
                    let mut v = Vec::new();
                    for _ in 0..n.min(16) {
                        v.push(d.str().map_err(bad)?.to_owned());
                    }
                    if n > 16 {
                        return Err(WireError::Malformed("too many protocol versions".into()));
                    }
                    f.versions = Some(v);
                }
                _ => d.skip().map_err(bad)?,
            }
        }
        if d.position() != bytes.len() {
            return Err(WireError::Malformed("bytes after the message".into()));
        }
        f.into_message()
    }
}

#[derive(Default)]
struct Fields {
    kind: Option<String>,
    sender: Option<String>,
    target: Option<String>,
    doc: Option<String>,
    version: Option<String>,
    message: Option<String>,
    code: Option<String>,
    data: Option<Vec<u8>>,
    versions: Option<Vec<String>>,
}

impl Fields {
    fn into_message(self) -> Result<WireMessage, WireError> {
        let kind = self.kind.ok_or_else(|| WireError::Malformed("a map without \"type\"".into()))?;
        let need = |v: Option<String>, field: &'static str| {
            v.ok_or(WireError::MissingField { kind: kind.clone(), field: field.into() })
        };
        Ok(match kind.as_str() {
            "join" => WireMessage::Join {
                sender: need(self.sender, "senderId")?,
                versions: self
                    .versions
                    .ok_or(WireError::MissingField { kind: kind.clone(), field: "supportedProtocolVersions".into() })?,
            },
            "peer" => WireMessage::Peer {
                sender: need(self.sender, "senderId")?,
                target: need(self.target, "targetId")?,
                version: need(self.version, "selectedProtocolVersion")?,
            },
            "request" | "sync" => {
                let doc = need(self.doc, "documentId")?;
                let sender = need(self.sender, "senderId")?;
                let target = need(self.target, "targetId")?;
                let data = self.data.ok_or(WireError::MissingField { kind: kind.clone(), field: "data".into() })?;
                if kind == "request" {
                    WireMessage::Request { doc, sender, target, data }
                } else {
                    WireMessage::Sync { doc, sender, target, data }
                }
            }
            "doc-unavailable" => WireMessage::Unavailable {
                doc: need(self.doc, "documentId")?,
                sender: need(self.sender, "senderId")?,
                target: need(self.target, "targetId")?,
            },
            "tiendo/refused" => WireMessage::Refused {
                doc: need(self.doc, "documentId")?,
                sender: need(self.sender, "senderId")?,
                target: need(self.target, "targetId")?,
                reason: need(self.message, "message")?,
                code: self.code.and_then(|c| c.parse().ok()),
            },
            "tiendo/attest" => {
                let data = self.data.ok_or(WireError::MissingField { kind: kind.clone(), field: "data".into() })?;
                let items =
                    serde_json::from_slice(&data).map_err(|e| WireError::Malformed(format!("attestations: {e}")))?;
                WireMessage::Attest {
                    sender: need(self.sender, "senderId")?,
                    target: need(self.target, "targetId")?,
                    items,
                }
            }
            "error" => WireMessage::Error {
                message: self.message.unwrap_or_default(),
                code: self.code.and_then(|c| c.parse().ok()),
            },
            _ => WireMessage::Other { kind },
        })
    }
}
