#!/usr/bin/env bash
# Writes brotli (-q 11) and gzip (-9) copies next to the built app's hashed files (WASM, JS,
# CSS), which `tiendo serve` sends to browsers that accept them (trunk replaces dist/ on every
# build: run after it). The page itself is left alone: it is small, revalidated on every visit,
# and its CSP is computed from it, so a stale compressed copy must never stand in for it.
#   bash scripts/precompress.sh [DIST]
set -euo pipefail
dist="${1:-dist}"
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
  [ -f "$f" ] || continue
  # Only trunk's content-hashed names (name-<hex>.js, name-<hex>_bg.wasm): a copy of a file whose
  # name stays the same across versions (sw.js, check-worker.js) could go stale beside it.
  [[ "$(basename "$f")" =~ -[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$ ]] || { rm -f "$f.br" "$f.gz"; continue; }
  brotli -q 11 -f -k -o "$f.br" "$f"
  gzip -9 -f -k -c "$f" > "$f.gz"
done
