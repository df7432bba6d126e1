// Alert sources (webhook senders), alerts, observables and the dead letter for rejected bodies.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamps, tstz, uuidPk } from "../columns";
import { observableTypeEnum, severityEnum } from "./enums";
import { cases } from "./cases";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const alertSources = pgTable("alert_sources", {
  id: uuidPk(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  kind: text().notNull().default("generic"), // vendor parser id, or "auto"
  auth: text().notNull().default("token"), // token | hmac | okta
  secretCiphertext: text().notNull(), // secrets/envelope.ts
  mapping: jsonb().$type<Record<string, unknown>>(),
  enabled: boolean().notNull().default(true),
  rateLimitPerMinute: integer(),
  ...timestamps(),
});

export const alerts = pgTable(
  "alerts",
  {
    id: uuidPk(),
    sourceId: uuid().notNull().references(() => alertSources.id),
    externalId: text(),
    fingerprint: text().notNull(),
    title: text().notNull(),
    severity: severityEnum().notNull(),
    category: text(),
    occurredAt: tstz().notNull(),
    receivedAt: tstz().notNull().defaultNow(),
    lastSeenAt: tstz().notNull().defaultNow(),
    duplicateCount: integer().notNull().default(0),
    raw: jsonb().notNull(),
    normalized: jsonb().notNull(),
    caseId: uuid().references(() => cases.id),
  },
  (t) => [
    uniqueIndex("alerts_source_external_id_key").on(t.sourceId, t.externalId),
    index("alerts_source_fingerprint_idx").on(t.sourceId, t.fingerprint, t.receivedAt),
    index("alerts_case_id_idx").on(t.caseId),
    index("alerts_received_at_idx").on(t.receivedAt),
  ],
);

export const observables = pgTable(
  "observables",
  {
    id: uuidPk(),
    type: observableTypeEnum().notNull(),
    value: text().notNull(),
    firstSeen: tstz().notNull().defaultNow(),
    lastSeen: tstz().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("observables_type_value_key").on(t.type, t.value)],
);

export const alertObservables = pgTable(
  "alert_observables",
  {
    alertId: uuid().notNull().references(() => alerts.id, { onDelete: "cascade" }),
    observableId: uuid().notNull().references(() => observables.id),
    role: text(), // e.g. "src", "dst", "actor", "target" when the vendor says so
  },
  (t) => [primaryKey({ columns: [t.alertId, t.observableId] }), index().on(t.observableId)],
);

export const enrichments = pgTable(
  "enrichments",
  {
    id: uuidPk(),
    observableId: uuid().notNull().references(() => observables.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    verdict: text(), // malicious | suspicious | benign | unknown
    score: integer(),
    result: jsonb().notNull(),
    fetchedAt: tstz().notNull().defaultNow(),
    expiresAt: tstz().notNull(),
  },
  (t) => [uniqueIndex("enrichments_observable_provider_key").on(t.observableId, t.provider)],
);

export const ingestFailures = pgTable(
  "ingest_failures",
  {
    id: uuidPk(),
    sourceSlug: text().notNull(),
    receivedAt: tstz().notNull().defaultNow(),
    statusCode: integer().notNull(),
    reason: text().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull(),
    body: bytea().notNull(),
    replayedAt: tstz(),
    replayedBy: uuid(),
    replayResult: jsonb(),
  },
  (t) => [index().on(t.sourceSlug, t.receivedAt)],
);

/** Counters for rejected requests that are not kept (e.g. failed authentication). */
export const intakeCounters = pgTable(
  "intake_counters",
  {
    sourceSlug: text().notNull(),
    reason: text().notNull(),
    count: bigint({ mode: "number" }).notNull().default(0),
    lastAt: tstz().notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.sourceSlug, t.reason] })],
);
