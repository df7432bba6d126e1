// Cases list.
import type { Metadata } from "next";
import { Suspense } from "react";
import { currentSession } from "@/server/auth/server-session";
import { CaseList } from "./case-list";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage() {
  const session = await currentSession();
  return (
    <Suspense>
      <CaseList me={{ id: session?.user.id ?? "", isAdmin: session?.user.role === "admin" }} />
    </Suspense>
  );
}
