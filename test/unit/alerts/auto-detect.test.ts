// kind "auto": every fixture of every vendor is recognised as its own vendor, and payloads of the
// other vendors are not claimed by the wrong parser. Each vendor helper lists its vendors here.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resolveParser } from "@/server/alerts/normalize";

const VENDORS = ["splunk", "elastic", "sentinel", "defender", "chronicle", "wazuh", "suricata", "crowdstrike"];

const cases = VENDORS.flatMap((vendor) =>
  readdirSync(`test/fixtures/alerts/${vendor}`)
    .filter((f) => f.endsWith(".json"))
    .map((file) => ({ vendor, file, payload: JSON.parse(readFileSync(`test/fixtures/alerts/${vendor}/${file}`, "utf8")) as unknown })),
);

describe("kind auto", () => {
  it("has fixtures for every vendor", () => {
    for (const vendor of VENDORS) expect(cases.filter((c) => c.vendor === vendor).length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [`${c.vendor}/${c.file}`, c] as const))("detects %s as its vendor", (_name, c) => {
    expect(resolveParser("auto", c.payload).kind).toBe(c.vendor);
  });

  it("leaves payloads no vendor claims to the generic parser", () => {
    for (const payload of [{ title: "x", severity: "high" }, [], "CEF:0|x", null, { result: {} }, { event_type: "flow" }])
      expect(resolveParser("auto", payload).kind).toBe("generic");
  });
});
