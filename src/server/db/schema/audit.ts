// The append-only audit trail. Each row's hash covers the previous row's hash, so any edit
// breaks the chain; a trigger (custom migration) refuses UPDATE and DELETE outright.
import { bigserial, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { tstz } from "../columns";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: tstz().notNull(),
    actor: text().notNull(),
    action: text().notNull(),
    subject: text().notNull(),
    data: jsonb().notNull().default({}),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [index().on(t.action, t.at), index().on(t.subject)],
);
