#!/usr/bin/env bash
# Migrations have landed: drizzle/ is append-only now. This script used to rebuild drizzle/ from
# scratch before the first landing; it now refuses, and says what to do instead.
echo "drizzle/ has landed and is append-only. For a schema change run:" >&2
echo "  npm run db:generate -- --name <what_changed>" >&2
echo "and for hand-written SQL (triggers, functions):" >&2
echo "  npx drizzle-kit generate --custom --name <what_changed>   # then fill in the new file" >&2
exit 1
