#!/usr/bin/env bash
# Trunk's post-build hook: gives the modules trunk builds as workers (the engine, and the page's
# full module, which the start module loads) content-hashed names, and writes them into the
# page. Then the server caches them for a year like the start module's own files,
# scripts/precompress.sh compresses them, and the service worker fetches them anew exactly when
# they change (a page that names other files is a new version). Each chain is loader -> JS glue
# -> WASM: each is hashed after the name it refers to has been rewritten.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "$dir"
hash() { sha256sum "$1" | cut -c1-16; }
for name in tiendo-engine tiendo-app; do
  [ -f "${name}_loader.js" ] || { echo "hash-modules: no ${name} module in $dir" >&2; exit 1; }
  wasm="$name-$(hash "${name}_bg.wasm")_bg.wasm"
  mv "${name}_bg.wasm" "$wasm"
  sed -i "s/${name}_bg\.wasm/$wasm/g" "$name.js"
  glue="$name-$(hash "$name.js").js"
  mv "$name.js" "$glue"
  sed -i "s/${name}\.js/$glue/g" "${name}_loader.js"
  loader="$name-loader-$(hash "${name}_loader.js").js"
  mv "${name}_loader.js" "$loader"
  sed -i -e "s#/${name}_loader\.js#/$loader#g" -e "s#/${name}\.js#/$glue#g" \
    -e "s#/${name}_bg\.wasm#/$wasm#g" index.html
done
