//! Fuzzes the sync-file import. The first byte picks how the input is used:
//! - even: the input is a whole file (the envelope's own checks);
//! - odd: the input becomes the bytes of a document inside a correctly signed file with a
//!   matching hash, so the fuzzer gets past the envelope into Automerge's loading, the genesis
//!   check and the rights check.
//! Either way `verify` must return, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tiendo_core::file::{self, Local};
use tiendo_core::synthetic::{file_with_document, file_world, FileWorld};

fn world() -> &'static FileWorld {
    static WORLD: OnceLock<FileWorld> = OnceLock::new();
    WORLD.get_or_init(|| file_world().expect("world"))
}

fuzz_target!(|data: &[u8]| {
    let (ws, docs, key) = world();
    let local = Local { workspace: ws, docs };
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode % 2 == 0 {
        let _ = local.verify(rest, file::DEFAULT_MAX_BYTES);
        return;
    }
    let heads = automerge::AutoCommit::load(rest)
        .map(|mut d| d.get_heads().iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    let _ = local.verify(&file_with_document(ws, key, rest, heads), file::DEFAULT_MAX_BYTES);
});
