// tRPC callers for integration tests: the real router and middleware (roles, error mapping)
// with a session for the given user, without HTTP.
import { createCaller } from "@/server/api/root";
import type { Db } from "@/server/db/client";
import type { Role } from "@/server/db/schema/enums";

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export function callerFor(db: Db, user: TestUser) {
  return createCaller({ db, session: { id: "s", user, expiresAt: new Date(Date.now() + 60_000) }, sessionToken: "x", req: new Request("http://vigil.test"), resHeaders: new Headers(), actor: `user:${user.id}` });
}

/** Same as callerFor (older name used by some tests). */
export const callerAs = callerFor;
