// The playbook API: definePlaybook({...}) and the types a playbook's run(ctx) sees.
// Playbooks live in playbooks/<id>.ts and are listed in playbooks/index.ts.
import type { z } from "zod";
import type { CaseStatus, ObservableType, Role, Severity } from "../db/schema/enums";
import type { NormalizedAlert } from "../alerts/types";
import type { Logger } from "../logger";
import type { PlaybookIntegrations } from "../integrations/playbook-api";
import type { Duration } from "./duration";

/** Values a step may return: they are stored as JSON in the journal and replayed from it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Observables of the triggering alert by type; every type is present (maybe empty). */
export type ObservableMap = Record<ObservableType, string[]>;

/** What a trigger predicate sees. */
export interface TriggerAlert {
  sourceSlug: string;
  sourceKind: string;
  normalized: Omit<NormalizedAlert, "raw">;
  observables: ObservableMap;
  /** Whether this alert opened a new case (false when it joined an existing one). */
  newCase: boolean;
}

export interface PlaybookTrigger {
  /** Source slug(s); "*" or absent = any. */
  source?: string | readonly string[];
  /** Normalized category (exact match), any of. */
  category?: string | readonly string[];
  /** Severity, any of. */
  severity?: Severity | readonly Severity[];
  /** The alert must carry at least one observable of each listed type. */
  observables?: readonly ObservableType[];
  /** "alert": every new alert; "case": only alerts that open a new case. (Default: "alert") */
  on?: "alert" | "case";
  /** Final say, after the declarative filters. Must be pure and fast. */
  when?: (alert: TriggerAlert) => boolean;
}

export interface StepOptions {
  /** Extra attempts after a failure. Throw NonRetriableError to stop early. (Default: 0) */
  retries?: number;
  /**
   * Backoff between attempts in ms: fixed number or "exponential" (500 ms doubling, at most 10 min).
   * A RetryAfterError overrides it. Backoffs over 1 s end the job and resume the run with a
   * scheduled job, so no worker slot is held while waiting. (Default: "exponential")
   */
  backoff?: number | "exponential";
  /** Abort the step after this many ms (its AbortSignal fires). (Default: none) */
  timeout?: number;
}

export interface ApprovalOptions {
  /** What the approver is asked, e.g. "Disable alice@example.org in Active Directory". (Default: the step name) */
  title?: string;
  /** Longer context shown under the title. */
  description?: string;
  /** Who may decide: users with this role or higher. (Default: "manager") */
  role?: Role;
  /** Approvals from this many distinct users are needed; any single reject rejects. (Default: 1) */
  quorum?: number;
  /** How long the approval stays open. (Default: "24h") */
  expiresIn?: Duration;
  /** What an expired approval means. (Default: "reject") */
  onTimeout?: "reject" | "approve";
  /** The exact values the approver sees and approves (e.g. which user will be disabled). */
  params?: Record<string, Json>;
}

// Type aliases (not interfaces) so they count as Json for step outputs.
export type ApprovalDecisionSummary = {
  user: string;
  decision: "approve" | "reject";
  reason: string | null;
  at: string;
};

/** What ctx.approval resolves to once the approval is decided or expired. */
export type ApprovalResult = {
  approved: boolean;
  status: "approved" | "rejected" | "expired";
  /** Names of the deciders ("timeout" when it expired). */
  by: string;
  /** The rejecting reason, or the last approver's reason. */
  reason: string | null;
  decisions: ApprovalDecisionSummary[];
};

export interface WaitForOptions {
  /** Event name, e.g. "user.confirmed". */
  event: string;
  /** The signal's data must contain these fields with these values. (Default: any) */
  match?: Record<string, Json>;
  /** Give up after this long and resolve to null. (Default: wait forever) */
  timeout?: Duration;
}

/** A signal delivered to a waiting run (by an analyst, a confirmation link, or the API). */
export type SignalEvent = {
  event: string;
  data: { [key: string]: Json };
  receivedAt: string;
};

/** The alert a run was started for, as the playbook sees it. */
export interface RunAlert {
  id: string;
  title: string;
  severity: Severity;
  category: string | null;
  sourceSlug: string;
  occurredAt: string;
  normalized: Omit<NormalizedAlert, "raw" | "occurredAt"> & { occurredAt: string };
  observables: ObservableMap;
}

export interface RunContext<TInput = Record<string, unknown>> {
  readonly runId: string;
  readonly playbookId: string;
  readonly input: TInput;
  readonly alert: RunAlert | null;
  readonly caseId: string | null;
  readonly log: Logger;
  /** Connections to identity, network, notification and enrichment systems; call them inside ctx.step. */
  readonly integrations: PlaybookIntegrations;
  /** Runs fn once per run; on replay returns the journaled output without calling fn. */
  step<T extends Json | void>(name: string, fn: (info: { idempotencyKey: string; attempt: number; signal: AbortSignal }) => Promise<T> | T, options?: StepOptions): Promise<T>;
  /**
   * Asks for a decision and suspends the run (no worker slot is held) until it is approved,
   * rejected or expired. Approvers see exactly `params`; the requester of the run cannot approve.
   */
  approval(name: string, options: ApprovalOptions): Promise<ApprovalResult>;
  /** Suspends the run for a while (a scheduled job resumes it). */
  sleep(name: string, duration: Duration): Promise<void>;
  /** Suspends until a matching signal arrives; resolves to null on timeout. */
  waitFor(name: string, options: WaitForOptions): Promise<SignalEvent | null>;
  /** Adds a comment to the case timeline (journaled: written once). */
  comment(text: string): Promise<void>;
  /** Changes the case's status, with a timeline entry (journaled: written once). */
  setCaseStatus(status: CaseStatus, options?: { reason?: string }): Promise<void>;
  /** The current time, journaled so replays see the same value. */
  now(name?: string): Promise<Date>;
}

export interface PlaybookDefinition<TInput = Record<string, unknown>> {
  /** Stable id, kebab-case; the file is playbooks/<id>.ts. */
  id: string;
  title: string;
  description?: string;
  /** Absent: the playbook only runs when started by hand. */
  trigger?: PlaybookTrigger;
  /** Typed input for manual runs; the web app builds its form from this schema. */
  inputSchema?: z.ZodType<TInput>;
  /** Whether a newly installed playbook starts enabled. (Default: true) */
  enabledByDefault?: boolean;
  run: (ctx: RunContext<TInput>) => Promise<unknown>;
}

export type AnyPlaybook = PlaybookDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const PLAYBOOK_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function definePlaybook<TInput = Record<string, unknown>>(definition: PlaybookDefinition<TInput>): PlaybookDefinition<TInput> {
  if (!PLAYBOOK_ID.test(definition.id)) throw new Error(`playbook id "${definition.id}" must be kebab-case (a-z, 0-9, -)`);
  return definition;
}
