#!/usr/bin/env bash
# Prints Tiến độ's benchmark numbers: the size of the app's WASM and JS (first load),
# raw, gzip -9 and brotli -q 11, from a fresh release build; then the app in headless Chromium
# with a province-year of reports (time to interactive Home, long tasks while typing, memory).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/tools.sh --browser
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
trunk build --release >/dev/null 2>&1
bash scripts/precompress.sh dist
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
first_br=0
ui_br=0
engine_br=0
total_br=0
for f in dist/*.wasm dist/*.js dist/*.css dist/index.html; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total_br=$((total_br + br))
  case "$(basename "$f")" in
    tiendo-engine*) engine_br=$((engine_br + br)) ;;
    # The page's full module: the service worker fetches it while the start screen is up.
    tiendo-app*) ui_br=$((ui_br + br)) ;;
    # Fetched after the page is up (the service worker) or only while importing a file.
    sw.js|check-worker.js) ;;
    *) first_br=$((first_br + br)) ;;
  esac
  printf '%-44s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
printf '%-44s %10s %10s %10d   (budget 358400)\n' "first screen: page, start module, JS, CSS" "" "" "$first_br"
printf '%-44s %10s %10s %10d\n' "the page's full module (after the start)" "" "" "$ui_br"
printf '%-44s %10s %10s %10d\n' "the engine module (its worker)" "" "" "$engine_br"
printf '%-44s %10s %10s %10d   (budget 1331200)\n' "the whole app" "" "" "$total_br"

echo
echo "== the page's modules' largest parts (twiggy top of builds that keep the names; the next bytes to cut)"
command -v twiggy >/dev/null || cargo install twiggy --locked -q
CARGO_TARGET_DIR=target/names CARGO_PROFILE_RELEASE_STRIP=false \
  cargo build -q -p tiendo-app --no-default-features --release --target wasm32-unknown-unknown
CARGO_TARGET_DIR=target/names CARGO_PROFILE_RELEASE_STRIP=false \
  cargo build -q -p tiendo-start --release --target wasm32-unknown-unknown
echo "-- the start module (the first screen)"
twiggy top -n 15 target/names/wasm32-unknown-unknown/release/tiendo-start.wasm | cut -c1-150
echo "-- the full module"
twiggy top -n 25 target/names/wasm32-unknown-unknown/release/tiendo-app.wasm | cut -c1-150

echo
echo "== the plan parser on growing texts (time should grow linearly: ms per MB flat)"
cargo run --release -q -p tiendo-core --example parse_bench

echo
echo "== the plan parser's quality over every test plan (tasks found, agency F1, targets; aim >= 0.97)"
cargo run --release -q -p tiendo-core --example parse_quality

echo
echo "== the app in headless Chromium against the real server"
cargo build -p tiendo-server >/dev/null 2>&1
export CHROMEDRIVER=/usr/bin/chromedriver
cargo run --release -q -p tiendo-e2e --bin bench-app
echo "-- the same for a 2026 province of 150 agencies (import, board, report, full sync, Home, memory)"
BENCH_APP_ONLY=2026 cargo run --release -q -p tiendo-e2e --bin bench-app

echo
echo "== sync: bytes on the wire, then N clients (default 1000; BENCH_SYNC_CLIENTS) against"
echo "   tiendo serve and against automerge-repo's Node sync server (npm), in the same run"
cargo build --release -q -p tiendo-server
js=crates/server/bench/js-sync-server
# The reference is part of the measurement (the 3x goal): if it cannot be installed, the bench
# says so and fails, rather than printing our numbers alone.
if ! command -v npm >/dev/null; then
  echo "FAILED: Node.js and npm are needed for the reference server (apt-get install nodejs npm)" >&2
  exit 1
fi
if ! (cd "$js" && npm ci --no-audit --no-fund --silent >/dev/null); then
  echo "FAILED: npm ci in $js did not install the reference server (see npm's message above)" >&2
  exit 1
fi
sync_args=("${BENCH_SYNC_CLIENTS:-1000}")
cargo run --release -q -p tiendo-server --example sync_bench -- "${sync_args[@]}"

echo
echo "== sync files: a province-year exported by the office, verified, previewed, applied (native)"
cargo run --release -q -p tiendo-core --example file_bench
echo "-- the same for a 2026 province of 150 agencies"
AGENCIES=150 cargo run --release -q -p tiendo-core --example file_bench

echo
echo "== the provincial office: board, targets, the province's report and its .docx/.xlsx for a province-year (native)"
cargo run --release -q -p tiendo-core --example office_bench
echo "-- the same for a 2026 province of 150 agencies"
AGENCIES=150 cargo run --release -q -p tiendo-core --example office_bench

echo
echo "== history: one field's history in a busy report, the conflict scan and the record as of a day of a province-year (native)"
cargo run --release -q -p tiendo-core --example history_bench
echo "-- the same for a 2026 province of 150 agencies"
AGENCIES=150 cargo run --release -q -p tiendo-core --example history_bench
