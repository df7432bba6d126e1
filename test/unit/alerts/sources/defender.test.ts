// Microsoft Defender XDR through Graph security alerts_v2: the alert resource and its example
// response from https://learn.microsoft.com/en-us/graph/api/security-alert-get?view=graph-rest-1.0 ;
// evidence types (deviceEvidence, fileEvidence, processEvidence, urlEvidence, mailboxEvidence,
// analyzedMessageEvidence with p1Sender/p2Sender) from
// https://learn.microsoft.com/en-us/graph/api/resources/security-alertevidence?view=graph-rest-1.0
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defenderParser } from "@/server/alerts/sources/defender";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/defender/${name}`, "utf8"));
const receivedAt = new Date("2025-11-23T16:00:00Z");

describe("defender parser", () => {
  it("normalizes an endpoint alert from its evidence", () => {
    const [alert] = defenderParser.parse(fixture("alert-malware.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "Ransomware payload 'Lockbit' was prevented",
      severity: "high",
      category: "malware",
      externalId: "da638670912345678901_-1234567890",
      vendor: "defender",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T06:11:58.001Z");
    expect(alert!.observables).toEqual([
      { type: "host", value: "ws-0107.corp.contoso.com", role: "compromised", aliases: ["ws-0107"] },
      { type: "host", value: "ws-0107", role: "compromised", aliases: ["ws-0107.corp.contoso.com"] },
      { type: "ip", value: "10.2.7.107", role: "compromised" }, // 127.0.0.1 and fe80:: are dropped
      { type: "user", value: "CONTOSO\\dave", role: "logged_on", aliases: ["dave@contoso.com"] },
      { type: "sha1", value: "3395856ce81f2b7382dee72602f798b642f14140" },
      { type: "sha256", value: "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f" },
      { type: "user", value: "dave@contoso.com", role: "actor", aliases: ["CONTOSO\\dave"] },
      { type: "url", value: "https://files-share.example/inv.zip", role: "source" },
      { type: "domain", value: "files-share.example" }, // defanged in the description
    ]);
  });

  it("skips built-in service accounts such as NT AUTHORITY\\SYSTEM", () => {
    const [alert] = defenderParser.parse(fixture("alert-malware.json"), { receivedAt });
    expect(alert!.observables.some((o) => o.value.includes("SYSTEM"))).toBe(false);
  });

  it("reads each alert of a {value: [...]} page, mail evidence included", () => {
    const alerts = defenderParser.parse(fixture("page-phishing.json"), { receivedAt });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ title: "Email messages containing malicious URL removed after delivery", severity: "medium", category: "phishing" });
    expect(alerts[0]!.occurredAt.toISOString()).toBe("2025-11-23T10:58:21.000Z");
    expect(alerts[0]!.observables).toEqual([
      { type: "ip", value: "203.0.113.200", role: "src" },
      { type: "email", value: "it-support@mailbox-quota.example", role: "src" },
      { type: "email", value: "erin@contoso.com", role: "dst" },
      { type: "url", value: "https://mailbox-quota.example/login" },
      { type: "user", value: "erin@contoso.com", role: "destination", aliases: ["CONTOSO\\erin"] },
      { type: "user", value: "CONTOSO\\erin", role: "destination", aliases: ["erin@contoso.com"] },
    ]);
  });

  it("never turns alertWebUrl or incidentWebUrl into observables", () => {
    for (const name of ["alert-malware.json", "page-phishing.json"]) {
      const alerts = defenderParser.parse(fixture(name), { receivedAt });
      expect(JSON.stringify(alerts.map((a) => a.observables))).not.toContain("security.microsoft.com");
    }
  });

  it("rejects malformed payloads naming the field", () => {
    const noTitle = { ...fixture("alert-malware.json"), title: "" };
    expect(() => defenderParser.parse(noTitle, { receivedAt })).toThrow(ParseError);
    expect(() => defenderParser.parse(noTitle, { receivedAt })).toThrow(/^title: missing/);
    expect(() => defenderParser.parse({ value: [{ id: "a" }] }, { receivedAt })).toThrow(/^value\[0\]\.title: missing/);
    expect(() => defenderParser.parse({ value: ["a"] }, { receivedAt })).toThrow(/^value\[0\]: expected a JSON object/);
    const notification = { value: [{ subscriptionId: "s", changeType: "created", resource: "security/alerts_v2/x", resourceData: { id: "x" } }] };
    expect(() => defenderParser.parse(notification, { receivedAt })).toThrow(/^value\[0\]\.resourceData: this is a Graph change notification/);
    const badTime = { ...fixture("alert-malware.json"), firstActivityDateTime: 42.5e20 };
    expect(() => defenderParser.parse(badTime, { receivedAt })).toThrow(/firstActivityDateTime: .* is not a date/);
  });
});
