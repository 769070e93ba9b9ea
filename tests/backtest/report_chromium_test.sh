#!/bin/sh
# Runs a one-day backtest of the shipped config on real SPY minute bars, opens report.html in
# headless Chromium, and checks that the page's script ran without errors and drew its charts
# (the page sets data-ok="1" and "rendered 5 charts" only after every chart is drawn; any script
# error replaces it with "error: ..."), then takes a screenshot (kept in ARTIFACTS).
#   report_chromium_test.sh ZERODTE CHROMIUM SHARED_DATA ARTIFACTS
set -eu
zerodte=$1 chromium=$2 data=$3 out=$4
rm -rf "$out" && mkdir -p "$out"
"$zerodte" backtest --config config/backtest.toml \
  --data "$data/bars/intraday-1m/gcfc-money-tree_SPY_1m_2024-08.csv" \
  --from 2024-08-26 --to 2024-08-27 --report "$out/report" --no-progress > "$out/run.log" 2>&1
flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir=$out/profile"
# shellcheck disable=SC2086
timeout 60 "$chromium" $flags --dump-dom "file://$out/report/report.html" > "$out/dom.html" 2> "$out/chromium.log"
status=$(grep -o '<p id="render-status"[^<]*' "$out/dom.html" || true)
echo "$status"
case "$status" in
  *'data-ok="1"'*'rendered 5 charts'*) ;;
  *) echo "FAIL: report did not render: $status"; exit 1 ;;
esac
# shellcheck disable=SC2086
timeout 60 "$chromium" $flags --window-size=1200,2000 --screenshot="$out/report.png" \
  "file://$out/report/report.html" >> "$out/chromium.log" 2>&1
size=$(wc -c < "$out/report.png")
[ "$size" -gt 20000 ] || { echo "FAIL: screenshot too small ($size bytes)"; exit 1; }
echo "ok: report rendered; screenshot $out/report.png ($size bytes)"
