// The playbook API: definePlaybook({...}) and the types a playbook's run(ctx) sees.
// Playbooks live in playbooks/<id>.ts and are listed in playbooks/index.ts.
import type { z } from "zod";
import type { ObservableType, Severity } from "../db/schema/enums";
import type { NormalizedAlert } from "../alerts/types";
import type { Logger } from "../logger";
import type { PlaybookIntegrations } from "../integrations/playbook-api";

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
  /** Extra attempts after a failure. (Default: 0) */
  retries?: number;
  /** Backoff between attempts in ms: fixed number or "exponential" from 500 ms. (Default: "exponential") */
  backoff?: number | "exponential";
  /** Abort the step after this many ms. (Default: none) */
  timeout?: number;
}

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
  /** Adds a comment to the case timeline (journaled: written once). */
  comment(text: string): Promise<void>;
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
