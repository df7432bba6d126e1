// Playbook engine: registered playbooks, runs, the step journal, approvals and external waits.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { tstz, uuidPk } from "../columns";
import { approvalStatusEnum, roleEnum, runStatusEnum, stepStatusEnum } from "./enums";
import { users } from "./auth";
import { alerts } from "./alerts";
import { cases } from "./cases";

export const playbooks = pgTable("playbooks", {
  id: text().primaryKey(),
  title: text().notNull(),
  description: text().notNull().default(""),
  versionHash: text().notNull(),
  source: text().notNull(),
  trigger: jsonb().notNull().default({}), // a description of the trigger, for display
  enabled: boolean().notNull().default(true),
  updatedAt: tstz().notNull().defaultNow(),
});

export const playbookRuns = pgTable(
  "playbook_runs",
  {
    id: uuidPk(),
    playbookId: text().notNull().references(() => playbooks.id),
    versionHash: text(),
    caseId: uuid().references(() => cases.id),
    alertId: uuid().references(() => alerts.id),
    status: runStatusEnum().notNull().default("queued"),
    input: jsonb().notNull().default({}),
    output: jsonb(),
    error: text(),
    requestedBy: uuid().references(() => users.id), // analyst who started a manual run
    /** Fencing token of the execution that owns the run now; a stale execution's writes are refused. */
    executionId: text(),
    createdAt: tstz().notNull().defaultNow(),
    startedAt: tstz(),
    finishedAt: tstz(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    index("playbook_runs_case_idx").on(t.caseId),
    index("playbook_runs_status_idx").on(t.status, t.createdAt),
    index("playbook_runs_playbook_idx").on(t.playbookId, t.createdAt),
  ],
);

/** The journal: one row per named step of a run. A completed row is replayed, never re-executed. */
export const runSteps = pgTable(
  "run_steps",
  {
    runId: uuid().notNull().references(() => playbookRuns.id, { onDelete: "cascade" }),
    name: text().notNull(),
    seq: integer().notNull(),
    kind: text().notNull().default("step"), // step | approval | sleep | wait | comment | now
    status: stepStatusEnum().notNull(),
    attempt: integer().notNull().default(1),
    input: jsonb(),
    output: jsonb(),
    error: text(),
    startedAt: tstz().notNull().defaultNow(),
    finishedAt: tstz(),
    /** Waiting steps: when to look again (sleep end, wait timeout, next retry). */
    wakeAt: tstz(),
    /** The graphile job scheduled for wakeAt, removed when the step resolves earlier. */
    wakeJobId: bigint({ mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.name] }),
    unique("run_steps_run_seq_key").on(t.runId, t.seq),
    // Signal delivery looks up the runs waiting for an event.
    index("run_steps_waiting_event_idx").on(sql`(${t.input}->>'event')`).where(sql`${t.kind} = 'wait' and ${t.status} = 'waiting'`),
  ],
);

export const approvals = pgTable(
  "approvals",
  {
    id: uuidPk(),
    runId: uuid().notNull().references(() => playbookRuns.id, { onDelete: "cascade" }),
    stepName: text().notNull(),
    title: text().notNull(),
    params: jsonb().notNull().default({}),
    /** SHA-256 of the canonical JSON of params: decisions are bound to exactly these. */
    paramsHash: text().notNull(),
    requiredRole: roleEnum().notNull().default("manager"),
    quorum: integer().notNull().default(1),
    requestedBy: uuid().references(() => users.id),
    expiresAt: tstz(),
    onTimeout: text().notNull().default("reject"), // reject | approve
    status: approvalStatusEnum().notNull().default("pending"),
    createdAt: tstz().notNull().defaultNow(),
    decidedAt: tstz(),
    /** The graphile job that expires the approval at expiresAt; removed when it is decided first. */
    expireJobId: bigint({ mode: "number" }),
  },
  (t) => [unique("approvals_run_step_key").on(t.runId, t.stepName), index().on(t.status, t.createdAt)],
);

export const approvalDecisions = pgTable(
  "approval_decisions",
  {
    approvalId: uuid().notNull().references(() => approvals.id, { onDelete: "cascade" }),
    userId: uuid().notNull().references(() => users.id),
    decision: text().notNull(), // approve | reject
    reason: text(),
    /** The approval's paramsHash the decider was shown. */
    paramsHash: text().notNull(),
    via: text().notNull().default("web"), // web | link
    at: tstz().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.approvalId, t.userId] })],
);

/** Signals that runs wait for with ctx.waitFor (e.g. "user confirmed it was them"). */
export const runSignals = pgTable(
  "run_signals",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    event: text().notNull(),
    data: jsonb().notNull().default({}),
    actor: text().notNull().default("system"), // "user:<uuid>", "link", "system"
    at: tstz().notNull().defaultNow(),
  },
  (t) => [index().on(t.event, t.at)],
);

/** Nonces of signed one-time links (approval and confirmation links) that were used: replay fails. */
export const signedLinkUses = pgTable("signed_link_uses", {
  nonce: text().primaryKey(),
  kind: text().notNull(), // approval | confirm
  subject: text().notNull(), // approval:<id> or run:<id>
  usedAt: tstz().notNull().defaultNow(),
});

/** Each worker process upserts its row every few seconds; health and metrics read them. */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  id: text().primaryKey(), // hostname:pid:random
  hostname: text().notNull(),
  pid: integer().notNull(),
  startedAt: tstz().notNull().defaultNow(),
  lastSeenAt: tstz().notNull().defaultNow(),
  playbooks: jsonb().notNull().default([]),
  /** graphile-worker's worker ids in this process: jobs they locked are unlocked once the row goes stale. */
  graphileWorkerIds: jsonb().notNull().default([]),
});
