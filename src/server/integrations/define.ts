// How a system is described to the framework: its config and secret schemas, how to connect, a
// harmless test call, and its typed actions. A system's folder default-exports one
// defineIntegration({...}) from index.ts; registry.ts lists them.
//
// Glossary
// - read action: looks something up (findUser); never recorded, never guarded.
// - containment action: changes something on the system (disableUser); goes through the guardrails,
//   is recorded in containment_actions, is idempotent per key, and may declare its inverse.
// - inverse: the call that undoes a containment action, computed from what the action returned,
//   so "nothing changed" (user already disabled) yields no inverse and a rollback touches nothing.
import type { z } from "zod";
import type { Json } from "../engine/define-playbook";
import type { Logger } from "../logger";
import type { Duration } from "./duration";

/** What an action acts on; guardrails and the ledger read it. */
export interface Target {
  type: "user" | "group" | "ip" | "domain" | "host" | "other";
  value: string;
}

export interface ActionContext {
  signal: AbortSignal;
  log: Logger;
  /** Why, as the playbook or person gave it ({ reason }): for notes on the system (ban reason, rule notes). */
  reason?: string;
}

/** A call that undoes a containment action: an action of the same integration and its params. */
export interface InverseCall {
  action: string;
  params: Record<string, unknown>;
}

interface ActionBase<TClient, TParams extends z.ZodType, TResult extends Json> {
  /** One line for people: what it does and how ("Suspend the user (Okta lifecycle/suspend)"). */
  summary: string;
  params: TParams;
  /** Its result is stored in the ledger and the step journal: JSON, never a credential. */
  run(client: TClient, params: z.output<TParams>, ctx: ActionContext): Promise<TResult>;
}

export interface ReadAction<TClient, TParams extends z.ZodType, TResult extends Json> extends ActionBase<TClient, TParams, TResult> {
  kind: "read";
}

export interface ContainmentAction<TClient, TParams extends z.ZodType, TResult extends Json> extends ActionBase<TClient, TParams, TResult> {
  kind: "containment";
  /** What it acts on, for guardrails and the ledger. */
  target(params: z.output<TParams>): Target;
  /** The call that undoes it, from its params and result; null when nothing changed. Absent: irreversible. */
  inverse?(params: z.output<TParams>, result: NoInfer<TResult>): InverseCall | null;
  /** True when run() changed nothing (already so); the ledger then records it as completed. (Default: false) */
  unchanged?(result: NoInfer<TResult>): boolean;
  /**
   * How long the containment lasts by itself (a timed block). Declared by network blocks: it is the
   * default expiry, and with an IP target the network guardrails check it (protected ranges, cap).
   */
  duration?(params: z.output<TParams>): Duration;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = ReadAction<any, z.ZodType, any> | ContainmentAction<any, z.ZodType, any>;

/** Facts about a user that guardrails check against protected names, patterns and groups. */
export interface IdentityFacts {
  /** Every name the user goes by: DN, sAMAccountName, UPN, mail, uid, Okta login, object id. */
  aliases: string[];
  /** Groups the user belongs to (names and DNs; nested where the system can tell). */
  groups: string[];
}

export interface IntegrationDefinition<TClient = unknown, TConfig extends z.ZodType = z.ZodType, TSecret extends z.ZodType = z.ZodType, TActions extends Record<string, AnyAction> = Record<string, AnyAction>> {
  /** Registry key, stored in connections.integration: "ldap", "okta", "entra". */
  id: string;
  title: string;
  category: "identity" | "network" | "notification" | "enrichment";
  description: string;
  /** Non-secret settings (shown to admins, stored as jsonb). Include guardrails via withCommonConfig(). */
  config: TConfig;
  /** Credentials, sealed at rest and never sent back to the browser. */
  secret: TSecret;
  connect(connection: { name: string; config: z.output<TConfig>; secret: z.output<TSecret> }, ctx: ActionContext): Promise<TClient> | TClient;
  /** Releases what connect() opened (an LDAP socket). */
  close?(client: TClient): Promise<void>;
  /** "Test connection": a harmless call; returns a sentence describing what worked. */
  test(client: TClient, ctx: ActionContext): Promise<string>;
  /** For identity systems: who a user is, for protected-entity guardrails. */
  identityFacts?(client: TClient, user: string, ctx: ActionContext): Promise<IdentityFacts>;
  /** Extra, system-specific protection: a refusal reason, or null. */
  protect?(client: TClient, target: Target, config: z.output<TConfig>): Promise<string | null>;
  actions: TActions;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyIntegration = IntegrationDefinition<any, z.ZodType, z.ZodType, Record<string, AnyAction>>;

export function defineIntegration<TClient, TConfig extends z.ZodType, TSecret extends z.ZodType, TActions extends Record<string, AnyAction>>(
  definition: IntegrationDefinition<TClient, TConfig, TSecret, TActions>,
): IntegrationDefinition<TClient, TConfig, TSecret, TActions> {
  return definition;
}

/** Typed action builders for one client type: `const action = actionsFor<LdapClient>();`. */
export function actionsFor<TClient>() {
  return {
    read: <TParams extends z.ZodType, TResult extends Json>(a: Omit<ReadAction<TClient, TParams, TResult>, "kind">): ReadAction<TClient, TParams, TResult> => ({ kind: "read", ...a }),
    containment: <TParams extends z.ZodType, TResult extends Json>(a: Omit<ContainmentAction<TClient, TParams, TResult>, "kind">): ContainmentAction<TClient, TParams, TResult> => ({
      kind: "containment",
      ...a,
    }),
  };
}
