//! Every input the import fuzzer ever crashed on, run again both ways the fuzz target uses
//! inputs: as a whole file, and as a document inside a correctly signed file.

use tiendo_core::file::{self, Local};
use tiendo_core::synthetic::{file_with_document, file_world};

fn check(input: &[u8]) {
    let (ws, docs, key) = file_world().expect("world");
    let local = Local { workspace: &ws, docs: &docs, attested: tiendo_core::sync::Attestations::none() };
    let _ = local.verify(input, file::DEFAULT_MAX_BYTES);
    let bytes = file_with_document(&ws, &key, input, Vec::new());
    assert!(local.verify(&bytes, file::DEFAULT_MAX_BYTES).is_err(), "a fuzz input passed as a document");
}

#[test]
fn every_kept_fuzz_crash_is_refused_without_a_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            continue;
        }
        check(&std::fs::read(entry.path()).expect("read"));
        n += 1;
    }
    // Also the shapes the fuzzer starts from: nothing, garbage, a bare Automerge header.
    for input in [&b""[..], b"\x00\x01\x02", b"\x85\x6f\x4a\x83"] {
        check(input);
    }
    eprintln!("{n} kept fuzz inputs checked");
}
