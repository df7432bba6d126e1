#!/usr/bin/env bash
# Pre-release only (before the first landing): rebuild drizzle/ from the schema as one generated
# migration plus the hand-written SQL in src/server/db/sql/*.sql (applied in file-name order).
# Used when merging branches that both changed the schema. After the first landing, migrations
# are append-only: use `npm run db:generate` (and `drizzle-kit generate --custom`) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf drizzle
npx drizzle-kit generate --name init >/dev/null
for f in src/server/db/sql/*.sql; do
  [ -e "$f" ] || continue
  name=$(basename "$f" .sql | sed 's/^[0-9]*_//')
  npx drizzle-kit generate --custom --name "$name" >/dev/null
  target=$(ls drizzle/*_"$name".sql | tail -1)
  cp "$f" "$target"
done
ls drizzle
