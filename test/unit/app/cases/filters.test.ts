// The cases list keeps its filters in the URL: defaults stay out of it, junk is ignored.
import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, filtersFromParams, listInputFromFilters, paramsFromFilters } from "@/app/(app)/cases/filters";

describe("case list URL filters", () => {
  it("round-trips through the query string, leaving defaults out", () => {
    const f = { ...DEFAULT_FILTERS, status: "closed", q: "198.51.100.23", sort: "severity" as const };
    const qs = paramsFromFilters(f);
    expect(qs).toBe("status=closed&q=198.51.100.23&sort=severity");
    expect(filtersFromParams(new URLSearchParams(qs))).toEqual(f);
    expect(paramsFromFilters(DEFAULT_FILTERS)).toBe("");
  });

  it("ignores values it does not know", () => {
    expect(filtersFromParams(new URLSearchParams("status=bogus&sort=random&from=yesterday"))).toEqual(DEFAULT_FILTERS);
  });

  it("maps presets to the list input", () => {
    const input = listInputFromFilters({ ...DEFAULT_FILTERS, severity: "high_up", assignee: "me", source: "not-a-uuid" });
    expect(input).toMatchObject({ status: ["new", "triage", "contained"], severity: ["high", "critical"], assignee: "me", sourceId: undefined, sort: "newest" });
  });
});
