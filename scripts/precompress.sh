#!/usr/bin/env bash
# Writes brotli (-q 11) and gzip (-9) copies next to the built app's files, which `tiendo serve`
# sends to browsers that accept them (trunk replaces dist/ on every build: run after it).
#   bash scripts/precompress.sh [DIST]
set -euo pipefail
dist="${1:-dist}"
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css "$dist"/*.html; do
  [ -f "$f" ] || continue
  brotli -q 11 -f -k -o "$f.br" "$f"
  gzip -9 -f -k -c "$f" > "$f.gz"
done
