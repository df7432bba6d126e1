// Audit log (admin): every state change, filterable, with the hash chain's verification status.
import type { Metadata } from "next";
import { Suspense } from "react";
import { requireRole } from "../require-role";
import { AuditLog } from "./audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requireRole("admin");
  return (
    <Suspense>
      <AuditLog />
    </Suspense>
  );
}
