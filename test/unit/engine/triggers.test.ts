import { describe, expect, it } from "vitest";
import { observableMap, triggerMatches } from "@/server/engine/triggers";
import type { TriggerAlert } from "@/server/engine/define-playbook";

const alert = (over: Partial<TriggerAlert> = {}): TriggerAlert => ({
  sourceSlug: "splunk-prod",
  sourceKind: "splunk",
  newCase: true,
  normalized: { title: "t", severity: "high", occurredAt: new Date(), category: "brute_force", description: null, externalId: null, vendor: "splunk", observables: [{ type: "ip", value: "1.2.3.4" }] },
  observables: observableMap([{ type: "ip", value: "1.2.3.4" }]),
  ...over,
});

describe("trigger matching", () => {
  it("filters by source, category, severity and observables", () => {
    expect(triggerMatches({ source: "*" }, alert())).toBe(true);
    expect(triggerMatches({ source: ["other"] }, alert())).toBe(false);
    expect(triggerMatches({ category: "brute_force", severity: ["high", "critical"] }, alert())).toBe(true);
    expect(triggerMatches({ severity: "low" }, alert())).toBe(false);
    expect(triggerMatches({ observables: ["ip"] }, alert())).toBe(true);
    expect(triggerMatches({ observables: ["user"] }, alert())).toBe(false);
  });

  it("runs on case only for alerts that open one", () => {
    expect(triggerMatches({ on: "case" }, alert({ newCase: false }))).toBe(false);
    expect(triggerMatches({ on: "case" }, alert())).toBe(true);
  });

  it("treats a throwing predicate as no match and no trigger as manual-only", () => {
    expect(triggerMatches({ when: () => { throw new Error("boom"); } }, alert())).toBe(false);
    expect(triggerMatches({ when: (a) => a.observables.ip[0] === "1.2.3.4" }, alert())).toBe(true);
    expect(triggerMatches(undefined, alert())).toBe(false);
  });
});
