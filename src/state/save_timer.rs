//! When typed edits are written: once typing pauses, and never later than a set time after the
//! first unsaved edit. Each write closes one Automerge change, kept for ever, so writing on a
//! pause makes a phrase one change, while the cap keeps at most a second of typing at risk.

/// The edits waiting to be written, by time (milliseconds, any clock).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SaveTimer {
    first_ms: Option<f64>,
    last_ms: f64,
}

impl SaveTimer {
    /// Quiet time after the last edit that counts as a pause.
    pub const PAUSE_MS: f64 = 300.0;
    /// The longest an edit waits to be written.
    pub const MAX_WAIT_MS: f64 = 800.0;

    /// Notes an edit at `now_ms`.
    pub fn edited(&mut self, now_ms: f64) {
        self.first_ms.get_or_insert(now_ms);
        self.last_ms = now_ms;
    }

    /// Asked at `now_ms`: `Some(ms)` to wait that much longer (typing goes on), `None` to write
    /// now (the waiting edits are then counted as handed over).
    pub fn wait_more(&mut self, now_ms: f64) -> Option<f64> {
        let first = self.first_ms?;
        let pause_left = self.last_ms + Self::PAUSE_MS - now_ms;
        let cap_left = first + Self::MAX_WAIT_MS - now_ms;
        let wait = pause_left.min(cap_left);
        if wait > 0.0 {
            return Some(wait);
        }
        self.first_ms = None;
        None
    }
}
