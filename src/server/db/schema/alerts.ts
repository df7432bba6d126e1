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
  /** Requests per minute this source may send; null: VIGIL_SOURCE_RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute: integer(),
  /** When the secret was last rotated (null: never). */
  secretRotatedAt: tstz(),
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
    /** The payload as JSON. Strings Postgres refuses (NUL, lone surrogates) are escaped as text. */
    raw: jsonb().notNull(),
    /** The request body verbatim, kept only when `raw` is not a faithful copy (escaped strings, lossy numbers, duplicate keys). */
    rawBody: bytea(),
    normalized: jsonb().notNull(),
    caseId: uuid().references(() => cases.id),
    /** Cases this alert was merged out of, most recent last: splitting it out returns it to the last one. */
    previousCaseIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
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

/**
 * HMAC signatures already accepted, so a replayed request is refused. Written in the ingest
 * transaction: a request whose ingest failed leaves no nonce and can be retried as is.
 */
export const webhookNonces = pgTable(
  "webhook_nonces",
  {
    sourceId: uuid().notNull().references(() => alertSources.id, { onDelete: "cascade" }),
    signature: text().notNull(),
    /** After this the signature's timestamp is outside the window anyway; the row can go. */
    expiresAt: tstz().notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.signature] }), index().on(t.expiresAt)],
);

/**
 * Per-source request counts per minute, one row per web process (node) so no two processes ever
 * update the same row; each process flushes its own counts about once a second (intake/rate-limit.ts).
 */
export const intakeRateCounts = pgTable(
  "intake_rate_counts",
  {
    sourceId: uuid().notNull().references(() => alertSources.id, { onDelete: "cascade" }),
    windowStart: tstz().notNull(),
    node: text().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.windowStart, t.node] }), index().on(t.windowStart)],
);
