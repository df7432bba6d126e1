#!/usr/bin/env bash
# `npm test`: works on a fresh clone. Installs what is missing (npm packages, Debian packages for
# the real services), type-checks and lints, then runs unit + integration tests (Vitest, real
# Postgres) and e2e tests (Playwright on Debian chromium), and ends with `N passed, N failed`.
# Postgres: DATABASE_URL when set, else an embedded server in .vigil/test, stopped at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-node-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/ensure-system-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json

failed_checks=()
echo "== typecheck"; npm run -s typecheck || failed_checks+=(typecheck)
echo "== lint"; npm run -s lint || failed_checks+=(lint)

stop_pg() { [ -z "${DATABASE_URL:-}" ] && node_modules/.bin/tsx scripts/test-postgres.ts stop; }
trap stop_pg EXIT

echo "== build (next build, once, before tests that serve the app)"
node_modules/.bin/tsx scripts/build-if-stale.ts || failed_checks+=(build)

echo "== unit + integration (vitest)"
timeout --kill-after=30 1200 node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json

echo "== e2e (playwright)"
timeout --kill-after=30 900 node_modules/.bin/playwright test

node scripts/test-summary.mjs "${failed_checks[@]}"
