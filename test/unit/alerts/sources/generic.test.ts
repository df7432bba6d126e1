// Generic JSON source: Vigil's own format (see README "Send a first alert").
import { describe, expect, it } from "vitest";
import { genericParser } from "@/server/alerts/sources/generic";
import { ParseError } from "@/server/alerts/types";

const receivedAt = new Date("2026-11-23T10:00:00Z");

describe("generic parser", () => {
  it("reads well-known fields", () => {
    const [alert] = genericParser.parse(
      { id: "a-1", title: "Brute force on VPN", severity: "high", timestamp: "2026-11-23T09:58:00Z", category: "brute_force", src_ip: "198.51.100.23", user: "alice" },
      { receivedAt },
    );
    expect(alert).toMatchObject({ title: "Brute force on VPN", severity: "high", externalId: "a-1", category: "brute_force", vendor: "generic" });
    expect(alert!.occurredAt.toISOString()).toBe("2026-11-23T09:58:00.000Z");
    expect(alert!.observables).toEqual(expect.arrayContaining([{ type: "ip", value: "198.51.100.23", role: "src" }, { type: "user", value: "alice" }]));
  });

  it("gives a phishing report's sender and recipient their roles", () => {
    const [alert] = genericParser.parse({ title: "Phishing reported", sender: "boss@evil.example", recipient: "erin@corp.example" }, { receivedAt });
    expect(alert!.observables).toEqual(expect.arrayContaining([{ type: "email", value: "boss@evil.example", role: "src" }, { type: "email", value: "erin@corp.example", role: "dst" }]));
  });

  it("applies a per-source mapping", () => {
    const [alert] = genericParser.parse(
      { rule: { name: "Odd login" }, lvl: 9, src: { addr: "192.0.2.1" } },
      { receivedAt, mapping: { title: "$.rule.name", severity: "$.lvl", observables: { ip: ["$.src.addr"] } } },
    );
    expect(alert).toMatchObject({ title: "Odd login", severity: "critical" });
    expect(alert!.observables).toEqual([{ type: "ip", value: "192.0.2.1" }]);
  });

  it("falls back to the arrival time and medium severity", () => {
    const [alert] = genericParser.parse({ title: "x" }, { receivedAt });
    expect(alert!.occurredAt).toEqual(receivedAt);
    expect(alert!.severity).toBe("medium");
  });

  it("names the missing field", () => {
    expect(() => genericParser.parse({ foo: 1 }, { receivedAt })).toThrow(ParseError);
    expect(() => genericParser.parse({ foo: 1 }, { receivedAt })).toThrow(/title: missing/);
    expect(() => genericParser.parse({ title: "x", severity: "purple" }, { receivedAt })).toThrow(/severity/);
    expect(() => genericParser.parse([1, 2], { receivedAt })).toThrow(/expected a JSON object/);
  });

  it("cannot be steered into the prototype", () => {
    const payload = JSON.parse('{"title":"x","__proto__":{"polluted":true},"constructor":{"prototype":{"p":1}}}');
    genericParser.parse(payload, { receivedAt, mapping: { title: "$.title", category: "$.__proto__.polluted" } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("generic mapping (JSONPath subset)", () => {
  it("reads wildcards and flattened dotted keys, maps the sender's severities, fills defaults", () => {
    const [alert] = genericParser.parse(
      { "rule.title": "Fail2ban ban", prio: "P1", hits: [{ ip: "198.51.100.1" }, { ip: "198.51.100.2" }] },
      {
        receivedAt,
        mapping: {
          title: "$['rule.title']",
          severity: "$.prio",
          severityMap: { P1: "critical" },
          observables: { ip: "$.hits[*].ip" },
          defaults: { category: "brute_force" },
        },
      },
    );
    expect(alert).toMatchObject({ title: "Fail2ban ban", severity: "critical", category: "brute_force" });
    expect(alert!.observables).toEqual([
      { type: "ip", value: "198.51.100.1" },
      { type: "ip", value: "198.51.100.2" },
    ]);
  });

  it("refuses a bad mapping with a ParseError naming the mapping field", () => {
    const parse = (mapping: Record<string, unknown>) => () => genericParser.parse({ title: "x" }, { receivedAt, mapping });
    expect(parse({ observables: { ip: ["$.a["] } })).toThrow(ParseError);
    expect(parse({ observables: { ip: ["$.a["] } })).toThrow(/^mapping\.observables\.ip\.0: cannot read/);
    expect(parse({ titel: "$.x" })).toThrow(/^mapping\.\(root\): .*titel/);
    expect(parse({ severityMap: { P1: "urgent" } })).toThrow(/^mapping\.severityMap\.P1:/);
  });
});
