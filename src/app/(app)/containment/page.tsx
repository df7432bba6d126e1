// Containment: what is in force now (blocks, disables) with expiry and one-click rollback.
import type { Metadata } from "next";
import { ContainmentList } from "@/components/containment-list";

export const metadata: Metadata = { title: "Containment" };

export default function ContainmentPage() {
  return (
    <section className="space-y-4">
      <div className="flex items-baseline gap-4">
        <h1 className="text-lg font-semibold">Containment</h1>
        <p className="text-sm text-slate-500">Every block and disable playbooks made, with its expiry. Rolling back runs the recorded inverse and is audited.</p>
      </div>
      <ContainmentList />
    </section>
  );
}
