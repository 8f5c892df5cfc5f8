//! Slowing down access-code guesses: after each wrong code from an address, the next answer to
//! that address waits twice as long (from a quarter second up to a minute), and the same holds
//! for the whole server, so that guesses spread over many addresses are slowed too. A right code
//! clears its address's count. Codes have 80 random bits, so guessing one is hopeless anyway;
//! this keeps a guesser from costing the server, and the log shows every wrong attempt.
//!
//! (A wrong code names no agency, so "per agency" cannot be told apart from "the whole server".)

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures are forgotten after this long without another.
const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);
/// The first wait.
const FIRST: Duration = Duration::from_millis(250);
/// The longest wait.
const LONGEST: Duration = Duration::from_secs(60);
/// Addresses remembered at most (the oldest are forgotten first).
const ADDRESSES: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    fn wait(&self, now: Instant) -> Duration {
        if self.count == 0 || now.duration_since(self.last) > FORGET_AFTER {
            return Duration::ZERO;
        }
        FIRST.saturating_mul(1 << self.count.saturating_sub(1).min(12)).min(LONGEST)
    }
}

/// Wrong access codes seen, per address and in all.
#[derive(Debug, Default)]
pub struct CodeThrottle {
    inner: Mutex<(HashMap<IpAddr, Failures>, Option<Failures>)>,
}

impl CodeThrottle {
    /// How long to wait before answering an attempt from `ip`.
    pub fn wait_for(&self, ip: IpAddr) -> Duration {
        let now = Instant::now();
        let guard = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mine = guard.0.get(&ip).map_or(Duration::ZERO, |f| f.wait(now));
        // The whole server's count grows ten times slower: many laptops mistype.
        let all = guard.1.map_or(Duration::ZERO, |f| Failures { count: f.count / 10, ..f }.wait(now));
        mine.max(all)
    }

    /// A wrong code from `ip`; returns how many in a row from it.
    pub fn failed(&self, ip: IpAddr) -> u32 {
        let now = Instant::now();
        let mut guard = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (per_ip, all) = &mut *guard;
        if per_ip.len() >= ADDRESSES && !per_ip.contains_key(&ip) {
            per_ip.retain(|_, f| now.duration_since(f.last) <= FORGET_AFTER);
            if per_ip.len() >= ADDRESSES {
                per_ip.clear();
            }
        }
        let bump = |f: &mut Failures| {
            f.count = if now.duration_since(f.last) > FORGET_AFTER { 1 } else { f.count.saturating_add(1) };
            f.last = now;
        };
        let mine = per_ip.entry(ip).or_insert(Failures { count: 0, last: now });
        bump(mine);
        let count = mine.count;
        bump(all.get_or_insert(Failures { count: 0, last: now }));
        count
    }

    /// A right code from `ip`.
    pub fn succeeded(&self, ip: IpAddr) {
        let mut guard = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        guard.0.remove(&ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_wrong_code_doubles_the_wait_up_to_a_minute_and_a_right_one_clears_it() {
        let t = CodeThrottle::default();
        let ip: IpAddr = "10.0.0.1".parse().expect("ip");
        let other: IpAddr = "10.0.0.2".parse().expect("ip");
        assert_eq!(t.wait_for(ip), Duration::ZERO);
        let waits: Vec<Duration> = (0..5)
            .map(|_| {
                t.failed(ip);
                t.wait_for(ip)
            })
            .collect();
        assert_eq!(waits[0], FIRST);
        assert!(waits.windows(2).all(|w| w[1] == w[0] * 2), "{waits:?}");
        for _ in 0..20 {
            t.failed(ip);
        }
        assert_eq!(t.wait_for(ip), LONGEST);
        assert!(t.wait_for(other) < t.wait_for(ip), "another address waits only for the whole server's count");
        t.succeeded(ip);
        assert!(t.wait_for(ip) < LONGEST);
    }
}
