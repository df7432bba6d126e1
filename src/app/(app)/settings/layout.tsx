// Settings (admin): alert sources, connections, the ingest dead letter and grouping rules. The role
// is enforced by the tRPC procedures; the page check answers other roles with a 403 page.
import type { ReactNode } from "react";
import { requireRole } from "../require-role";
import { SettingsTabs } from "./settings-tabs";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireRole("admin");
  return (
    <div className="space-y-4">
      <SettingsTabs />
      {children}
    </div>
  );
}
