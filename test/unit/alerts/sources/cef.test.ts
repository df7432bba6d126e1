// CEF events, raw lines and wrapped as {"message": "CEF:0|..."}.
// https://www.microfocus.com/documentation/arcsight/arcsight-smartconnectors-8.3/cef-implementation-standard/
//   (header fields, escaping of | \ = and \n, severity 0-10 or Low/Medium/High/Very-High, time formats;
//    the three ids-lines.cef records are the standard's own escaping examples)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cefParser } from "@/server/alerts/sources/cef";
import { ParseError } from "@/server/alerts/types";

const receivedAt = new Date("2024-09-19T09:00:00Z");
const wrapped = () => JSON.parse(readFileSync("test/fixtures/alerts/cef/firewall-wrapped.json", "utf8"));
const lines = () => readFileSync("test/fixtures/alerts/cef/ids-lines.cef", "utf8");

describe("CEF parser", () => {
  it("reads a wrapped record behind a syslog prefix, unescaping values and refanging the URL", () => {
    const [alert] = cefParser.parse(wrapped(), { receivedAt });
    expect(alert).toMatchObject({
      title: "SSH Brute Force Login Attempt",
      severity: "high",
      category: "brute_force",
      externalId: "74529",
      vendor: "cef",
      description: "SSH brute force from 203.0.113.50 blocked\nsession=4411 rule=22\nReported by Fortinet FortiGate-60F 7.2.4 (signature 0419016384)",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2024-05-21T09:14:03.000Z");
    expect(alert!.observables).toEqual([
      { type: "ip", value: "203.0.113.50", role: "src" },
      { type: "ip", value: "192.0.2.10", role: "dst" },
      { type: "host", value: "scanner.example.net", role: "src", aliases: ["scanner"] },
      { type: "host", value: "scanner", role: "src", aliases: ["scanner.example.net"] },
      { type: "host", value: "bastion01.corp.example.com", role: "dst", aliases: ["bastion01"] },
      { type: "host", value: "bastion01", role: "dst", aliases: ["bastion01.corp.example.com"] },
      { type: "user", value: "root", role: "actor" },
      { type: "url", value: "http://evil.example/login", role: "dst" },
    ]);
    expect(alert!.raw).toEqual(wrapped());
  });

  it("reads raw lines: one alert each, escaped pipes and backslashes, word and number severities", () => {
    const alerts = cefParser.parse(lines(), { receivedAt });
    expect(alerts.map((a) => [a.title, a.severity, a.occurredAt.toISOString(), a.category])).toEqual([
      ["worm successfully stopped", "critical", "2024-09-19T08:26:10.000Z", "malware"],
      ["detected a | in message", "low", "2024-09-19T06:26:12.000Z", "other"],
      ["detected a \\ in packet", "critical", receivedAt.toISOString(), "other"],
    ]);
    expect(alerts.map((a) => a.externalId)).toEqual([null, null, null]);
    expect(alerts[0]!.observables).toEqual([
      { type: "ip", value: "10.0.0.1", role: "src" },
      { type: "ip", value: "2.1.2.2", role: "dst" },
    ]);
    expect(alerts[2]!.observables).toEqual([
      { type: "ip", value: "10.0.0.1", role: "src" },
      { type: "ip", value: "1.1.1.1", role: "dst" },
      { type: "md5", value: "44d88612fea8a8f36de82e1278abb02f" },
    ]);
    expect(alerts[2]!.description).toBe("Detected a threat.\n No action needed.\nReported by security threatmanager 1.0 (signature 100)");
    expect(alerts[1]!.raw).toBe(lines().split("\n")[1]);
  });

  it("names the field that is missing or wrong", () => {
    expect(() => cefParser.parse("CEF:0|Vendor|Product|1.0|100|Name only", { receivedAt })).toThrow(ParseError);
    expect(() => cefParser.parse("CEF:0|Vendor|Product|1.0|100|Name only", { receivedAt })).toThrow(/^CEF header: found 5 of 7/);
    expect(() => cefParser.parse("CEF:0|V|P|1|100|Odd|11|src=10.0.0.1", { receivedAt })).toThrow(/^CEF Severity: 11 is outside 0-10/);
    expect(() => cefParser.parse("CEF:0|V|P|1|100|Odd|Urgent|src=10.0.0.1", { receivedAt })).toThrow(/^CEF Severity: "Urgent"/);
    expect(() => cefParser.parse("CEF:0|V|P|1|100|Odd|5|rt=Sep 19 2024 08:26:12 CEST", { receivedAt })).toThrow(/^CEF rt: time zone "CEST" is not supported/);
    expect(() => cefParser.parse("CEF:0|V|P|1|100||5|src=10.0.0.1", { receivedAt })).toThrow(/^CEF Name \(header field 6\): empty/);
    expect(() => cefParser.parse({ msg: "CEF:0|..." }, { receivedAt })).toThrow(/^message: missing/);
    expect(() => cefParser.parse("ok\nCEF:0|V|P|1|100|Good|5|\nCEF:0|V|P|1|100|Bad|zz|", { receivedAt })).toThrow(/^line 3: CEF Severity/);
  });
});
