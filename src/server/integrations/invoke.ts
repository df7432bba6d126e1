// Runs one integration action on one connection. Read actions just run. Containment actions:
// idempotency key lookup (a repeat returns the first outcome), protected-entity check, then in one
// transaction under a per-connection lock the rate limit and the pending claim, then the call,
// then completion (or failure) with audit, case timeline and expiry job.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import type { ActionContext, AnyAction, ContainmentAction } from "./define";
import type { z } from "zod";
import type { Json } from "../engine/define-playbook";
import { durationMs, durationSchema, type Duration } from "./duration";
import { IntegrationUsageError } from "./errors";
import { networkBlockRefusal, protectedEntityReason, rateLimitReason, recordRefusal } from "./guardrails";
import { claimAction, completeAction, failAction, findActionByKey, outcomeOf, type ContainmentOutcome } from "./ledger";
import { firstIssue, type OpenConnection } from "./open-connection";
import { scrubConnectionSecrets } from "./scrub-secrets";

/** Options every containment call accepts next to its own params. */
export interface ContainmentOptions {
  /** Roll the action back automatically after this long ("4h", "30m", ms). (Default: never) */
  expiresIn?: Duration;
  /** Why, for the audit trail and the case timeline. */
  reason?: string;
}

export interface InvokeRequest {
  connection: OpenConnection;
  action: string;
  params: Record<string, unknown>;
  options?: ContainmentOptions;
  /** "playbook:<runId>" or "user:<id>". */
  actor: string;
  run?: { id: string; playbookId: string; caseId: string | null } | null;
  /** Repeats with the same key are no-ops returning the first outcome (`runId:stepName`). */
  idempotencyKey?: string | null;
  signal?: AbortSignal;
  log: Logger;
}

/** Connects, runs fn with the client, and always closes it. Errors leave without the connection's credentials. */
export async function withClient<T>(connection: OpenConnection, ctx: ActionContext, fn: (client: unknown) => Promise<T>): Promise<T> {
  const { integration } = connection;
  let client: unknown;
  try {
    client = await integration.connect({ name: connection.name, config: connection.config, secret: connection.secret }, ctx);
  } catch (error) {
    throw scrubConnectionSecrets(error, connection);
  }
  try {
    return await fn(client);
  } catch (error) {
    throw scrubConnectionSecrets(error, connection);
  } finally {
    await integration.close?.(client).catch((e: unknown) => ctx.log.warn({ err: (e as Error).message, connection: connection.name }, "closing the connection failed"));
  }
}

export function findAction(connection: OpenConnection, name: string): AnyAction {
  const action = Object.hasOwn(connection.integration.actions, name) ? connection.integration.actions[name] : undefined;
  if (!action) {
    const known = Object.keys(connection.integration.actions).join(", ");
    throw new IntegrationUsageError(`${connection.integration.title} connection "${connection.name}" has no action ${name}; it has: ${known}`);
  }
  return action;
}

export function parseParams(connection: OpenConnection, name: string, action: AnyAction, params: unknown): Record<string, unknown> {
  const parsed = action.params.safeParse(params);
  if (!parsed.success) throw new IntegrationUsageError(`${name} on "${connection.name}": ${firstIssue("params", parsed.error)}`);
  return parsed.data as Record<string, unknown>;
}

export async function invokeAction(db: Db, req: InvokeRequest): Promise<unknown> {
  const { connection } = req;
  if (!connection.enabled) throw new IntegrationUsageError(`connection "${connection.name}" is disabled; an admin can enable it on the connections page`);
  const action = findAction(connection, req.action);
  const params = parseParams(connection, req.action, action, req.params);
  const ctx: ActionContext = { signal: req.signal ?? new AbortController().signal, log: req.log.child({ connection: connection.name, action: req.action }), reason: req.options?.reason };
  if (action.kind === "read") return withClient(connection, ctx, (client) => action.run(client, params, ctx));
  return invokeContainment(db, req, action, params, ctx);
}

async function invokeContainment(db: Db, req: InvokeRequest, action: ContainmentAction<unknown, z.ZodType, Json>, params: Record<string, unknown>, ctx: ActionContext): Promise<ContainmentOutcome> {
  const { connection } = req;
  const expiresInMs = expiryOf(req, action, params);
  const key = req.idempotencyKey ?? null;
  const earlier = key ? await findActionByKey(db, key) : undefined;
  if (earlier && earlier.status !== "pending" && earlier.status !== "failed") return outcomeOf(earlier, connection.name, true);

  const target = action.target(params as never);
  const runId = req.run?.id ?? null;
  const caseId = req.run?.caseId ?? null;
  const refusal = { connection: { id: connection.id, name: connection.name }, action: req.action, target, actor: req.actor, runId, caseId };
  if (action.duration) {
    const blockMs = Math.max(durationMs(action.duration(params as never)), expiresInMs ?? 0);
    const refused = networkBlockRefusal(connection, target, blockMs);
    if (refused) throw await db.transaction((tx) => recordRefusal(tx, { ...refusal, ...refused }, ctx.log));
  }
  return withClient(connection, ctx, async (client) => {
    const protectedReason = await protectedEntityReason(connection, client, target, ctx);
    if (protectedReason) throw await db.transaction((tx) => recordRefusal(tx, { ...refusal, rule: "protected_entity", reason: protectedReason }, ctx.log));

    const claimed = await db.transaction(async (tx) => {
      // One claimer at a time per connection, so concurrent runs cannot slip past the rate limit.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`containment:${connection.id}`}, 0))`);
      const limited = await rateLimitReason(tx, { connectionId: connection.id, connectionName: connection.name, action: req.action, playbookId: req.run?.playbookId ?? null, guardrails: connection.common.guardrails });
      if (limited) return { refusal: await recordRefusal(tx, { ...refusal, rule: "rate_limit", reason: limited }, ctx.log) };
      return { id: await claimAction(tx, { connectionId: connection.id, action: req.action, target, params, actor: req.actor, runId, caseId, idempotencyKey: key }) };
    });
    if ("refusal" in claimed) throw claimed.refusal;

    let result: Json;
    try {
      result = await action.run(client, params as never, ctx);
    } catch (error) {
      scrubConnectionSecrets(error, connection);
      await failAction(db, claimed.id, { connectionName: connection.name, message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    const inverse = action.inverse?.(params as never, result) ?? null;
    const changed = !(action.unchanged?.(result) ?? false);
    const row = await completeAction(db, claimed.id, { connectionName: connection.name, result, changed, inverse, expiresInMs, reason: req.options?.reason });
    return outcomeOf(row, connection.name, false);
  });
}

function expiryOf(req: InvokeRequest, action: ContainmentAction<unknown, z.ZodType, Json>, params: Record<string, unknown>): number | null {
  // A timed block expires with its own duration unless the playbook says otherwise.
  const expiresIn = req.options?.expiresIn ?? action.duration?.(params as never);
  if (expiresIn === undefined) return null;
  const parsed = durationSchema.safeParse(expiresIn);
  if (!parsed.success) throw new IntegrationUsageError(`${req.action}: expiresIn: ${parsed.error.issues[0]!.message}`);
  if (!action.inverse) throw new IntegrationUsageError(`${req.action} cannot expire: it cannot be undone`);
  return durationMs(parsed.data);
}
