// First start: with no users at all, create an admin with a generated password and hand it to
// the operator once. There are no default credentials.
import type { DbOrTx } from "../db/client";
import { countUsers, createUser, generatePassword } from "./users";

export const FIRST_ADMIN_EMAIL = "admin@vigil.local";

export async function ensureFirstAdmin(db: DbOrTx, email = process.env.VIGIL_ADMIN_EMAIL || FIRST_ADMIN_EMAIL): Promise<{ email: string; password: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = generatePassword();
  await createUser(db, "system", { email, name: "Administrator", role: "admin", password });
  return { email, password };
}
