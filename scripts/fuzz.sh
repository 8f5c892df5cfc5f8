#!/usr/bin/env bash
# Fuzzes the sync-file import (crates/core/fuzz) for a set time, then prints the executions and
# what it found. Crashes land in crates/core/fuzz/artifacts/import/; copy each into
# crates/core/tests/fuzz-regressions/ so that `cargo test` keeps checking it.
#   bash scripts/fuzz.sh [SECONDS]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
cargo run -q -p tiendo-core --example fuzz_seeds -- crates/core/fuzz/corpus/import
cd crates/core/fuzz
mkdir -p corpus/import artifacts/import
log=$(mktemp)
cargo +nightly fuzz run import corpus/import -- -max_total_time="$seconds" -rss_limit_mb=2048 2>&1 | tee "$log" | grep -E "^#[0-9]+ +(pulse|DONE)" || true
execs=$(grep -oE "^#[0-9]+" "$log" | tail -1 | tr -d '#')
crashes=$(find artifacts/import -type f | wc -l)
echo "fuzz import: ${execs:-0} executions in ${seconds}s, corpus $(find corpus/import -type f | wc -l) inputs, ${crashes} crash(es) in crates/core/fuzz/artifacts/import"
[ "$crashes" -eq 0 ]
