#!/usr/bin/env bash
# Trunk's post-build hook: gives the engine module's files (built as a worker, which trunk does
# not name by content) content-hashed names, and writes them into the page. Then the server
# caches them for a year like the page's own module, scripts/precompress.sh compresses them,
# and the service worker fetches them anew exactly when they change (a page that names other
# files is a new version). The chain is loader -> JS glue -> WASM: each is hashed after the
# name it refers to has been rewritten.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "$dir"
[ -f tiendo-engine_loader.js ] || { echo "hash-engine: no engine module in $dir" >&2; exit 1; }
hash() { sha256sum "$1" | cut -c1-16; }
wasm="tiendo-engine-$(hash tiendo-engine_bg.wasm)_bg.wasm"
mv tiendo-engine_bg.wasm "$wasm"
sed -i "s/tiendo-engine_bg\.wasm/$wasm/g" tiendo-engine.js
glue="tiendo-engine-$(hash tiendo-engine.js).js"
mv tiendo-engine.js "$glue"
sed -i "s/tiendo-engine\.js/$glue/g" tiendo-engine_loader.js
loader="tiendo-engine-loader-$(hash tiendo-engine_loader.js).js"
mv tiendo-engine_loader.js "$loader"
sed -i -e "s#/tiendo-engine_loader\.js#/$loader#g" -e "s#/tiendo-engine\.js#/$glue#g" \
  -e "s#/tiendo-engine_bg\.wasm#/$wasm#g" index.html
