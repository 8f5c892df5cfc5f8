#!/usr/bin/env bash
# Runs Tiến độ: builds the app in release mode and serves it with the built-in Trà Vinh 2020
# plan on http://127.0.0.1:8080. DATA=dir and ADDR=host:port override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/tools.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
DATA="${DATA:-./data}"
ADDR="${ADDR:-127.0.0.1:8080}"
trunk build --release
bash scripts/precompress.sh dist
cargo build --release -p tiendo-server
./target/release/tiendo init --data "$DATA"
exec ./target/release/tiendo serve --addr "$ADDR" --data "$DATA" --dist dist
