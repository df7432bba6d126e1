// Cases, their timeline (case_events), comments, observables, and grouping rules.
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
  uuid,
} from "drizzle-orm/pg-core";
import { timestamps, tstz, uuidPk } from "../columns";
import { caseStatusEnum, severityEnum } from "./enums";
import { users } from "./auth";
import { alertSources, observables } from "./alerts";

export const cases = pgTable(
  "cases",
  {
    id: uuidPk(),
    number: bigint({ mode: "number" }).notNull().unique().generatedAlwaysAsIdentity(),
    title: text().notNull(),
    severity: severityEnum().notNull(),
    status: caseStatusEnum().notNull().default("new"),
    assigneeId: uuid().references(() => users.id),
    /** Source of the alert that opened the case (grouping keys include the source), for filtering. */
    sourceId: uuid().references(() => alertSources.id),
    /** Grouping key of the rule that opened the case (rule id + principal observable). */
    groupKey: text(),
    alertCount: integer().notNull().default(0),
    lastAlertAt: tstz(),
    mergedIntoId: uuid(),
    acknowledgedAt: tstz(),
    resolvedAt: tstz(),
    ...timestamps(),
  },
  (t) => [
    // Keyset pagination: every list filter/sort has an index ending in (created_at, id), so a page
    // is an index range scan whatever the table size. Trigram indexes for search: sql/02_search.sql.
    index("cases_status_created_idx").on(t.status, t.createdAt, t.id),
    index("cases_created_idx").on(t.createdAt, t.id),
    index("cases_severity_created_idx").on(t.severity, t.createdAt, t.id),
    index("cases_group_key_idx").on(t.groupKey, t.lastAlertAt),
    index("cases_assignee_idx").on(t.assigneeId, t.createdAt, t.id),
    index("cases_source_created_idx").on(t.sourceId, t.createdAt, t.id),
  ],
);

/** The timeline: one chronological stream of everything that happened to a case. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    caseId: uuid().notNull().references(() => cases.id, { onDelete: "cascade" }),
    at: tstz().notNull().default(sql`now()`),
    actor: text().notNull(), // "user:<uuid>", "system", "playbook:<runId>", "source:<slug>"
    kind: text().notNull(), // alert_added, alert_duplicate, status_changed, comment, step, approval_*, containment_*, ...
    data: jsonb().notNull().default({}),
  },
  (t) => [index("case_events_case_at_idx").on(t.caseId, t.at), index("case_events_kind_at_idx").on(t.kind, t.at)],
);

export const comments = pgTable(
  "comments",
  {
    id: uuidPk(),
    caseId: uuid().notNull().references(() => cases.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => users.id),
    author: text().notNull(), // display form of the actor (user email or "playbook:<id>")
    body: text().notNull(),
    ...timestamps(),
  },
  (t) => [index().on(t.caseId, t.createdAt)],
);

export const caseObservables = pgTable(
  "case_observables",
  {
    caseId: uuid().notNull().references(() => cases.id, { onDelete: "cascade" }),
    observableId: uuid().notNull().references(() => observables.id),
    addedAt: tstz().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.observableId] }), index().on(t.observableId)],
);

/**
 * Editable grouping rules (cases/grouping-rules.ts), tried by ascending priority; the first that
 * applies to an alert decides its group key. A default rule is seeded by a migration; with no
 * applicable rule, every alert opens its own case.
 */
export const groupingRules = pgTable("grouping_rules", {
  id: uuidPk(),
  name: text().notNull(),
  priority: integer().notNull().default(100),
  enabled: boolean().notNull().default(true),
  /** cases/grouping-rules.ts groupingRuleConfig: { sources, sameSource, sameRule, observableTypes, requireObservable, windowMinutes } */
  config: jsonb().notNull(),
  ...timestamps(),
});
