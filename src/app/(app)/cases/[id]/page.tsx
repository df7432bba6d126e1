// One case, by number (/cases/42) or uuid.
import type { Metadata } from "next";
import { currentSession } from "@/server/auth/server-session";
import { CaseDetail } from "./case-detail";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Case ${id}` };
}

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await currentSession();
  return <CaseDetail id={id} me={{ id: session?.user.id ?? "" }} />;
}
