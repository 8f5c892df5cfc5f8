//! The storage contract against the in-memory storage.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use tiendo_core::storage::{contract, MemoryStorage};

/// Memory storage never waits, so polling once finishes every future.
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[test]
fn memory_storage_passes_the_storage_contract() {
    block_on(contract::run_all(async || MemoryStorage::new()));
}
