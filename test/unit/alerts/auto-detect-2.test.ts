// kind "auto": each of these fixtures must be recognised as its own vendor, and nothing else.
// The last test is order-independent: over every vendor's fixtures, exactly one detect() says yes,
// so reordering the registry can never hand a payload to the wrong parser.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resolveParser } from "@/server/alerts/normalize";
import { SOURCE_PARSERS } from "@/server/alerts/sources";

const json = (p: string) => JSON.parse(readFileSync(`test/fixtures/alerts/${p}`, "utf8"));
const text = (p: string) => readFileSync(`test/fixtures/alerts/${p}`, "utf8");

const CASES: [string, unknown, string][] = [
  ["guardduty/ssh-brute-force.json", json("guardduty/ssh-brute-force.json"), "guardduty"],
  ["guardduty/iam-credential-exfiltration.json", json("guardduty/iam-credential-exfiltration.json"), "guardduty"],
  ["okta/event-hook-batch.json", json("okta/event-hook-batch.json"), "okta"],
  ["okta/routine-batch.json", json("okta/routine-batch.json"), "okta"],
  ["datadog/security-signal.json", json("datadog/security-signal.json"), "datadog"],
  ["qradar/offense.json", json("qradar/offense.json"), "qradar"],
  ["qradar/offense-list.json", json("qradar/offense-list.json"), "qradar"],
  ["sigma/zircolite-detections.json", json("sigma/zircolite-detections.json"), "sigma"],
  ["cef/firewall-wrapped.json", json("cef/firewall-wrapped.json"), "cef"],
  ["cef/ids-lines.cef", text("cef/ids-lines.cef"), "cef"],
];

describe("auto-detection of GuardDuty, Okta, Datadog, QRadar, Sigma and CEF payloads", () => {
  it.each(CASES)("%s is detected as %s", (_name, payload, kind) => {
    expect(resolveParser("auto", payload).kind).toBe(kind);
  });

  it("leaves look-alikes to the generic parser", () => {
    expect(resolveParser("auto", { title: "x", message: "no CEF here", source: "aws.ec2" }).kind).toBe("generic");
    expect(resolveParser("auto", { eventType: "com.okta.event_hook", data: {} }).kind).toBe("generic");
    expect(resolveParser("auto", { security_signal_id: "$SECURITY_SIGNAL_ID" }).kind).toBe("generic");
    expect(resolveParser("auto", [{ title: "x", rule_level: "high" }]).kind).toBe("generic");
  });

  it("every fixture of every vendor is claimed by exactly one detector, its own", () => {
    const vendors = readdirSync("test/fixtures/alerts");
    let checked = 0;
    for (const vendor of vendors) {
      for (const file of readdirSync(`test/fixtures/alerts/${vendor}`)) {
        const path = `${vendor}/${file}`;
        const payload = file.endsWith(".json") ? json(path) : text(path);
        const claims = SOURCE_PARSERS.filter((p) => p.detect?.(payload)).map((p) => p.kind);
        expect({ path, claims }).toEqual({ path, claims: [vendor] });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(CASES.length);
  });
});
