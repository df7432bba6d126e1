// kind "auto": each of these fixtures must be recognised as its own vendor, and nothing else.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resolveParser } from "@/server/alerts/normalize";

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
});
