// Google SecOps (Chronicle) rule detection with collectionElements of UDM events, as the Detection
// Engine API returns it: https://cloud.google.com/chronicle/docs/reference/detection-engine-api and
// https://cloud.google.com/chronicle/docs/reference/rest/v1alpha/projects.locations.instances.legacy/legacySearchDetections ;
// UDM nouns (principal/target hostname, ip, user.userid, administrativeDomain, network.dns.questions):
// https://cloud.google.com/chronicle/docs/reference/udm-field-list
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chronicleParser } from "@/server/alerts/sources/chronicle";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/chronicle/${name}`, "utf8"));
const receivedAt = new Date("2025-11-23T16:00:00Z");

describe("chronicle parser", () => {
  it("normalizes a rule detection from its UDM events", () => {
    const [alert] = chronicleParser.parse(fixture("rule-detection.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "dns_query_to_known_c2_domain",
      severity: "high",
      category: "c2",
      externalId: "de_7f3a1c2e-9b4d-4e6f-8a0b-1c2d3e4f5a6b",
      description: "Host resolved a domain on the C2 reference list, then connected to it.",
      vendor: "chronicle",
    });
    // The first referenced event, not the detection or ingestion time.
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T11:42:07.311Z");
    expect(alert!.observables).toEqual([
      { type: "host", value: "lt-frank", role: "src" },
      { type: "ip", value: "10.30.1.15", role: "src" },
      { type: "ip", value: "192.0.2.10", role: "dst" },
      { type: "domain", value: "update-check.example" },
      { type: "user", value: "CORP\\frank", role: "actor" },
      { type: "email", value: "frank@corp.example.com", role: "actor" },
      { type: "ip", value: "198.51.100.99", role: "dst" },
      { type: "url", value: "https://update-check.example/api/v2/beacon", role: "dst" },
    ]);
    expect(JSON.stringify(alert!.observables)).not.toContain("chronicle.security");
  });

  it("reads a {detections: [...]} page and uses the risk score when there is no severity label", () => {
    const detection = fixture("rule-detection.json");
    detection.detection[0].ruleLabels = [];
    detection.detection[0].riskScore = 95;
    const alerts = chronicleParser.parse({ detections: [detection, fixture("rule-detection.json")] }, { receivedAt });
    expect(alerts.map((a) => a.severity)).toEqual(["critical", "high"]);
  });

  it("rejects malformed payloads naming the field", () => {
    const noRule = { ...fixture("rule-detection.json"), detection: [] };
    expect(() => chronicleParser.parse(noRule, { receivedAt })).toThrow(ParseError);
    expect(() => chronicleParser.parse(noRule, { receivedAt })).toThrow(/^detection\[0\]\.ruleName: missing/);
    expect(() => chronicleParser.parse({ detections: [{}] }, { receivedAt })).toThrow(/^detections\[0\]\.detection\[0\]\.ruleName/);
    expect(() => chronicleParser.parse({ id: "de_1" }, { receivedAt })).toThrow(/^detection: expected the array/);
  });
});
