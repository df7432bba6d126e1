// Grouping rules in Postgres: loading the enabled ones for the ingest transaction, and the admin's
// list/create/update/delete, each audited in the same transaction.
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { groupingRules } from "../db/schema";
import { AppError } from "../errors";
import { logger } from "../logger";
import { appendAudit } from "../audit/append";
import { groupingRuleConfig, type GroupingRule } from "./grouping-rules";
import { invalidateIntakeConfig } from "../intake/config-cache";

/** The enabled rules, by priority. A row whose config no longer parses is skipped with a warning. */
export async function loadGroupingRules(db: DbOrTx): Promise<GroupingRule[]> {
  const rows = await db.select().from(groupingRules).where(eq(groupingRules.enabled, true)).orderBy(asc(groupingRules.priority), asc(groupingRules.id));
  const rules: GroupingRule[] = [];
  for (const row of rows) {
    const config = groupingRuleConfig.safeParse(row.config);
    if (config.success) rules.push({ id: row.id, name: row.name, priority: row.priority, config: config.data });
    else logger().warn({ ruleId: row.id }, "grouping rule has an invalid config; skipped");
  }
  return rules;
}

export async function listGroupingRules(db: DbOrTx) {
  return db.select().from(groupingRules).orderBy(asc(groupingRules.priority), asc(groupingRules.createdAt));
}

export const groupingRuleInput = z.object({
  name: z.string().trim().min(1, "name: required").max(200),
  priority: z.number().int().min(0).max(100_000).default(100),
  enabled: z.boolean().default(true),
  config: groupingRuleConfig,
});
export const updateGroupingRuleInput = groupingRuleInput.partial().extend({ id: z.string().uuid() });

export async function createGroupingRule(tx: DbOrTx, actor: string, raw: z.input<typeof groupingRuleInput>) {
  const input = groupingRuleInput.parse(raw);
  const [row] = await tx.insert(groupingRules).values(input).returning();
  invalidateIntakeConfig();
  await appendAudit(tx, { actor, action: "grouping_rule.create", subject: `grouping_rule:${row!.id}`, data: input });
  return row!;
}

export async function updateGroupingRule(tx: DbOrTx, actor: string, raw: z.input<typeof updateGroupingRuleInput>) {
  const { id, ...changes } = updateGroupingRuleInput.parse(raw);
  const [row] = await tx.update(groupingRules).set({ ...changes, updatedAt: new Date() }).where(eq(groupingRules.id, id)).returning();
  if (!row) throw new AppError("NOT_FOUND", `grouping rule ${id} not found`);
  invalidateIntakeConfig();
  await appendAudit(tx, { actor, action: "grouping_rule.update", subject: `grouping_rule:${id}`, data: changes });
  return row;
}

export async function deleteGroupingRule(tx: DbOrTx, actor: string, id: string) {
  const [row] = await tx.delete(groupingRules).where(eq(groupingRules.id, id)).returning({ id: groupingRules.id, name: groupingRules.name });
  if (!row) throw new AppError("NOT_FOUND", `grouping rule ${id} not found`);
  invalidateIntakeConfig();
  await appendAudit(tx, { actor, action: "grouping_rule.delete", subject: `grouping_rule:${id}`, data: { name: row.name } });
}
