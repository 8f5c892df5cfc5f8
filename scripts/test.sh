#!/usr/bin/env bash
# Runs every test of Tiến độ: formatting and lints, the native tests (core, server, CLI),
# the app's wasm tests in headless Chromium, and end-to-end tests of the built app in headless
# Chromium against the real server. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
bash scripts/tools.sh --browser
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
# One build per run: incremental caches would only add disk (CI machines have little).
export CARGO_INCREMENTAL=0

step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT

step "format"
cargo fmt --all --check

step "lints (native)"
cargo clippy --workspace --exclude tiendo-app --exclude tiendo-engine --all-targets -- -D warnings
step "lints (start, app and engine, wasm32)"
cargo clippy -p tiendo-start -p tiendo-app -p tiendo-engine --target wasm32-unknown-unknown --all-targets -- -D warnings
# The page's module as trunk builds it: without an engine of its own.
cargo clippy -p tiendo-app --no-default-features --target wasm32-unknown-unknown -- -D warnings

step "test tools from npm (axe-core, loaded from disk by the end-to-end tests)"
(cd tests/e2e && npm ci --no-audit --no-fund --silent)

step "build the app (release, as served)"
trunk build --release
bash scripts/precompress.sh dist
cargo build -p tiendo-server

step "native tests: core, server, CLI, end-to-end in headless Chromium"
cargo test --workspace --exclude tiendo-app --exclude tiendo-engine 2>&1 | tee -a "$log"

step "app and engine tests in headless Chromium (wasm-bindgen-test)"
cargo test -p tiendo-app -p tiendo-engine --target wasm32-unknown-unknown --tests 2>&1 | tee -a "$log"

step "done in $(( $(date +%s) - started ))s"
# One closing line for every runner together.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
