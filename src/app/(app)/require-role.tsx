// Page-level role check for server components: renders Next's 403 page (HTTP 403) when the
// signed-in user's role is below what the page needs. tRPC procedures enforce the same roles.
import { forbidden, redirect } from "next/navigation";
import { currentSession } from "@/server/auth/server-session";
import type { Role } from "@/server/db/schema/enums";

const RANK: Record<Role, number> = { analyst: 1, manager: 2, admin: 3 };

export async function requireRole(minRole: Role) {
  const session = await currentSession();
  if (!session) redirect("/login");
  if (RANK[session.user.role] < RANK[minRole]) forbidden();
  return session;
}
