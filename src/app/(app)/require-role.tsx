// Page-level role check for server components: renders Next's 403 page (HTTP 403) when the
// signed-in user's role is below what the page needs. tRPC procedures enforce the same roles.
import { forbidden, redirect } from "next/navigation";
import { currentSession } from "@/server/auth/server-session";
import { ROLE_RANK } from "@/server/api/trpc";
import type { Role } from "@/server/db/schema/enums";

export async function requireRole(minRole: Role) {
  const session = await currentSession();
  if (!session) redirect("/login");
  if (ROLE_RANK[session.user.role] < ROLE_RANK[minRole]) forbidden();
  return session;
}
