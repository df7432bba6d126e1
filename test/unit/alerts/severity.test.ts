import { describe, expect, it } from "vitest";
import { maxSeverity, ONE_TO_FIVE, RISK_SCORE, severityFromBands, toSeverity } from "@/server/alerts/severity";

describe("severity", () => {
  it("maps words and scales", () => {
    expect(toSeverity("Informational")).toBe("low");
    expect(toSeverity("HIGH")).toBe("high");
    expect(toSeverity(9.5)).toBe("critical");
    expect(toSeverity("constructor")).toBeUndefined();
    expect(toSeverity("__proto__")).toBeUndefined();
  });

  it("maps banded scales", () => {
    expect([21, 47, 73, 99].map((n) => severityFromBands(n, RISK_SCORE))).toEqual(["low", "medium", "high", "critical"]);
    expect([1, 2, 3, 4, 5].map((n) => severityFromBands(n, ONE_TO_FIVE))).toEqual(["low", "low", "medium", "high", "critical"]);
  });

  it("takes the worst of several", () => {
    expect(maxSeverity(["low", undefined, "high", "medium"])).toBe("high");
    expect(maxSeverity([])).toBeUndefined();
  });
});
