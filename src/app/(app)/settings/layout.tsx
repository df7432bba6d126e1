// Settings (admin): alert sources, the ingest dead letter and grouping rules. The role is enforced
// by the tRPC procedures; this only spares other roles a page of errors.
import type { ReactNode } from "react";
import { currentSession } from "@/server/auth/server-session";
import { SettingsTabs } from "./settings-tabs";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (session?.user.role !== "admin")
    return <p role="alert" className="rounded-lg border border-dashed border-slate-300 p-10 text-center text-sm text-slate-500 dark:border-slate-700">Settings need the admin role. Ask an admin to change sources or grouping rules.</p>;
  return (
    <div className="space-y-4">
      <SettingsTabs />
      {children}
    </div>
  );
}
