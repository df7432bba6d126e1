// Guardrails before any containment action. Protected entities (exact names, glob patterns,
// members of protected groups, plus the system's own protect() hook), network guardrails for
// timed IP and domain blocks (protected ranges, longest block) and hourly rate limits per connection and per
// playbook. A refusal is audited, put on the case timeline, logged, and thrown
// as GuardrailRefusal, which fails the playbook step without retries.
import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { containmentActions, playbookRuns } from "../db/schema";
import { appendAudit } from "../audit/append";
import { addCaseEvent } from "../cases/timeline";
import type { Logger } from "../logger";
import type { ActionContext, Target } from "./define";
import type { Guardrails } from "./config";
import { GuardrailRefusal, IntegrationUsageError } from "./errors";
import { checkNetworkBlock, networkGuardrailsSchema } from "./network/block-policy";
import { checkDomainBlock } from "./network/domain-block-policy";
import { parseDomain } from "./network/domain-target";
import { parseIpTarget } from "./network/ip-target";
import type { OpenConnection } from "./open-connection";

/** Glob ("svc-*", "adm?n") to an anchored, case-insensitive regex. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

const lower = (s: string) => s.trim().toLowerCase();

/** First cn=… of a DN ("CN=Domain Admins,CN=Users,DC=corp" -> "domain admins"). */
function leafName(value: string): string {
  const match = /^\s*cn=((?:\\,|[^,])+)/i.exec(value);
  return lower(match ? match[1]!.replace(/\\,/g, ",") : value);
}

/** Why the names/groups are protected under these guardrails, or null. Pure; unit-tested. */
export function protectionReason(guardrails: Guardrails, names: string[], groups: string[]): string | null {
  const nameSet = new Set(names.map(lower));
  const exact = guardrails.protectedUsers.find((p) => nameSet.has(lower(p)));
  if (exact) return `"${exact}" is a protected account`;
  for (const pattern of guardrails.protectedPatterns) {
    const re = globToRegExp(pattern.trim());
    const hit = names.find((n) => re.test(n.trim()));
    if (hit) return `"${hit}" matches the protected pattern "${pattern}"`;
  }
  const groupSet = new Set(groups.flatMap((g) => [lower(g), leafName(g)]));
  const group = guardrails.protectedGroups.find((p) => groupSet.has(lower(p)) || groupSet.has(leafName(p)));
  if (group) return `the account is a member of the protected group "${group}"`;
  return null;
}

/** Checks a target against the connection's protected entities; the reason when protected. */
export async function protectedEntityReason(connection: OpenConnection, client: unknown, target: Target, ctx: ActionContext): Promise<string | null> {
  const g = connection.common.guardrails;
  const anyListed = g.protectedUsers.length + g.protectedPatterns.length + g.protectedGroups.length > 0;
  let names = [target.value];
  let groups: string[] = [];
  if (anyListed && target.type === "user" && connection.integration.identityFacts) {
    const facts = await connection.integration.identityFacts(client, target.value, ctx);
    names = [...names, ...facts.aliases];
    groups = facts.groups;
  }
  const reason = anyListed ? protectionReason(g, names, groups) : null;
  if (reason) return reason;
  return connection.integration.protect ? connection.integration.protect(client, target, connection.config) : null;
}

/**
 * For a timed block of an IP target: refuses protected ranges (non-public, own egress,
 * allow-listed; unless inside the connection's admin override ranges) and blocks longer than the
 * connection's longest block. For a domain target: internal-only TLDs and the connection's own and
 * allow-listed domains (with subdomains). `blockMs` is the longer of the block's duration and its expiry.
 */
export function networkBlockRefusal(connection: OpenConnection, target: Target, blockMs: number): { rule: "protected_entity" | "duration_cap"; reason: string } | null {
  if (target.type !== "ip" && target.type !== "domain") return null;
  const policy = networkGuardrailsSchema.safeParse(connection.config.network ?? {});
  if (!policy.success) throw new IntegrationUsageError(`connection "${connection.name}" has invalid network guardrails; edit them on the connections page`);
  let check;
  try {
    check = target.type === "ip" ? checkNetworkBlock(parseIpTarget(target.value), blockMs, policy.data) : checkDomainBlock(parseDomain(target.value), blockMs, policy.data);
  } catch (e) {
    throw new IntegrationUsageError((e as Error).message);
  }
  return check.allowed ? null : { rule: check.rule, reason: check.reason };
}

/**
 * The hourly limits for `action` on this connection: counts what was attempted within the last hour
 * (failed attempts excluded). Call inside the claim transaction, after its advisory lock.
 */
export async function rateLimitReason(
  tx: DbOrTx,
  request: { connectionId: string; connectionName: string; action: string; playbookId: string | null; guardrails: Guardrails },
): Promise<string | null> {
  const since = sql`now() - interval '1 hour'`;
  const base = and(eq(containmentActions.connectionId, request.connectionId), eq(containmentActions.action, request.action), gt(containmentActions.createdAt, since), ne(containmentActions.status, "failed"));
  const [all] = await tx.select({ n: sql<number>`count(*)::int` }).from(containmentActions).where(base);
  const limit = request.guardrails.maxPerHourPerConnection;
  if ((all?.n ?? 0) >= limit) return `rate limit: ${request.action} already ran ${all?.n} time(s) on "${request.connectionName}" in the last hour (limit ${limit} per connection)`;
  if (!request.playbookId) return null;
  const [mine] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(containmentActions)
    .innerJoin(playbookRuns, eq(playbookRuns.id, containmentActions.runId))
    .where(and(base, eq(playbookRuns.playbookId, request.playbookId)));
  const perPlaybook = request.guardrails.maxPerHourPerPlaybook;
  if ((mine?.n ?? 0) >= perPlaybook)
    return `rate limit: playbook "${request.playbookId}" already ran ${request.action} ${mine?.n} time(s) on "${request.connectionName}" in the last hour (limit ${perPlaybook} per playbook)`;
  return null;
}

export interface RefusalRecord {
  connection: { id: string; name: string };
  action: string;
  target: Target;
  rule: GuardrailRefusal["rule"];
  reason: string;
  actor: string;
  runId: string | null;
  caseId: string | null;
}

/** Audits a refusal and puts it on the case timeline, in the caller's transaction. */
export async function recordRefusal(tx: DbOrTx, refusal: RefusalRecord, log: Logger): Promise<GuardrailRefusal> {
  const text = `Guardrail refused ${refusal.action} on ${refusal.target.value} via "${refusal.connection.name}": ${refusal.reason}`;
  const data = { connectionId: refusal.connection.id, connection: refusal.connection.name, action: refusal.action, target: refusal.target.value, rule: refusal.rule, reason: refusal.reason, runId: refusal.runId };
  await appendAudit(tx, { actor: refusal.actor, action: "containment.refused", subject: `connection:${refusal.connection.id}`, data });
  if (refusal.caseId) await addCaseEvent(tx, { caseId: refusal.caseId, actor: refusal.actor, kind: "guardrail_refused", data: { ...data, text } });
  // A tripped rate limit means a runaway playbook: warn loudly so log alerting picks it up.
  log.warn({ ...data, notify: refusal.rule === "rate_limit" }, "containment refused by a guardrail");
  return new GuardrailRefusal(text, refusal.rule);
}
