//! Which change made an operation, and which changes a change depends on.

use automerge::{ActorId, AutoCommit, ChangeHash};
use std::collections::{HashMap, HashSet};

/// Which change holds an operation: per actor, the changes' operation ranges.
pub(super) struct ChangeIndex {
    by_actor: HashMap<ActorId, Vec<(u64, u64, ChangeHash, i64)>>,
    deps: HashMap<ChangeHash, Vec<ChangeHash>>,
    /// The devices that wrote changes (not counting the genesis, made alike everywhere).
    devices: usize,
}

impl ChangeIndex {
    pub(super) fn of(doc: &mut AutoCommit) -> Self {
        let mut by_actor: HashMap<ActorId, Vec<(u64, u64, ChangeHash, i64)>> = HashMap::new();
        let mut deps = HashMap::new();
        for m in doc.get_changes_meta(&[]) {
            by_actor.entry(m.actor.into_owned()).or_default().push((m.start_op, m.max_op, m.hash, m.timestamp));
            deps.insert(m.hash, m.deps);
        }
        let genesis = ActorId::from(crate::schema::genesis::GENESIS_ACTOR);
        let devices: HashSet<_> =
            by_actor.keys().filter(|a| **a != genesis).map(crate::sync::Rights::device_of).collect();
        Self { by_actor, deps, devices: devices.len() }
    }

    pub(super) fn find(&self, actor: &ActorId, counter: u64) -> Option<(Option<ChangeHash>, i64)> {
        // An actor's changes come in sequence order, so their operation ranges ascend.
        let changes = self.by_actor.get(actor)?;
        let at = changes.partition_point(|(start, ..)| *start <= counter).checked_sub(1)?;
        let found = changes.get(at).filter(|(_, max, ..)| counter <= *max)?;
        Some((Some(found.2), found.3))
    }
}

impl ChangeIndex {
    /// How many devices wrote changes.
    pub(super) fn devices(&self) -> usize {
        self.devices
    }

    /// Every change `change` depends on, directly or not.
    pub(super) fn ancestors(&self, change: &ChangeHash) -> HashSet<ChangeHash> {
        let mut seen = HashSet::new();
        let mut todo: Vec<ChangeHash> = self.deps.get(change).cloned().unwrap_or_default();
        while let Some(c) = todo.pop() {
            if seen.insert(c) {
                todo.extend(self.deps.get(&c).into_iter().flatten().copied());
            }
        }
        seen
    }
}
