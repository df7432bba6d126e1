// Amazon GuardDuty findings via EventBridge. Fixtures follow the documented event and finding format:
// https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html (event envelope)
// https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-format.html (finding fields)
// https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html (severity bands)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { guardDutyParser } from "@/server/alerts/sources/guardduty";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/guardduty/${name}`, "utf8"));
const receivedAt = new Date("2024-06-03T09:00:00Z");

describe("GuardDuty parser", () => {
  it("reads an EventBridge finding: activity time, GuardDuty severity band, who attacked what", () => {
    const [alert] = guardDutyParser.parse(fixture("ssh-brute-force.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "198.51.100.23 is performing SSH brute force attacks against i-0a1b2c3d4e5f67890.",
      severity: "low",
      category: "brute_force",
      externalId: "16afba5c5c43e07c9e3e5e2e544e95df",
      vendor: "guardduty",
    });
    // eventFirstSeen, not the EventBridge delivery time (15:02:12Z) nor createdAt
    expect(alert!.occurredAt.toISOString()).toBe("2024-05-11T14:56:39.976Z");
    expect(alert!.observables).toEqual([
      { type: "ip", value: "198.51.100.23", role: "src" },
      { type: "ip", value: "10.0.0.12", role: "target" },
      { type: "ip", value: "192.0.2.44", role: "target" },
      // FQDN and short name, linked to each other
      { type: "host", value: "ip-10-0-0-12.ec2.internal", role: "target", aliases: ["ip-10-0-0-12"] },
      { type: "host", value: "ip-10-0-0-12", role: "target", aliases: ["ip-10-0-0-12.ec2.internal"] },
    ]);
    expect(alert!.description).toContain("Finding type: UnauthorizedAccess:EC2/SSHBruteForce");
  });

  it("reads a bare finding with an API call from outside AWS", () => {
    const [alert] = guardDutyParser.parse(fixture("iam-credential-exfiltration.json"), { receivedAt });
    expect(alert).toMatchObject({
      title: "Credentials for instance role ci-deploy-role used from external IP address.",
      severity: "high",
      category: "suspicious_login",
      externalId: "5ec4f1e2a9b83c2d7e6f5a4b3c2d1e0f",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2024-06-03T08:15:00.000Z");
    expect(alert!.observables).toEqual([
      { type: "ip", value: "203.0.113.77", role: "src" },
      { type: "user", value: "ci-deploy-role", role: "target" },
    ]);
  });

  it("maps the documented severity bands, 9 and above being critical", () => {
    const event = fixture("ssh-brute-force.json");
    const at = (severity: number) => {
      event.detail.severity = severity;
      return guardDutyParser.parse(event, { receivedAt })[0]!.severity;
    };
    expect([at(1), at(3.9), at(4), at(6.9), at(7), at(8.9), at(9), at(10)]).toEqual(
      ["low", "low", "medium", "medium", "high", "high", "critical", "critical"],
    );
  });

  it("names the field that is missing or wrong", () => {
    const noId = fixture("ssh-brute-force.json");
    delete noId.detail.id;
    expect(() => guardDutyParser.parse(noId, { receivedAt })).toThrow(ParseError);
    expect(() => guardDutyParser.parse(noId, { receivedAt })).toThrow(/^detail\.id: missing/);

    const badSeverity = fixture("ssh-brute-force.json");
    badSeverity.detail.severity = "HIGH";
    expect(() => guardDutyParser.parse(badSeverity, { receivedAt })).toThrow(/detail\.severity: "HIGH" is not a number from 0 to 10/);

    const noTime = fixture("ssh-brute-force.json");
    delete noTime.detail.service.eventFirstSeen;
    delete noTime.detail.createdAt;
    expect(() => guardDutyParser.parse(noTime, { receivedAt })).toThrow(/detail\.service\.eventFirstSeen: missing/);

    const otherEvent = { ...fixture("ssh-brute-force.json"), "detail-type": "GuardDuty Runtime Protection Healthy" };
    expect(() => guardDutyParser.parse(otherEvent, { receivedAt })).toThrow(/detail-type: "GuardDuty Runtime Protection Healthy" is not "GuardDuty Finding"/);
  });
});
