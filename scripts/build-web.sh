#!/usr/bin/env bash
# Builds the dashboard (web/ -> web/dist) with npm from the registry; no CDN at run time.
# Idempotent: skipped when web/dist is newer than every source, package.json and the lock file.
#   scripts/build-web.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null 2>&1; then
  echo "build-web: npm not found (install nodejs and npm: scripts/deps-debian.txt)" >&2
  exit 1
fi
stamp=dist/index.html
if [[ "${1:-}" != "--force" && -f "$stamp" && -d node_modules ]]; then
  newer=$(find index.html package.json package-lock.json tsconfig.json vite.config.ts src -newer "$stamp" -print -quit)
  if [[ -z "$newer" ]]; then
    echo "build-web: web/dist is up to date"
    exit 0
  fi
fi
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
npm run build
echo "build-web: built web/dist"
