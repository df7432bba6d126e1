// `vigil demo`: creates the demo alert sources (once) and sends the demo story's alerts through
// the running Vigil's webhook, then says where to look. Needs the database (like `source add`)
// and a running web app at --url.
import { publicUrl } from "../../server/env";
import { seedDemo } from "../../server/demo/seed-demo";
import { withDb } from "./admin";

export async function demoCommand(opts: { url?: string; withConnections?: boolean }): Promise<void> {
  const baseUrl = (opts.url ?? publicUrl()).replace(/\/$/, "");
  const result = await withDb((db) => seedDemo(db, { baseUrl, actor: "cli", withConnections: opts.withConnections }));
  const created = result.sources.filter((s) => s.created).map((s) => s.slug);
  const kept = result.sources.filter((s) => !s.created).map((s) => s.slug);
  if (created.length) console.log(`created demo alert sources: ${created.join(", ")}`);
  if (kept.length) console.log(`reused demo alert sources: ${kept.join(", ")}`);
  for (const alert of result.alerts)
    console.log(`sent ${alert.scenario} alert to /api/webhooks/${alert.slug}: ${alert.alertIds.length} alert(s)${alert.duplicate ? " (duplicate)" : ""}`);
  console.log(`${result.alerts.length} alerts in ${result.caseIds.length} cases; playbooks that match start on their own.`);
  console.log(`open ${result.casesUrl}`);
}
