// Demo data for a new installation, shared by `vigil demo` and the dashboard's "Load demo data":
// ensure the demo alert sources exist, then POST the story's vendor payloads through the real
// webhook (HTTP, real auth), so the alerts take exactly the path production alerts take — intake,
// grouping into cases, playbook triggers — and nothing is written around it.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { assertDemoIsContained } from "./demo-safety";
import { ensureDemoSources, type DemoSource } from "./demo-sources";
import { demoAlerts, type DemoScenario } from "./demo-story";
import { assertReachable, sendDemoAlert } from "./send-demo-alert";

export interface SeedDemoOptions {
  /** Base URL of the running Vigil whose webhook receives the alerts, e.g. http://localhost:3000. */
  baseUrl: string;
  /** Audit actor for the sources created: "cli", "user:<id>". */
  actor: string;
  /** Story time. (Default: now) */
  now?: Date;
  fetch?: typeof fetch;
  /** Send even while identity, network or notification connections are enabled. (Default: false) */
  withConnections?: boolean;
}

export interface SeedDemoResult {
  sources: { slug: string; created: boolean }[];
  alerts: { scenario: DemoScenario; slug: string; alertIds: string[]; caseIds: string[]; duplicate: boolean }[];
  /** Distinct cases the alerts landed in. */
  caseIds: string[];
  casesUrl: string;
}

/** A short random tag (base 36) that makes this run's vendor ids unique. */
function newRunTag(): string {
  return (randomBytes(4).readUInt32BE(0) % 36 ** 5).toString(36).padStart(5, "0");
}

export async function seedDemo(db: Db, options: SeedDemoOptions): Promise<SeedDemoResult> {
  if (!options.withConnections) await assertDemoIsContained(db);
  await assertReachable(options.baseUrl, options.fetch); // nothing is created when no Vigil answers there
  const sources = await db.transaction((tx) => ensureDemoSources(tx, options.actor));
  const bySlug = new Map<string, DemoSource>(sources.map((s) => [s.slug, s]));
  const alerts: SeedDemoResult["alerts"] = [];
  // One at a time, in story order: the timeline reads like the morning it tells.
  for (const alert of demoAlerts({ now: options.now ?? new Date(), runTag: newRunTag() })) {
    const answer = await sendDemoAlert(options.baseUrl, bySlug.get(alert.slug)!, alert.payload, options.fetch);
    alerts.push({ scenario: alert.scenario, slug: alert.slug, ...answer });
  }
  return {
    sources: sources.map((s) => ({ slug: s.slug, created: s.created })),
    alerts,
    caseIds: [...new Set(alerts.flatMap((a) => a.caseIds))],
    casesUrl: `${options.baseUrl.replace(/\/$/, "")}/cases`,
  };
}
