// Connections (admin only; the tRPC procedures enforce it too).
import type { Metadata } from "next";
import { currentSession } from "@/server/auth/server-session";
import { ConnectionList } from "./connection-list";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const session = await currentSession();
  if (session?.user.role !== "admin") return <p className="text-sm text-slate-500">Only admins manage connections. Ask an admin to add or change one.</p>;
  return <ConnectionList />;
}
