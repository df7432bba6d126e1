// Whether a session token is still valid, WITHOUT sliding its expiry: an open live stream must
// not keep a session alive forever on its own.
import { and, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { sessions, users } from "../db/schema";
import { tokenHash } from "../auth/sessions";

export async function sessionStillValid(db: DbOrTx, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, tokenHash(token)), gt(sessions.expiresAt, new Date()), eq(users.disabled, false)))
    .limit(1);
  return Boolean(row);
}
