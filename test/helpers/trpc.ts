// A tRPC caller acting as a seeded user, for router tests (RBAC, audit, domain effects).
import { createCaller } from "../../src/server/api/root";
import type { Db } from "../../src/server/db/client";
import type { Role } from "../../src/server/db/schema/enums";

export function callerAs(db: Db, user: { id: string; email: string; name: string; role: Role }) {
  return createCaller({ db, session: { id: "s", user, expiresAt: new Date(Date.now() + 60_000) }, sessionToken: "x", req: new Request("http://vigil.test"), resHeaders: new Headers(), actor: `user:${user.id}` });
}
