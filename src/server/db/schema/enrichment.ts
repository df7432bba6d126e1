// Quota counters for rate-limited outbound APIs (enrichment providers), per API key (connection)
// and fixed window, kept in Postgres so every web and worker process shares one count.
import { boolean, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { tstz } from "../columns";

export const apiQuotaUsage = pgTable(
  "api_quota_usage",
  {
    /** "<connection id>:minute" or "<connection id>:day". */
    key: text().notNull(),
    windowStart: tstz().notNull(),
    count: integer().notNull().default(0),
    /** Set when the provider itself answered 429: no more calls until the window ends. */
    exhausted: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
