// Helpers for integration tests: a case and a playbook run with a real engine RunContext (so
// ctx.step, the step scope and ctx.integrations are the production ones), and connections.
import type { Db } from "../../src/server/db/client";
import { cases, playbookRuns, playbooks } from "../../src/server/db/schema";
import { createConnection, type CreateConnectionInput } from "../../src/server/integrations/connections";
import { runContextFor } from "./run-context";

export async function seedCase(db: Db, title = "Suspicious sign-in"): Promise<string> {
  const [row] = await db.insert(cases).values({ title, severity: "high" }).returning({ id: cases.id });
  return row!.id;
}

/** A playbook row to hang runs on (runs reference playbooks). */
export async function seedPlaybook(db: Db, id: string): Promise<string> {
  await db.insert(playbooks).values({ id, title: id, versionHash: "test", source: "// test" }).onConflictDoNothing();
  return id;
}

/** A fresh run (of a fresh test playbook unless one is named) and the ctx its playbook would get. */
export async function newRunContext(db: Db, options: { caseId?: string | null; playbookId?: string } = {}) {
  const playbookId = options.playbookId ?? (await seedPlaybook(db, `test-${Math.random().toString(36).slice(2, 10)}`));
  const [run] = await db.insert(playbookRuns).values({ playbookId, caseId: options.caseId ?? null, status: "running" }).returning({ id: playbookRuns.id });
  return runContextFor(db, run!.id);
}

export async function seedConnection(db: Db, input: CreateConnectionInput) {
  return db.transaction((tx) => createConnection(tx, "test", input));
}
