// Read side of playbooks: what the registry has, merged with the database's enabled flag and
// version, plus a JSON Schema of the manual-run input so the web app can build the form.
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { playbooks } from "../db/schema";
import { listPlaybooks } from "./registry";
import { describeTrigger } from "./sync-playbooks";

export async function listPlaybookSummaries(db: DbOrTx) {
  const rows = await db.select({ id: playbooks.id, enabled: playbooks.enabled, versionHash: playbooks.versionHash, updatedAt: playbooks.updatedAt }).from(playbooks);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return listPlaybooks().map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description ?? "",
    enabled: byId.get(p.id)?.enabled ?? p.enabledByDefault ?? true,
    versionHash: byId.get(p.id)?.versionHash ?? null,
    trigger: describeTrigger(p.trigger),
    /** Whether analysts can start it by hand (it declares an input schema, or no trigger at all). */
    manual: Boolean(p.inputSchema) || !p.trigger,
    inputJsonSchema: p.inputSchema ? (z.toJSONSchema(p.inputSchema, { unrepresentable: "any" }) as Record<string, unknown>) : null,
  }));
}
