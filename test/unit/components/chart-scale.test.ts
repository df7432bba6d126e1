// Chart axes use round steps and whole numbers for counts.
import { describe, expect, it } from "vitest";
import { niceScale, ticks } from "@/components/charts/scale";

describe("niceScale", () => {
  it("picks 1/2/5 steps covering the data", () => {
    expect(niceScale(5, 4, 1)).toEqual({ max: 6, step: 2 });
    expect(niceScale(1, 4, 1)).toEqual({ max: 1, step: 1 });
    expect(niceScale(37)).toEqual({ max: 40, step: 10 });
    expect(niceScale(0.9)).toEqual({ max: 1, step: 0.5 });
  });
  it("lists ticks from zero to max", () => {
    expect(ticks(40, 10)).toEqual([0, 10, 20, 30, 40]);
  });
});
