// Connections to external systems (credentials encrypted) and the containment ledger.
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps, tstz, uuidPk } from "../columns";
import { containmentStatusEnum } from "./enums";
import { playbookRuns } from "./engine";
import { cases } from "./cases";

export const connections = pgTable("connections", {
  id: uuidPk(),
  integration: text().notNull(), // registry key: ldap, okta, entra, crowdsec, nftables, ...
  name: text().notNull().unique(),
  config: jsonb().notNull().default({}),
  secretCiphertext: text(), // secrets/envelope.ts; never leaves the server
  enabled: boolean().notNull().default(true),
  /** Outcome of the last "Test connection", shown in the connections list. */
  lastTestAt: tstz(),
  lastTestOk: boolean(),
  lastTestMessage: text(),
  ...timestamps(),
});

export const containmentActions = pgTable(
  "containment_actions",
  {
    id: uuidPk(),
    runId: uuid().references(() => playbookRuns.id),
    caseId: uuid().references(() => cases.id),
    connectionId: uuid().notNull().references(() => connections.id),
    action: text().notNull(), // disableUser, blockIp, ...
    target: text().notNull(),
    params: jsonb().notNull().default({}),
    inverse: jsonb(), // { action, params } that undoes it; null when none exists
    result: jsonb(),
    status: containmentStatusEnum().notNull().default("active"),
    idempotencyKey: text(),
    error: text(),
    createdBy: text().notNull(),
    createdAt: tstz().notNull().defaultNow(),
    expiresAt: tstz(),
    rolledBackAt: tstz(),
    rolledBackBy: text(),
  },
  (t) => [
    uniqueIndex("containment_actions_idempotency_key").on(t.idempotencyKey),
    index().on(t.status, t.expiresAt),
    index().on(t.caseId),
    index("containment_actions_rate_idx").on(t.connectionId, t.action, t.createdAt), // guardrail rate limits
  ],
);
