#!/usr/bin/env bash
# Renders the province's report and an agency's report for a period as LibreOffice sees them:
# .docx -> PDF -> PNG pages, to look at (issue 7: "render it with LibreOffice headless").
#   bash scripts/render-docx.sh [PERIOD] [OUT_DIR]
# Installs LibreOffice Writer and poppler from Debian if missing (not part of the test run).
set -euo pipefail
cd "$(dirname "$0")/.."
period="${1:-2020-Q1}"
out="${2:-target/render}"
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -q libreoffice-writer-nogui poppler-utils fonts-liberation >/dev/null
fi
mkdir -p "$out"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
cargo build -q -p tiendo-server
cargo run -q -p tiendo-server --example office_world -- "$data"
bin=target/debug/tiendo
"$bin" report export --data "$data" --period "$period" --format docx --out "$out/tinh.docx"
"$bin" report export --data "$data" --period "$period" --format docx --agency so-tai-chinh --out "$out/stc.docx"
"$bin" report export --data "$data" --period "$period" --format xlsx --as-of 2020-12-31 --out "$out/bang.xlsx"
for f in tinh stc; do
  soffice --headless --convert-to pdf --outdir "$out" "$out/$f.docx" >/dev/null 2>&1
  pdftoppm -png -r 60 "$out/$f.pdf" "$out/$f"
done
ls -1 "$out"
