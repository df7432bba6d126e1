// Sigma rule matches in Zircolite's JSON output (detected_events.json).
// https://github.com/wagga40/Zircolite/blob/master/docs/Usage.md (output file)
// https://github.com/wagga40/Zircolite/blob/master/zircolite/core.py (execute_rule: title, id, description,
//   sigmafile, sigma, rule_level, tags, count, matches)
// https://github.com/SigmaHQ/sigma-specification (levels, ATT&CK tags)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IrrelevantPayloadError } from "@/server/alerts/irrelevant";
import { sigmaParser } from "@/server/alerts/sources/sigma";
import { ParseError } from "@/server/alerts/types";

const fixture = () => JSON.parse(readFileSync("test/fixtures/alerts/sigma/zircolite-detections.json", "utf8"));
const receivedAt = new Date("2024-05-22T00:00:00Z");

describe("Sigma (Zircolite) parser", () => {
  it("makes one alert per matched rule, at the earliest match", () => {
    const [logon, certutil] = sigmaParser.parse(fixture(), { receivedAt });
    expect(logon).toMatchObject({
      title: "Account Tampering - Suspicious Failed Logon Reasons",
      severity: "medium",
      category: "suspicious_login", // attack.t1078
      externalId: null,
      vendor: "sigma",
    });
    expect(logon!.occurredAt.toISOString()).toBe("2024-05-21T09:13:58.002Z");
    expect(logon!.observables).toEqual([
      { type: "ip", value: "198.51.100.23", role: "src" },
      { type: "host", value: "DC01.corp.example.com", role: "host", aliases: ["DC01"] },
      { type: "host", value: "DC01", role: "host", aliases: ["DC01.corp.example.com"] },
      { type: "host", value: "KALI", role: "src" },
      { type: "user", value: "CORP\\alice", role: "target" },
      { type: "user", value: "CORP\\bob", role: "target" },
    ]);

    expect(certutil).toMatchObject({ title: "Suspicious Download Via Certutil.EXE", severity: "high", category: "c2", externalId: null });
    expect(certutil!.occurredAt.toISOString()).toBe("2024-05-21T10:02:45.117Z");
    expect(certutil!.observables).toEqual([
      { type: "host", value: "WS-0142.corp.example.com", role: "host", aliases: ["WS-0142"] },
      { type: "host", value: "WS-0142", role: "host", aliases: ["WS-0142.corp.example.com"] },
      { type: "user", value: "CORP\\carol", role: "actor" },
      { type: "sha1", value: "e2b1c1e4c0b7a7d5a0d6e1f3b2c4d5e6f7a8b9c0" },
      { type: "md5", value: "0d6f1b2a3c4d5e6f7a8b9c0d1e2f3a4b" },
      { type: "sha256", value: "7a4e3c2b1d0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d" },
      { type: "url", value: "http://203.0.113.80/payload.exe" },
      { type: "ip", value: "203.0.113.80" },
    ]);
  });

  it("maps Sigma levels, informational being low", () => {
    const [detection] = fixture();
    const level = (rule_level: string) => sigmaParser.parse({ ...detection, rule_level }, { receivedAt })[0]!.severity;
    expect(["informational", "low", "medium", "high", "critical"].map(level)).toEqual(["low", "low", "medium", "high", "critical"]);
  });

  it("names the field that is missing or wrong", () => {
    const noTitle = fixture();
    delete noTitle[1].title;
    expect(() => sigmaParser.parse(noTitle, { receivedAt })).toThrow(ParseError);
    expect(() => sigmaParser.parse(noTitle, { receivedAt })).toThrow(/^\[1\]\.title: missing/);
    const [detection] = fixture();
    expect(() => sigmaParser.parse({ ...detection, rule_level: "severe" }, { receivedAt })).toThrow(/^rule_level: "severe" is not a Sigma level/);
    expect(() => sigmaParser.parse({ ...detection, matches: "none" }, { receivedAt })).toThrow(/^matches: expected an array/);
  });

  it("reports a run without detections as nothing to alert on", () => {
    expect(() => sigmaParser.parse([], { receivedAt })).toThrow(IrrelevantPayloadError);
    expect(() => sigmaParser.parse([], { receivedAt })).toThrow(/Zircolite found no detections/);
  });
});
