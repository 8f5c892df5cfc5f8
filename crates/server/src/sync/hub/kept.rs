//! What the hub keeps over a graceful restart: every device's sync state per document and the
//! attestations each device was given, so that an idle laptop's reconnect needs no answer.

use super::Hub;
use std::collections::BTreeMap;

/// What the hub keeps over a graceful restart (see [`Hub::kept_states`]).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Kept {
    /// Per device and document, the sync state (`tiendo_core::sync::encode_kept`).
    pub states: Vec<(String, String, Vec<u8>)>,
    /// Per device and document, the sequence number of each actor's attestation given.
    pub attested: Vec<(String, String, BTreeMap<String, u64>)>,
}

impl Hub {
    /// Every peer's sync state (of open connections too) and what each device was given of the
    /// server's attestations, to keep across a restart: an idle reconnect then needs no answer.
    pub fn kept_states(&self) -> Kept {
        let mut states: Vec<(String, String, Vec<u8>)> = self
            .kept
            .iter()
            .map(|((device, doc), s)| (device.to_string(), doc.clone(), tiendo_core::sync::encode_kept(s)))
            .collect();
        for (id, doc) in &self.docs {
            for (conn, state) in &doc.peers {
                if let Some(c) = self.conns.get(conn) {
                    states.push((c.peer.device.to_string(), id.clone(), tiendo_core::sync::encode_kept(state)));
                }
            }
        }
        let attested =
            self.attested_to.iter().map(|((d, doc), given)| (d.to_string(), doc.clone(), given.clone())).collect();
        Kept { states, attested }
    }

    /// Takes in what was kept before a restart.
    pub fn restore_kept(&mut self, kept: Kept) {
        for (device, doc, bytes) in kept.states {
            if let (Ok(device), Some(state)) = (device.parse(), tiendo_core::sync::decode_kept(&bytes)) {
                self.kept.insert((device, doc), state);
            }
        }
        for (device, doc, given) in kept.attested {
            if let Ok(device) = device.parse() {
                self.attested_to.insert((device, doc), given);
            }
        }
    }
}
