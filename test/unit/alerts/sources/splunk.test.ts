// Splunk webhook alert action. Payload shape (result, sid, results_link, search_name which may be
// null, owner, app) from https://help.splunk.com/splunk-enterprise/alert-and-respond/alerting-manual/10.0/configure-alert-actions/use-a-webhook-alert-action
// Result fields use the CIM names (src, dest, user, urgency):
// https://docs.splunk.com/Documentation/CIM/latest/User/Authentication
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splunkParser } from "@/server/alerts/sources/splunk";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/splunk/${name}`, "utf8"));
const receivedAt = new Date("2025-11-23T16:00:00Z");
const SID = "scheduler__admin__search__RMD5e1ab2f9c_at_1763885940_101";

describe("splunk parser", () => {
  it("normalizes a scheduled-search alert with CIM fields", () => {
    const [alert] = splunkParser.parse(fixture("vpn-brute-force.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "Brute Force Access Behavior Detected",
      severity: "high",
      category: "brute_force",
      externalId: `${SID}:e958251b61607d3b`,
      vendor: "splunk",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2025-11-23T08:18:00.000Z");
    expect(alert!.observables).toEqual([
      { type: "ip", value: "198.51.100.23", role: "src" },
      { type: "host", value: "vpn-gw01.corp.example.com", role: "dst", aliases: ["vpn-gw01"] },
      { type: "host", value: "vpn-gw01", role: "dst", aliases: ["vpn-gw01.corp.example.com"] },
      { type: "user", value: "CORP\\alice", role: "target" },
    ]);
  });

  it("never turns the results_link (or a link to the same Splunk in text) into an observable", () => {
    const [alert] = splunkParser.parse(fixture("vpn-brute-force.json"), { receivedAt });
    expect(JSON.stringify(alert!.observables)).not.toContain("splunk.corp.example");
  });

  it("names an alert whose search_name is null after its search id, at arrival time", () => {
    const [alert] = splunkParser.parse(fixture("search-name-null.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "Splunk alert (search scheduler__nobody__search__RMD5f00d_at_1763890000_7)",
      severity: "medium",
      category: "other",
      externalId: "scheduler__nobody__search__RMD5f00d_at_1763890000_7:6ac432e8eafed35f",
      observables: [],
    });
    expect(alert!.occurredAt).toEqual(receivedAt);
  });

  it("gives each row of a for-each-result alert its own id and the same row the same id", () => {
    const a = fixture("vpn-brute-force.json");
    const b = fixture("vpn-brute-force.json");
    b.result.src = "198.51.100.24";
    const idOf = (p: unknown) => splunkParser.parse(p, { receivedAt })[0]!.externalId;
    expect(idOf(a)).toBe(idOf(fixture("vpn-brute-force.json")));
    expect(idOf(a)).not.toBe(idOf(b));
  });

  it("rejects malformed payloads naming the field", () => {
    const noResult = { ...fixture("vpn-brute-force.json"), result: "57 failures" };
    expect(() => splunkParser.parse(noResult, { receivedAt })).toThrow(ParseError);
    expect(() => splunkParser.parse(noResult, { receivedAt })).toThrow(/^result: expected a JSON object/);
    const badTime = fixture("vpn-brute-force.json");
    badTime.result._time = "yesterday";
    expect(() => splunkParser.parse(badTime, { receivedAt })).toThrow(/result\._time: "yesterday" is not a date/);
    const anonymous = { result: {}, search_name: null };
    expect(() => splunkParser.parse(anonymous, { receivedAt })).toThrow(/search_name: null/);
  });
});
