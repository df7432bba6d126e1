// Wazuh alerts as integratord passes them to an integration (alert_format json), same JSON as
// alerts.json: https://documentation.wazuh.com/current/user-manual/manager/integration-with-external-apis.html ;
// VirusTotal integration alerts (data.virustotal.source.md5/sha1, permalink):
// https://documentation.wazuh.com/current/user-manual/capabilities/malware-detection/virus-total-integration.html ;
// the bundled shuffle integration wraps the alert as {pretext, title, ..., all_fields} (wazuh/wazuh
// integrations/shuffle.py, generate_msg); rule levels 0-15: https://documentation.wazuh.com/current/user-manual/ruleset/rules/rules-classification.html
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wazuhParser } from "@/server/alerts/sources/wazuh";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/wazuh/${name}`, "utf8"));
const receivedAt = new Date("2025-11-23T16:00:00Z");

describe("wazuh parser", () => {
  it("normalizes an sshd brute-force alert (timestamp with a +0100 offset)", () => {
    const [alert] = wazuhParser.parse(fixture("sshd-brute-force.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "sshd: brute force trying to get access to the system. Non existent user.",
      severity: "medium",
      category: "brute_force",
      externalId: "1763886667.4471203",
      vendor: "wazuh",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T08:31:07.412Z");
    expect(alert!.observables).toEqual([
      { type: "host", value: "bastion-01", role: "host" },
      { type: "ip", value: "10.9.0.4", role: "host" },
      { type: "ip", value: "203.0.113.45", role: "src" },
      { type: "user", value: "admin", role: "actor" },
    ]);
  });

  it("normalizes a VirusTotal result without taking its permalink for an indicator", () => {
    const [alert] = wazuhParser.parse(fixture("virustotal-malicious.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "VirusTotal: Alert - /home/gina/Downloads/invoice.pdf.exe - 61 engines detected this file",
      severity: "high",
      category: "malware",
      externalId: "1763903144.9120044",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T13:05:44.918Z");
    expect(alert!.observables).toEqual([
      { type: "host", value: "ws-gina", role: "host" },
      { type: "ip", value: "10.4.2.17", role: "host" },
      { type: "md5", value: "44d88612fea8a8f36de82e1278abb02f" },
      { type: "sha1", value: "3395856ce81f2b7382dee72602f798b642f14140" },
    ]);
  });

  it("reads Windows event data: the event's own time and DOMAIN\\user", () => {
    const [alert] = wazuhParser.parse(fixture("windows-logon-failure.json"), { receivedAt });
    expect(alert).toMatchObject({ title: "Logon failure - Unknown user or bad password.", severity: "low", category: "suspicious_login" });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T08:14:59.123Z");
    expect(alert!.observables).toEqual([
      { type: "host", value: "DC01", role: "host", aliases: ["DC01.corp.example.com"] },
      { type: "ip", value: "10.0.0.10", role: "host" },
      { type: "user", value: "CORP\\henry", role: "target" },
      { type: "ip", value: "198.51.100.71", role: "src" },
      { type: "host", value: "KALI", role: "src" },
      { type: "host", value: "DC01.corp.example.com", role: "host", aliases: ["DC01"] },
    ]);
  });

  it("unwraps the shuffle integration's all_fields and keeps the alert's own fields", () => {
    const [wrapped] = wazuhParser.parse(fixture("shuffle-wrapped.json"), { receivedAt });
    const [plain] = wazuhParser.parse(fixture("sshd-brute-force.json"), { receivedAt });
    expect({ ...wrapped, raw: null }).toEqual({ ...plain, raw: null });
    expect(wrapped!.raw).toEqual(fixture("shuffle-wrapped.json")); // raw is what was received
  });

  it("rejects malformed payloads naming the field", () => {
    expect(() => wazuhParser.parse({ timestamp: "2025-11-23T00:00:00Z" }, { receivedAt })).toThrow(ParseError);
    expect(() => wazuhParser.parse({ timestamp: "2025-11-23T00:00:00Z" }, { receivedAt })).toThrow(/^rule: expected a JSON object/);
    const badLevel = fixture("sshd-brute-force.json");
    badLevel.rule.level = "very high";
    expect(() => wazuhParser.parse(badLevel, { receivedAt })).toThrow(/^rule\.level: expected a number/);
    const badTime = fixture("sshd-brute-force.json");
    badTime.timestamp = "23/11/2025";
    expect(() => wazuhParser.parse(badTime, { receivedAt })).toThrow(/^timestamp: "23\/11\/2025" is not a date/);
  });
});
