// Users (admin): who can sign in, with which role.
import type { Metadata } from "next";
import { requireRole } from "../require-role";
import { UsersAdmin } from "./users-admin";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const session = await requireRole("admin");
  return <UsersAdmin meId={session.user.id} />;
}
