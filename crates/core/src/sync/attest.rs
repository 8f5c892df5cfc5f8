//! Attestations: a device's signature that a change is its own, carried with the changes when
//! someone else hands them on (an office relaying a district's USB file to the server, a file
//! holding a colleague's edits).
//!
//! A change is accepted from whoever sends it only if it is the sender's own (its actor starts
//! with the sender's device id) or an attestation covers it. One signature covers a whole chain:
//! every change an actor (one tab of one device) makes depends on its previous one, so signing
//! the latest change `(actor, seq, hash)` vouches for every change of that actor up to `seq` —
//! provided the document holds that very change, since automerge keeps one change per
//! `(actor, seq)`. The signer is the actor's own device, or the workspace's server, which
//! vouches for what it accepted (and for its own registrations).

use super::rights::Rights;
use crate::file::DeviceKey;
use crate::hex;
use crate::ids::DeviceId;
use automerge::{ActorId, AutoCommit, ChangeHash};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a signature is over: a fixed prefix, then each field with its length.
fn message(doc: &str, actor: &[u8], seq: u64, hash: &ChangeHash) -> Vec<u8> {
    let mut m = b"tiendo-attest-v1".to_vec();
    for part in [doc.as_bytes(), actor] {
        m.extend_from_slice(&(part.len() as u64).to_be_bytes());
        m.extend_from_slice(part);
    }
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(&hash.0);
    m
}

/// A device's signed word that change `hash`, number `seq` of `actor` in `doc`, is known to it
/// as authentic (its own, or, for the server, accepted), and with it every earlier change of
/// that actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attestation {
    /// The document.
    pub doc: String,
    /// The actor, hex.
    pub actor: String,
    /// The change's sequence number in that actor's chain.
    pub seq: u64,
    /// The change's hash, hex.
    pub hash: String,
    /// The device that signs.
    pub by: DeviceId,
    /// The signature, hex.
    pub sig: String,
}

/// Why an attestation is not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttestError {
    /// The signing device is not registered with a key.
    #[error("attestation by {0}, which is not a registered device with a key")]
    UnknownSigner(DeviceId),
    /// The signer is neither the actor's device nor the workspace's server.
    #[error("device {by} may not vouch for actor {actor}")]
    NotItsOwn {
        /// The signer.
        by: DeviceId,
        /// The actor, hex.
        actor: String,
    },
    /// The signature does not match.
    #[error("the attestation of actor {actor} in {doc} is not signed by {by}")]
    BadSignature {
        /// The document.
        doc: String,
        /// The actor, hex.
        actor: String,
        /// The claimed signer.
        by: DeviceId,
    },
    /// A field does not parse.
    #[error("a malformed attestation: {0}")]
    Malformed(String),
}

impl Attestation {
    /// `key` (device `by`'s) signs change `(actor, seq, hash)` of `doc`.
    pub fn sign(key: &DeviceKey, by: &DeviceId, doc: &str, actor: &ActorId, seq: u64, hash: ChangeHash) -> Self {
        let sig = key.sign(&message(doc, actor.to_bytes(), seq, &hash));
        Self {
            doc: doc.to_owned(),
            actor: actor.to_hex_string(),
            seq,
            hash: hash.to_string(),
            by: by.clone(),
            sig: hex::encode(&sig),
        }
    }

    /// The change attested.
    pub fn change(&self) -> Result<(ActorId, ChangeHash), AttestError> {
        let actor = hex::decode(&self.actor).ok_or_else(|| AttestError::Malformed(self.actor.clone()))?;
        let hash = self.hash.parse().map_err(|_| AttestError::Malformed(self.hash.clone()))?;
        Ok((ActorId::from(actor), hash))
    }

    /// Checks signer and signature against the workspace's registered devices.
    pub fn verify(&self, rights: &Rights) -> Result<(), AttestError> {
        let (actor, hash) = self.change()?;
        let key = rights.public_key(&self.by).ok_or_else(|| AttestError::UnknownSigner(self.by.clone()))?;
        let own = Rights::is_of(&actor, &self.by);
        if !own && rights.server() != Some(&self.by) {
            return Err(AttestError::NotItsOwn { by: self.by.clone(), actor: self.actor.clone() });
        }
        let sig = hex::decode(&self.sig).unwrap_or_default();
        if !crate::file::verify(key, &message(&self.doc, actor.to_bytes(), self.seq, &hash), &sig) {
            return Err(AttestError::BadSignature {
                doc: self.doc.clone(),
                actor: self.actor.clone(),
                by: self.by.clone(),
            });
        }
        Ok(())
    }
}

/// Verified attestations, the one reaching furthest per document and actor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attestations {
    best: BTreeMap<(String, String), Attestation>,
}

