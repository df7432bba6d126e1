// One playbook: source, version, trigger, recent runs, enabled switch (admins).
import type { Metadata } from "next";
import { currentSession } from "@/server/auth/server-session";
import { PlaybookDetail } from "./playbook-detail";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: `Playbook ${(await params).id}` };
}

export default async function PlaybookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await currentSession();
  return <PlaybookDetail id={id} isAdmin={session?.user.role === "admin"} />;
}
