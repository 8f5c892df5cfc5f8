//! Attestations on the server: those a connection hands in before the changes it relays (an
//! office passing on a district's USB file), and the server's own, given to each device so that
//! it can hand the server's changes on by file.

use super::{close, ConnId, Effect, Hub, MAX_PENDING_ATTESTATIONS, SERVER_PEER};
use tiendo_core::sync::{attest, Attestation, WireMessage};

impl Hub {
    /// Takes in attestations a connection hands in before the changes it relays; a forged one
    /// closes the connection.
    pub(super) fn take_attestations(&mut self, conn: ConnId, items: Vec<Attestation>) -> Vec<Effect> {
        let Some(c) = self.conns.get_mut(&conn) else { return Vec::new() };
        for a in items {
            if let Err(e) = c.pending.insert(a, &self.rights) {
                tracing::warn!(device = %c.peer.device, error = %e, "attestation refused");
                return close(
                    conn,
                    tiendo_core::sync::ServerErrorCode::BadAttestation,
                    &format!("attestation refused: {e}"),
                );
            }
            if c.pending.len() > MAX_PENDING_ATTESTATIONS {
                return close(conn, tiendo_core::sync::ServerErrorCode::TooManyAttestations, "too many attestations");
            }
        }
        Vec::new()
    }

    /// Sends `conn` the server's attestations of document `id` that its device has not been
    /// given yet (every actor's latest change but the device's own): the device can then hand
    /// the changes on by file.
    pub(super) fn vouch(&mut self, conn: ConnId, id: &str, effects: &mut Vec<Effect>) {
        let Some(c) = self.conns.get(&conn) else { return };
        let (device, Some(client)) = (c.peer.device.clone(), c.client.clone()) else { return };
        let Some(doc) = self.docs.get_mut(id) else { return };
        let server = &self.server;
        let vouched = doc.vouched.get_or_insert_with(|| {
            attest(&mut doc.stored.doc, id, &server.id, &server.key, None)
                .into_iter()
                .map(|a| (a.actor.clone(), a))
                .collect()
        });
        let given = self.attested_to.entry((device.clone(), id.to_owned())).or_default();
        let mut items = Vec::new();
        for (actor, a) in vouched.iter() {
            if actor.starts_with(device.as_str()) || given.get(actor).is_some_and(|seq| *seq >= a.seq) {
                continue;
            }
            given.insert(actor.clone(), a.seq);
            items.push(a.clone());
        }
        if !items.is_empty() {
            let m = WireMessage::Attest { sender: SERVER_PEER.into(), target: client, items };
            effects.push(Effect::Send(conn, m.encode()));
        }
    }
}
