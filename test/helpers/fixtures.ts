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
