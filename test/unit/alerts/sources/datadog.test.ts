// Datadog security signals via the Webhooks integration, with Vigil's payload template (keys are the
// documented variable names in lower case; see src/server/alerts/sources/datadog.ts).
// https://docs.datadoghq.com/integrations/webhooks/ ($SECURITY_SIGNAL_*, $SECURITY_RULE_*, $DATE)
// https://docs.datadoghq.com/security/notifications/variables/ (signal attributes, severity)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { datadogParser } from "@/server/alerts/sources/datadog";
import { ParseError } from "@/server/alerts/types";

const fixture = () => JSON.parse(readFileSync("test/fixtures/alerts/datadog/security-signal.json", "utf8"));
const receivedAt = new Date("2024-05-21T08:40:00Z");

describe("Datadog security signal parser", () => {
  it("reads the signal and its attributes, skipping links back to Datadog", () => {
    const [alert] = datadogParser.parse(fixture(), { receivedAt });
    expect(alert).toMatchObject({
      title: "Credential stuffing attack on Okta",
      severity: "high",
      category: "brute_force", // technique:T1110 tag
      externalId: "AAAAAY-mZtQ8vEu7sAAAABhBWS1tWnRROHZFdTdzQUFBQUFBQUFBQUFBQUFBQUFBQUFB",
      vendor: "datadog",
    });
    expect(alert!.occurredAt.toISOString()).toBe("2024-05-21T08:34:03.000Z");
    expect(alert!.observables).toEqual([
      { type: "ip", value: "203.0.113.9", role: "src" },
      { type: "user", value: "alice@example.com", role: "actor" },
      { type: "user", value: "bob@example.com", role: "actor" },
    ]);
  });

  it("accepts the JSON variables sent quoted, as JSON text", () => {
    const payload = fixture();
    payload.security_signal_attributes = JSON.stringify({ network: { client: { ip: "192.0.2.55" } } });
    payload.security_rule_group_by_fields = '{"@usr.name":"CORP\\\\dave"}';
    const [alert] = datadogParser.parse(payload, { receivedAt });
    expect(alert!.observables).toEqual([
      { type: "user", value: "CORP\\dave", role: "actor" },
      { type: "ip", value: "192.0.2.55", role: "src" },
      { type: "ip", value: "203.0.113.9" }, // from the message text
    ]);
  });

  it("names the field that is missing or wrong", () => {
    const unfilled = { ...fixture(), security_signal_id: "$SECURITY_SIGNAL_ID" };
    expect(() => datadogParser.parse(unfilled, { receivedAt })).toThrow(ParseError);
    expect(() => datadogParser.parse(unfilled, { receivedAt })).toThrow(/^security_signal_id: missing/);
    expect(() => datadogParser.parse({ ...fixture(), security_signal_severity: "urgent" }, { receivedAt })).toThrow(
      /^security_signal_severity: "urgent" is not info\/low\/medium\/high\/critical/,
    );
    expect(() => datadogParser.parse({ ...fixture(), date: "yesterday" }, { receivedAt })).toThrow(/^date: "yesterday" is not a time/);
    expect(() => datadogParser.parse({ ...fixture(), security_signal_attributes: "{oops" }, { receivedAt })).toThrow(/^security_signal_attributes: not JSON/);
  });
});
