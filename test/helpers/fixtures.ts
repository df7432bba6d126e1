// Seeds for tests: users with known passwords, sources with their secrets.
import type { Db } from "../../src/server/db/client";
import { createUser } from "../../src/server/auth/users";
import type { Role } from "../../src/server/db/schema/enums";
import { createSource, type CreateSourceInput } from "../../src/server/intake/sources";

export const TEST_PASSWORD = "correct horse battery staple";

export async function seedUser(db: Db, role: Role, email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.test`) {
  return db.transaction((tx) => createUser(tx, "test", { email, name: `${role} user`, role, password: TEST_PASSWORD }));
}

export async function seedSource(db: Db, input: Partial<CreateSourceInput> = {}) {
  return db.transaction((tx) => createSource(tx, "test", { slug: `src-${Math.random().toString(36).slice(2, 8)}`, ...input }));
}

/** Stores an alert the way the webhook does (generic parser, dedup, grouping, runs); returns its case. */
export async function ingestAlert(db: Db, source: { id: string; slug: string }, payload: Record<string, unknown>) {
  const { normalizeAlerts } = await import("../../src/server/alerts/normalize");
  const { storeAlerts } = await import("../../src/server/intake/store-alerts");
  const [stored] = await storeAlerts(db, { id: source.id, slug: source.slug, kind: "generic" }, normalizeAlerts("generic", payload, { receivedAt: new Date() }));
  return stored!;
}
