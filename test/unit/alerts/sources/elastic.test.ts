// Elastic Security through the Kibana webhook connector. Alert documents follow the alert schema
// (flattened kibana.alert.* keys next to nested ECS objects):
// https://www.elastic.co/guide/en/security/current/alert-schema.html
// The summary body carries {{{context.alerts}}} and context.results_link, the documented rule action
// variables: https://www.elastic.co/guide/en/kibana/current/rule-action-variables.html and
// https://www.elastic.co/docs/reference/kibana/connectors-kibana/webhook-action-type
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { elasticParser } from "@/server/alerts/sources/elastic";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/elastic/${name}`, "utf8"));
const receivedAt = new Date("2025-11-23T16:00:00Z");

describe("elastic parser", () => {
  it("reads a summary body whose alerts use flattened kibana.alert.* keys", () => {
    const alerts = elasticParser.parse(fixture("summary-flattened.json"), { receivedAt });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      title: "Potential SSH Brute Force Detected",
      severity: "medium",
      category: "brute_force",
      externalId: "b1f5c0e2d9a84b7c8e3f2a1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b",
      vendor: "elastic",
    });
    // original_time (the source event), not @timestamp (when the rule ran).
    expect(alerts[0]!.occurredAt.toISOString()).toBe("2025-11-23T08:59:41.000Z");
    expect(alerts[0]!.observables).toEqual([
      { type: "host", value: "web-01", role: "host" },
      { type: "ip", value: "10.20.30.40", role: "host" },
      { type: "user", value: "root", role: "actor" },
      { type: "ip", value: "203.0.113.77", role: "src" },
    ]);
  });

  it("reads a single alert document with nested kibana.alert keys mixed with flattened ones", () => {
    const [alert] = elasticParser.parse(fixture("single-nested.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "Suspicious PowerShell Download",
      severity: "high",
      category: "execution",
      externalId: "4e7f2c1a9b0d4e6f8a2c3b5d7e9f1a0b",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T10:01:58.250Z");
    expect(alert!.observables).toEqual([
      { type: "host", value: "WS-0042.corp.example.com", role: "host", aliases: ["WS-0042"] },
      { type: "host", value: "WS-0042", role: "host", aliases: ["WS-0042.corp.example.com"] },
      { type: "ip", value: "10.1.4.42", role: "host" }, // the fe80:: link-local address is dropped
      { type: "user", value: "CORP\\bob", role: "actor" },
      { type: "ip", value: "192.0.2.55", role: "dst" },
      { type: "domain", value: "cdn-update.example" },
      { type: "url", value: "http://cdn-update.example/payload.ps1" },
      { type: "sha256", value: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" },
    ]);
  });

  it("never turns kibana.alert.url or the results link into observables", () => {
    for (const name of ["summary-flattened.json", "single-nested.json"]) {
      const [alert] = elasticParser.parse(fixture(name), { receivedAt });
      expect(JSON.stringify(alert!.observables)).not.toContain("kibana.corp.example");
    }
  });

  it("falls back to the risk score when the alert has no severity word", () => {
    const doc = fixture("summary-flattened.json");
    delete doc.alerts[0]["kibana.alert.severity"];
    doc.alerts[0]["kibana.alert.risk_score"] = 99;
    expect(elasticParser.parse(doc, { receivedAt })[0]!.severity).toBe("critical");
  });

  it("rejects malformed payloads naming the field", () => {
    expect(() => elasticParser.parse({ rule: { name: "x" } }, { receivedAt })).toThrow(ParseError);
    expect(() => elasticParser.parse({ rule: { name: "x" } }, { receivedAt })).toThrow(/kibana\.alert\.rule\.name: missing/);
    const blank = fixture("summary-flattened.json");
    blank.alerts[0]["kibana.alert.rule.name"] = "  ";
    blank.rule = {};
    expect(() => elasticParser.parse(blank, { receivedAt })).toThrow(/alerts\[0\]\.kibana\.alert\.rule\.name: missing or empty/);
    const badTime = fixture("summary-flattened.json");
    badTime.alerts[0]["kibana.alert.original_time"] = "not-a-time";
    expect(() => elasticParser.parse(badTime, { receivedAt })).toThrow(/kibana\.alert\.original_time: "not-a-time" is not a date/);
  });
});
