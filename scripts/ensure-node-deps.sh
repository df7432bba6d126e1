#!/usr/bin/env bash
# Runs `npm install` when node_modules is missing or older than package-lock.json, so `npm test`
# works on a fresh clone with nothing else done first. (npm install, not npm ci: this registry
# lacks some platform builds a lockfile may list; see the README.)
set -euo pipefail
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ ! -x node_modules/.bin/vitest ]; then
  echo "ensure-node-deps: npm install"
  npm install --no-audit --no-fund
fi