/// The storage key under which a laptop keeps the attestations it holds.
pub const ATTESTED: &str = "attested";

/// No attestations, for places that hold none.
static NONE: Attestations = Attestations { best: BTreeMap::new() };

impl Attestations {
    /// No attestations.
    pub fn none() -> &'static Attestations {
        &NONE
    }

    /// Takes `a` in if it verifies; `Ok(true)` if it reaches further than what was known.
    pub fn insert(&mut self, a: Attestation, rights: &Rights) -> Result<bool, AttestError> {
        a.verify(rights)?;
        let key = (a.doc.clone(), a.actor.clone());
        if self.best.get(&key).is_some_and(|known| known.seq >= a.seq) {
            return Ok(false);
        }
        self.best.insert(key, a);
        Ok(true)
    }

    /// Takes in every attestation that verifies, skipping the others; how many were news.
    pub fn insert_all(&mut self, all: impl IntoIterator<Item = Attestation>, rights: &Rights) -> usize {
        all.into_iter().filter(|a| matches!(self.insert(a.clone(), rights), Ok(true))).count()
    }

    /// The attestation that covers change `seq` of `actor` in `doc_id`, if one does: it reaches
    /// `seq` or beyond, and `doc` holds the very change it names.
    pub fn covering(&self, doc_id: &str, doc: &mut AutoCommit, actor: &ActorId, seq: u64) -> Option<&Attestation> {
        let a = self.best.get(&(doc_id.to_owned(), actor.to_hex_string()))?;
        let (_, hash) = a.change().ok()?;
        let holds = doc.get_change_meta_by_hash(&hash).is_some_and(|c| c.seq == a.seq && c.actor.as_ref() == actor);
        (a.seq >= seq && holds).then_some(a)
    }

    /// The attestations of one document.
    pub fn of_doc<'a>(&'a self, doc: &'a str) -> impl Iterator<Item = &'a Attestation> + 'a {
        self.best.range((doc.to_owned(), String::new())..).take_while(move |((d, _), _)| d == doc).map(|(_, a)| a)
    }

    /// The attestations as bytes, to keep in storage (under [`ATTESTED`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&self.best.values().collect::<Vec<_>>()).unwrap_or_default()
    }

    /// Attestations kept as bytes, each verified again against `rights` (the ones that no
    /// longer verify, say of a removed device, are left out).
    pub fn from_bytes(bytes: &[u8], rights: &Rights) -> Self {
        let mut set = Self::default();
        if let Ok(items) = serde_json::from_slice::<Vec<Attestation>>(bytes) {
            set.insert_all(items, rights);
        }
        set
    }

    /// Those by authors, not by the server: what a device hands the server before relaying.
    pub fn by_authors<'a>(&'a self, rights: &'a Rights) -> impl Iterator<Item = &'a Attestation> + 'a {
        self.best.values().filter(move |a| rights.server() != Some(&a.by))
    }

    /// Every attestation held.
    pub fn iter(&self) -> impl Iterator<Item = &Attestation> {
        self.best.values()
    }

    /// How many are held.
    pub fn len(&self) -> usize {
        self.best.len()
    }

    /// Whether none is held.
    pub fn is_empty(&self) -> bool {
        self.best.is_empty()
    }
}

/// The latest change of every actor of `doc` whose device is `of` (any actor but the genesis
/// one, when `of` is `None`): `(actor, seq, hash)`.
pub fn latest_changes(doc: &mut AutoCommit, of: Option<&DeviceId>) -> Vec<(ActorId, u64, ChangeHash)> {
    let genesis = ActorId::from(crate::schema::genesis::GENESIS_ACTOR);
    let mut latest: BTreeMap<ActorId, (u64, ChangeHash)> = BTreeMap::new();
    for c in doc.get_changes_meta(&[]) {
        let actor = c.actor.as_ref();
        if actor == &genesis {
            continue;
        }
        if of.is_some_and(|device| !Rights::is_of(actor, device)) {
            continue;
        }
        let entry = latest.entry(actor.clone()).or_insert((c.seq, c.hash));
        if c.seq >= entry.0 {
            *entry = (c.seq, c.hash);
        }
    }
    latest.into_iter().map(|(a, (s, h))| (a, s, h)).collect()
}

/// `key` (device `by`'s) attests the latest change of every actor of `doc` it may vouch for:
/// its own actors, or (`of` = `None`, for the server) every actor.
pub fn attest(
    doc: &mut AutoCommit,
    doc_id: &str,
    by: &DeviceId,
    key: &DeviceKey,
    of: Option<&DeviceId>,
) -> Vec<Attestation> {
    latest_changes(doc, of)
        .into_iter()
        .map(|(actor, seq, hash)| Attestation::sign(key, by, doc_id, &actor, seq, hash))
        .collect()
}
