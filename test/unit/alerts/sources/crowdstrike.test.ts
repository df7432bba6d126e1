// CrowdStrike Falcon DetectionSummaryEvent from the Event Streams API / SIEM connector (metadata
// {eventType, eventCreationTime, offset}, event {DetectId, DetectName, Severity, SeverityName,
// ComputerName, UserName, MachineDomain, hashes, FalconHostLink, Tactic, Technique, ...}): Streaming
// API Event Dictionary, https://falcon.crowdstrike.com/documentation/62/streaming-api-event-dictionary
// (sign-in required); the same sample is published in
// https://help.sumologic.com/docs/integrations/security-threat-detection/crowdstrike-falcon-endpoint-protection/
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { crowdstrikeParser } from "@/server/alerts/sources/crowdstrike";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/crowdstrike/${name}`, "utf8"));
const receivedAt = new Date("2025-11-23T16:00:00Z");

describe("crowdstrike parser", () => {
  it("normalizes a detection: process start time, SeverityName, hashes and the command line", () => {
    const [alert] = crowdstrikeParser.parse(fixture("ransomware-detection.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "Process Terminated",
      severity: "high",
      category: "malware",
      externalId: "ldt:ec86abd353824e96765ecbe18eb4f0b4:38655257584",
      vendor: "crowdstrike",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T08:18:00.000Z");
    expect(alert!.observables).toEqual([
      { type: "host", value: "FIN-WS-12", role: "host" },
      { type: "ip", value: "10.7.3.12", role: "host" },
      { type: "user", value: "FIN-WS-12\\ivan", role: "actor" }, // a local account of the machine
      { type: "sha256", value: "6a671b92a69755de6fd063fcbe4ba926d83b49f78c42dbaeed8cdb6bbc57576a" },
      { type: "sha1", value: "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3" },
      { type: "md5", value: "ac4c51eb24aa95b77f705ab159189e24" },
      { type: "ip", value: "203.0.113.14", role: "dst" },
      { type: "url", value: "http://203.0.113.14/k.ps1" }, // refanged from the command line
    ]);
    expect(JSON.stringify(alert!.observables)).not.toContain("crowdstrike.com");
  });

  it("reads 0-100 severities, DOMAIN\\user names, IOC fields and falls back to the event creation time", () => {
    const [alert] = crowdstrikeParser.parse(fixture("credential-dumping.json"), { receivedAt });
    expect(alert).toMatchObject({ title: "Credential Dumping", severity: "critical", category: "credential_access" });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T12:00:00.000Z");
    expect(alert!.observables).toEqual([
      { type: "host", value: "SRV-APP07.corp.example.com", role: "host", aliases: ["SRV-APP07"] },
      { type: "host", value: "SRV-APP07", role: "host", aliases: ["SRV-APP07.corp.example.com"] },
      { type: "ip", value: "10.0.8.7", role: "host" },
      { type: "user", value: "CORP\\svc_backup", role: "actor" },
      { type: "sha256", value: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
      { type: "domain", value: "telemetry.drop-zone.example" },
    ]);
  });

  it("rejects malformed payloads naming the field", () => {
    const audit = { metadata: { eventType: "AuthActivityAuditEvent" }, event: {} };
    expect(() => crowdstrikeParser.parse(audit, { receivedAt })).toThrow(ParseError);
    expect(() => crowdstrikeParser.parse(audit, { receivedAt })).toThrow(/^metadata\.eventType: expected "DetectionSummaryEvent", got "AuthActivityAuditEvent"/);
    const noName = fixture("credential-dumping.json");
    delete noName.event.DetectName;
    expect(() => crowdstrikeParser.parse(noName, { receivedAt })).toThrow(/^event\.DetectName: missing/);
    expect(() => crowdstrikeParser.parse({ event: {} }, { receivedAt })).toThrow(/^metadata: expected a JSON object, got nothing/);
  });
});
