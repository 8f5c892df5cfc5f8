//! When typed edits are written, in two steps. Within a second: the typed values as a draft,
//! once typing pauses and never later than a set time after the first unwritten edit, so at most
//! a second of typing is at risk. Later: the Automerge change, closed once typing settles (or
//! after a longest time), so that what is typed in one go is one change. Changes are kept for
//! ever and loaded, synced and checked again and again; drafts are dropped once written.

/// The edits waiting to be written, by time (milliseconds, any clock).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SaveTimer {
    first_ms: Option<f64>,
    last_ms: f64,
    open_since_ms: Option<f64>,
}

impl SaveTimer {
    /// Quiet time after the last edit that counts as a pause (the draft is written).
    pub const PAUSE_MS: f64 = 300.0;
    /// The longest an edit waits to be written as a draft.
    pub const MAX_WAIT_MS: f64 = 800.0;
    /// Quiet time after the last edit that counts as settled (the change is closed).
    pub const SETTLE_MS: f64 = 5_000.0;
    /// The longest a change stays open while typing goes on.
    pub const MAX_OPEN_MS: f64 = 60_000.0;

    /// Notes an edit at `now_ms`.
    pub fn edited(&mut self, now_ms: f64) {
        self.first_ms.get_or_insert(now_ms);
        self.open_since_ms.get_or_insert(now_ms);
        self.last_ms = now_ms;
    }

    /// Asked at `now_ms`: `Some(ms)` to wait that much longer (typing goes on), `None` to write
    /// the draft now (the waiting edits are then counted as handed over).
    pub fn wait_more(&mut self, now_ms: f64) -> Option<f64> {
        let first = self.first_ms?;
        let wait = (self.last_ms + Self::PAUSE_MS).min(first + Self::MAX_WAIT_MS) - now_ms;
        if wait > 0.0 {
            return Some(wait);
        }
        self.first_ms = None;
        None
    }

    /// Whether every edit noted has been handed over to a write.
    pub fn handed_over(&self) -> bool {
        self.first_ms.is_none()
    }

    /// Asked at `now_ms`: `Some(ms)` to keep the change open that much longer, `None` to close
    /// it now (or if none is open).
    pub fn settle_more(&self, now_ms: f64) -> Option<f64> {
        let since = self.open_since_ms?;
        let wait = (self.last_ms + Self::SETTLE_MS).min(since + Self::MAX_OPEN_MS) - now_ms;
        (wait > 0.0).then_some(wait)
    }
}
