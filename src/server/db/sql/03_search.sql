-- Search indexes the drizzle schema cannot express: trigram GIN indexes (pg_trgm, shipped with
-- PostgreSQL's contrib in Debian's postgresql-15 and in embedded-postgres 18) make the cases
-- list's substring search on titles and observable values an index scan at 100k+ cases.
-- The observable value btree serves the exact "observable" filter, which has no type.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS cases_title_trgm_idx ON cases USING gin (title gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS observables_value_trgm_idx ON observables USING gin (value gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS observables_value_idx ON observables (value);
