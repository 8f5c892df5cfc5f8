//! Changes as a device makes them: closed with the device's clock, and which of them no other
//! place holds yet.
//!
//! Automerge's `commit()` (and every read that closes the open change: `get_heads`, `save`,
//! `sync` …) stamps a change with time 0. History, "as of a day" and "only on this laptop for N
//! days" need the device's clock, so every change this app makes is closed through
//! [`commit_at`] (or [`close_open`] before a read that would close it), in Unix seconds as
//! automerge-repo's JavaScript client stamps them.

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{AutoCommit, ChangeHash};

/// Closes the open change with the device's clock (`unix_ms`); `None` when nothing was edited.
pub fn commit_at(doc: &mut AutoCommit, unix_ms: i64) -> Option<ChangeHash> {
    doc.commit_with(CommitOptions::default().with_time(unix_ms.div_euclid(1000)))
}

/// Closes the open change, if there is one, with the device's clock; for callers about to read
/// the document in a way that would close it with time 0.
pub fn close_open(doc: &mut AutoCommit, unix_ms: i64) {
    if doc.pending_ops() > 0 {
        commit_at(doc, unix_ms);
    }
}

/// A device's changes that are only on this laptop.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OnlyHere {
    /// How many.
    pub count: usize,
    /// The time of the oldest that carries one (Unix seconds); changes stamped 0 (written before
    /// changes carried the clock) do not count for it.
    pub oldest_s: Option<i64>,
}

/// The changes by `device` (its actors start with the device's id bytes) that are not behind
/// `covered`: the heads another place is known to hold (the server's shared heads, or the heads
/// of the last sync file exported).
pub fn only_here(doc: &mut AutoCommit, device: &[u8], covered: &[ChangeHash]) -> OnlyHere {
    if device.is_empty() {
        return OnlyHere::default();
    }
    let mine: Vec<i64> = doc
        .get_changes_meta(covered)
        .iter()
        .filter(|c| c.actor.to_bytes().starts_with(device))
        .map(|c| c.timestamp)
        .collect();
    OnlyHere { count: mine.len(), oldest_s: mine.iter().copied().filter(|t| *t > 0).min() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::ROOT;

    fn device_doc(device: &[u8]) -> AutoCommit {
        let mut actor = device.to_vec();
        actor.extend_from_slice(&[9, 9, 9, 9]);
        AutoCommit::new().with_actor(automerge::ActorId::from(actor))
    }

    #[test]
    fn a_change_closed_here_carries_the_devices_clock_in_seconds() {
        let mut doc = device_doc(&[1; 16]);
        doc.put(ROOT, "a", 1).expect("put");
        let hash = commit_at(&mut doc, 1_767_225_600_999).expect("a change");
        assert_eq!(doc.get_change_by_hash(&hash).expect("change").timestamp(), 1_767_225_600);
        doc.put(ROOT, "a", 2).expect("put");
        close_open(&mut doc, 1_767_225_700_000);
        let heads = doc.get_heads();
        assert_eq!(doc.get_change_by_hash(&heads[0]).expect("change").timestamp(), 1_767_225_700);
        close_open(&mut doc, 5);
        assert_eq!(doc.get_heads(), heads, "nothing open: no empty change");
    }

    #[test]
    fn only_my_changes_after_what_another_place_holds_count_and_unstamped_ones_have_no_age() {
        let me = [1u8; 16];
        let mut doc = device_doc(&me);
        doc.put(ROOT, "a", 1).expect("put");
        doc.commit(); // an old change, stamped 0
        doc.put(ROOT, "a", 2).expect("put");
        commit_at(&mut doc, 1_000_000_000);
        let sent = doc.get_heads();
        let mut other = doc.fork().with_actor(automerge::ActorId::from(vec![2u8; 20]));
        other.put(ROOT, "b", 1).expect("put");
        commit_at(&mut other, 1_100_000_000_000);
        doc.merge(&mut other).expect("merge");
        assert_eq!(only_here(&mut doc, &me, &[]), OnlyHere { count: 2, oldest_s: Some(1_000_000) });
        assert_eq!(only_here(&mut doc, &me, &sent), OnlyHere { count: 0, oldest_s: None });
        doc.put(ROOT, "a", 3).expect("put");
        commit_at(&mut doc, 1_200_000_000_000);
        assert_eq!(only_here(&mut doc, &me, &sent), OnlyHere { count: 1, oldest_s: Some(1_200_000_000) });
        assert_eq!(only_here(&mut doc, &[], &[]), OnlyHere::default());
    }
}
