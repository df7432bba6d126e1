// Playbooks: what is installed, its version and trigger, recent activity, and (for admins) the
// enabled switch, which is audited.
import type { Metadata } from "next";
import { currentSession } from "@/server/auth/server-session";
import { PlaybookList } from "./playbook-list";

export const metadata: Metadata = { title: "Playbooks" };

export default async function PlaybooksPage() {
  const session = await currentSession();
  return <PlaybookList isAdmin={session?.user.role === "admin"} />;
}
