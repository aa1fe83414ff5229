#!/usr/bin/env bash
# Runs the browser tests: playwright-core drives Debian's Chromium
# (/usr/bin/chromium, or $CHROMIUM_PATH) against `shiftplan demo`.
# Installs the npm dependencies first when they are missing.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/playwright-core ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --no-audit --no-fund
fi
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "e2e: $chromium not found (apt-get install -y chromium, or set CHROMIUM_PATH)" >&2
  exit 1
fi
mkdir -p artifacts
exec node --test --test-concurrency=1 --test-reporter=spec tests/
