#!/usr/bin/env bash
# Installs what building and testing Tiến độ needs, and only what is missing:
# rustup's wasm32 target, trunk and wasm-bindgen-cli at the versions this repository pins,
# and (with --browser) Debian's chromium, chromium-driver and postgresql. Quick when all is there.
# Trunk never downloads anything: Trunk.toml pins the wasm-bindgen found on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14   # 0.22 needs a newer rustc than this machine has
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "Trunk.toml must pin wasm_bindgen = \"$WASM_BINDGEN_VERSION\" (the version in Cargo.lock)" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  echo "Installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores)…"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  echo "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)…"
  # Not --locked: its lockfile pins a webpki-roots release the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "${1:-}" = "--browser" ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v brotli >/dev/null || missing+=(brotli)
  command -v npm >/dev/null || missing+=(nodejs npm)
  # The server's PostgreSQL tests start a throwaway cluster with Debian's programs.
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
