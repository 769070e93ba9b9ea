#!/usr/bin/env bash
# Nothing outside core/ reads the wall clock directly or uses unseeded randomness: I/O edges use
# core::wall_clock_now(), trading logic a core::Clock. Fails CI with the offending lines.
set -euo pipefail
cd "$(dirname "$0")/.."
allowed='^src/zerodte/core/'
hits=$(git grep -nE 'system_clock::now|std::rand\(|random_device|std::time\(|gettimeofday' -- 'src/zerodte' \
  | grep -vE "$allowed" || true)
if [ -n "$hits" ]; then
  echo "Wall-clock or unseeded randomness outside core/ (use core::wall_clock_now() or a Clock):"
  echo "$hits"
  exit 1
fi
echo "determinism check: ok"
