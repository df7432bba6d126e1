// SLA clocks: running vs stopped, breach against the severity's target, compact durations.
import { describe, expect, it } from "vitest";
import { caseSla, formatDuration } from "@/server/cases/sla";

const opened = new Date("2026-01-01T10:00:00Z");
const at = (min: number) => new Date(opened.getTime() + min * 60_000);

describe("caseSla", () => {
  it("runs until acknowledged and flags a missed critical target", () => {
    const sla = caseSla({ severity: "critical", createdAt: opened, acknowledgedAt: null, resolvedAt: null }, at(20));
    expect(sla.acknowledge).toMatchObject({ running: true, breached: true, elapsedMs: 20 * 60_000, targetMs: 15 * 60_000 });
    expect(sla.resolve).toMatchObject({ running: true, breached: false });
  });

  it("stops at the acknowledgement and resolution times", () => {
    const sla = caseSla({ severity: "low", createdAt: opened, acknowledgedAt: at(30), resolvedAt: at(600) }, at(10_000));
    expect(sla.acknowledge).toMatchObject({ running: false, breached: false, elapsedMs: 30 * 60_000 });
    expect(sla.resolve).toMatchObject({ running: false, breached: false, elapsedMs: 600 * 60_000 });
  });
});

describe("formatDuration", () => {
  it("stays short at every scale", () => {
    expect([450, 5_000, 125_000, 3 * 3600_000 + 60_000, 50 * 3600_000].map(formatDuration)).toEqual(["450 ms", "5s", "2m 05s", "3h 01m", "2d 2h"]);
  });
});
