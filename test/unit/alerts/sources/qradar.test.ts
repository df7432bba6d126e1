// IBM QRadar offenses as returned by the REST API (GET /api/siem/offenses/{offense_id} and the list).
// https://www.ibm.com/docs/en/qradar-common?topic=endpoints-get-siemoffensesoffense-id (response fields)
// https://www.ibm.com/docs/en/qradar-common?topic=endpoints-get-siemoffense-types (offense_type ids)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { qradarParser } from "@/server/alerts/sources/qradar";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/qradar/${name}`, "utf8"));
const receivedAt = new Date("2024-05-21T12:00:00Z");

describe("QRadar offense parser", () => {
  it("reads one offense: first description line as title, magnitude as severity, start_time", () => {
    const [alert] = qradarParser.parse(fixture("offense.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "Multiple Login Failures for the Same User",
      severity: "medium",
      category: "brute_force",
      externalId: "4217",
      vendor: "qradar",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2024-05-21T09:23:32.000Z");
    expect(alert!.observables).toEqual([{ type: "ip", value: "198.51.100.77", role: "src" }]);
    expect(alert!.description).toContain("Categories: User Login Failure, General Authentication Failed");
  });

  it("reads a list of offenses, typing offense_source by offense_type", () => {
    const alerts = qradarParser.parse(fixture("offense-list.json"), { receivedAt });
    expect(alerts.map((a) => [a.externalId, a.title, a.severity, a.category, a.occurredAt.toISOString()])).toEqual([
      ["4218", "Excessive Firewall Denies Between Hosts", "critical", "recon", "2024-05-21T11:13:20.000Z"],
      ["4219", "Outbound traffic to a known malware host", "low", "malware", "2024-05-21T11:30:00.000Z"],
    ]);
    expect(alerts[0]!.observables).toEqual([{ type: "user", value: "CORP\\svc-backup", role: "actor" }]);
    expect(alerts[1]!.observables).toEqual([
      { type: "host", value: "ws-0142.corp.example.com", role: "host", aliases: ["ws-0142"] },
      { type: "host", value: "ws-0142", role: "host", aliases: ["ws-0142.corp.example.com"] },
    ]);
  });

  it("names the field that is missing or wrong", () => {
    const noStart = fixture("offense.json");
    delete noStart.start_time;
    expect(() => qradarParser.parse(noStart, { receivedAt })).toThrow(ParseError);
    expect(() => qradarParser.parse(noStart, { receivedAt })).toThrow(/^start_time: missing/);
    expect(() => qradarParser.parse({ ...fixture("offense.json"), magnitude: 42 }, { receivedAt })).toThrow(/^magnitude: "42" is not a number from 0 to 10/);
    const list = fixture("offense-list.json");
    delete list[1].description;
    expect(() => qradarParser.parse(list, { receivedAt })).toThrow(/^\[1\]\.description: missing/);
  });
});
