// The demo payloads are real vendor shapes: each parses with its demo source's parser into the
// category the matching shipped playbook triggers on, with fresh times and per-run ids, and never
// names an address outside the documentation ranges.
import { describe, expect, it } from "vitest";
import { normalizeAlerts } from "@/server/alerts/normalize";
import { DEMO_SOURCES } from "@/server/demo/demo-sources";
import { demoAlerts, type DemoScenario } from "@/server/demo/demo-story";

const CATEGORY: Record<DemoScenario, string[]> = {
  "brute-force": ["brute_force"],
  "suspicious-sign-in": ["suspicious_login", "impossible_travel"],
  "malware-on-host": ["malware"],
  "phishing-reported": ["phishing"],
  "c2-beacon": ["c2"],
};

const now = new Date("2026-11-23T09:00:00Z");
const parsed = (runTag: string) =>
  demoAlerts({ now, runTag }).map((a) => {
    const spec = DEMO_SOURCES.find((s) => s.slug === a.slug)!;
    return { ...a, normalized: normalizeAlerts(spec.kind, a.payload, { receivedAt: now, mapping: spec.mapping }) };
  });

describe("demo story", () => {
  it("parses every payload into the scenario's category, within the last 45 minutes", () => {
    for (const alert of parsed("a1b2c")) {
      expect(alert.normalized.length, alert.slug).toBeGreaterThan(0);
      for (const n of alert.normalized) {
        expect(CATEGORY[alert.scenario], `${alert.slug}: ${n.title}`).toContain(n.category);
        expect(now.getTime() - n.occurredAt.getTime()).toBeGreaterThanOrEqual(0);
        expect(now.getTime() - n.occurredAt.getTime()).toBeLessThanOrEqual(45 * 60_000);
      }
    }
  });

  it("gives each run its own vendor ids, so a second run adds alerts instead of duplicates", () => {
    const ids = (tag: string) => parsed(tag).flatMap((a) => a.normalized.map((n) => n.externalId ?? JSON.stringify(a.payload)));
    const first = ids("aaaaa");
    expect(ids("bbbbb").some((id) => first.includes(id))).toBe(false);
  });

  it("uses only documentation addresses and example domains for external hosts", () => {
    for (const alert of parsed("c3d4e"))
      for (const o of alert.normalized.flatMap((n) => n.observables)) {
        if (o.type === "ip") expect(o.value, alert.slug).toMatch(/^(10\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.)/);
        if (o.type === "domain" || o.type === "email") expect(o.value, alert.slug).toMatch(/\.example$/);
      }
  });
});
