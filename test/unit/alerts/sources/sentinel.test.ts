// Microsoft Sentinel incident trigger (triggerBody(): objectSchemaType, workspaceInfo, object) from
// https://learn.microsoft.com/en-us/azure/sentinel/automation/playbook-triggers-actions ; the incident,
// alert and entity shapes (Account accountName/ntDomain/upnSuffix, Host hostName/dnsDomain, Ip
// address, FileHash algorithm/hashValue, MailMessage, Mailbox) from the REST API examples
// https://learn.microsoft.com/en-us/rest/api/securityinsights/incidents/get and
// https://github.com/Azure/azure-rest-api-specs/tree/main/specification/securityinsights/resource-manager/Microsoft.SecurityInsights/stable/2023-02-01/examples/incidents
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sentinelParser } from "@/server/alerts/sources/sentinel";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/sentinel/${name}`, "utf8"));
const receivedAt = new Date("2025-11-23T16:00:00Z");

describe("sentinel parser", () => {
  it("normalizes an incident trigger with alerts and entities", () => {
    const [alert] = sentinelParser.parse(fixture("incident-trigger.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "Password spray against Entra ID sign-in",
      severity: "high",
      category: "brute_force",
      externalId: "73e01a99-5cd7-4139-a149-9f2736ff2ab5",
      vendor: "sentinel",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T07:41:12.500Z");
    expect(alert!.observables).toEqual([
      // One account in both its forms, linked both ways.
      { type: "user", value: "alice@contoso.com", role: "account", aliases: ["CONTOSO\\alice"] },
      { type: "user", value: "CONTOSO\\alice", role: "account", aliases: ["alice@contoso.com"] },
      { type: "ip", value: "198.51.100.10" },
      { type: "host", value: "srv-adfs01.contoso.com", role: "host", aliases: ["srv-adfs01"] },
      { type: "host", value: "srv-adfs01", role: "host", aliases: ["srv-adfs01.contoso.com"] },
      { type: "email", value: "alice@contoso.com" }, // named in the description
    ]);
  });

  it("reads the incident resource itself and mail entities, refanging the description", () => {
    const [alert] = sentinelParser.parse(fixture("incident-resource.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "Mail with malicious attachment delivered to finance",
      severity: "medium",
      category: "phishing",
      externalId: "2f9c4d1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-22T21:14:09.000Z");
    expect(alert!.observables).toEqual([
      { type: "email", value: "billing@invoices-portal.example", role: "src" },
      { type: "email", value: "carol@contoso.com", role: "dst" },
      { type: "ip", value: "203.0.113.61", role: "src" },
      { type: "url", value: "https://invoices-portal.example/view" },
      { type: "user", value: "carol@contoso.com" },
      { type: "md5", value: "44d88612fea8a8f36de82e1278abb02f" },
      { type: "domain", value: "invoices-portal.example" },
    ]);
  });

  it("never turns incidentUrl or alertLink into observables", () => {
    const [alert] = sentinelParser.parse(fixture("incident-trigger.json"), { receivedAt });
    expect(JSON.stringify(alert!.observables)).not.toContain("portal.azure.com");
  });

  it("rejects malformed payloads naming the field", () => {
    const noTitle = { objectSchemaType: "Incident", object: { name: "x", properties: { severity: "High" } } };
    expect(() => sentinelParser.parse(noTitle, { receivedAt })).toThrow(ParseError);
    expect(() => sentinelParser.parse(noTitle, { receivedAt })).toThrow(/object\.properties\.title: missing/);
    expect(() => sentinelParser.parse({ objectSchemaType: "Incident" }, { receivedAt })).toThrow(/^object: missing/);
    const badTime = fixture("incident-trigger.json");
    badTime.object.properties.firstActivityTimeUtc = "last tuesday";
    expect(() => sentinelParser.parse(badTime, { receivedAt })).toThrow(/firstActivityTimeUtc: "last tuesday" is not a date/);
  });
});
