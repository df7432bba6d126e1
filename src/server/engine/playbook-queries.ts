// Playbooks as the web app shows them: the catalogue in the database (workers record their
// playbooks there at start, so every playbook any worker runs is listed), with what this process's
// registry adds (the manual-run input schema). Enabling/disabling is an audited admin action.
import { desc, eq, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { playbookRuns, playbooks } from "../db/schema";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append";
import { getPlaybook } from "./registry";
import { invalidateIntakeConfig } from "../intake/config-cache";

function registryInfo(id: string) {
  const p = getPlaybook(id);
  return {
    /** Whether analysts can start it by hand (it declares an input schema, or no trigger at all). */
    manual: p ? Boolean(p.inputSchema) || !p.trigger : false,
    inputJsonSchema: p?.inputSchema ? (z.toJSONSchema(p.inputSchema, { unrepresentable: "any" }) as Record<string, unknown>) : null,
  };
}

export async function listPlaybookSummaries(db: DbOrTx) {
  const since = new Date(Date.now() - 7 * 86_400_000);
  const rows = await db
    .select({ id: playbooks.id, title: playbooks.title, description: playbooks.description, enabled: playbooks.enabled, versionHash: playbooks.versionHash, trigger: playbooks.trigger, updatedAt: playbooks.updatedAt })
    .from(playbooks)
    .orderBy(playbooks.title);
  const stats = await db
    .select({
      playbookId: playbookRuns.playbookId,
      runs7d: sql<number>`(count(*) filter (where ${playbookRuns.createdAt} >= ${since}))::int`,
      failed7d: sql<number>`(count(*) filter (where ${playbookRuns.createdAt} >= ${since} and ${playbookRuns.status} = 'failed'))::int`,
      lastRunAt: max(playbookRuns.createdAt),
    })
    .from(playbookRuns)
    .groupBy(playbookRuns.playbookId);
  const byId = new Map(stats.map((s) => [s.playbookId, s]));
  return rows.map((r) => ({
    ...r,
    trigger: r.trigger as Record<string, unknown>,
    runs7d: byId.get(r.id)?.runs7d ?? 0,
    failed7d: byId.get(r.id)?.failed7d ?? 0,
    lastRunAt: byId.get(r.id)?.lastRunAt ?? null,
    ...registryInfo(r.id),
  }));
}

export async function getPlaybookDetail(db: DbOrTx, id: string) {
  const [row] = await db.select().from(playbooks).where(eq(playbooks.id, id));
  if (!row) throw new AppError("NOT_FOUND", `playbook "${id}" does not exist`);
  const recentRuns = await db
    .select({ id: playbookRuns.id, status: playbookRuns.status, caseId: playbookRuns.caseId, versionHash: playbookRuns.versionHash, error: playbookRuns.error, createdAt: playbookRuns.createdAt, finishedAt: playbookRuns.finishedAt })
    .from(playbookRuns)
    .where(eq(playbookRuns.playbookId, id))
    .orderBy(desc(playbookRuns.createdAt))
    .limit(20);
  return { ...row, trigger: row.trigger as Record<string, unknown>, recentRuns, ...registryInfo(id) };
}

export const setPlaybookEnabledInput = z.object({ id: z.string().min(1).max(64), enabled: z.boolean() });

export async function setPlaybookEnabled(tx: DbOrTx, user: { id: string }, raw: z.input<typeof setPlaybookEnabledInput>) {
  const input = setPlaybookEnabledInput.parse(raw);
  const [before] = await tx.select({ enabled: playbooks.enabled }).from(playbooks).where(eq(playbooks.id, input.id)).for("update");
  if (!before) throw new AppError("NOT_FOUND", `playbook "${input.id}" does not exist`);
  if (before.enabled === input.enabled) return { id: input.id, enabled: input.enabled };
  await tx.update(playbooks).set({ enabled: input.enabled, updatedAt: new Date() }).where(eq(playbooks.id, input.id));
  invalidateIntakeConfig();
  await appendAudit(tx, { actor: `user:${user.id}`, action: input.enabled ? "playbook.enable" : "playbook.disable", subject: `playbook:${input.id}`, data: { enabled: input.enabled } });
  return { id: input.id, enabled: input.enabled };
}
