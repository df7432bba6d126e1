// Records the playbooks from playbooks/ in the database (source, version, trigger summary) so the
// web app can list them and runs can reference them. The enabled flag is kept as the admin set it.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { playbooks } from "../db/schema";
import { listPlaybooks } from "./registry";
import { playbookSource } from "./playbook-source";
import type { PlaybookTrigger } from "./define-playbook";
import { invalidateIntakeConfig } from "../intake/config-cache";

export function describeTrigger(trigger: PlaybookTrigger | undefined): Record<string, unknown> {
  if (!trigger) return { manual: true };
  const { when, ...rest } = trigger;
  return { ...rest, ...(when ? { when: "predicate" } : {}) };
}

export async function syncPlaybooks(db: DbOrTx): Promise<number> {
  const all = listPlaybooks();
  for (const p of all) {
    const { source, versionHash } = playbookSource(p.id);
    await db
      .insert(playbooks)
      .values({
        id: p.id,
        title: p.title,
        description: p.description ?? "",
        versionHash,
        source,
        trigger: describeTrigger(p.trigger),
        enabled: p.enabledByDefault ?? true,
      })
      .onConflictDoUpdate({
        target: playbooks.id,
        set: { title: p.title, description: p.description ?? "", versionHash, source, trigger: describeTrigger(p.trigger), updatedAt: sql`now()` },
      });
  }
  invalidateIntakeConfig();
  return all.length;
}
