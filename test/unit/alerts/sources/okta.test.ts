// Okta event hooks: a batch of System Log events in data.events[]; one alert per relevant event.
// https://developer.okta.com/docs/concepts/event-hooks/ (sample event delivery payload)
// https://developer.okta.com/docs/reference/api/system-log/ (LogEvent: outcome, client, debugContext, target)
// https://developer.okta.com/docs/reference/api/event-types/ (event types)
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IrrelevantPayloadError } from "@/server/alerts/irrelevant";
import { classifyOktaEvent } from "@/server/alerts/okta-events";
import { oktaParser } from "@/server/alerts/sources/okta";
import { ParseError } from "@/server/alerts/types";

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/alerts/okta/${name}`, "utf8"));
const receivedAt = new Date("2024-03-27T17:00:00Z");

describe("Okta event hook parser", () => {
  it("makes one alert per relevant event and skips routine ones", () => {
    const alerts = oktaParser.parse(fixture("event-hook-batch.json"), { receivedAt });
    // 5 events: failed sign-in, routine sign-in, MFA factor removal, group membership, impossible travel
    expect(alerts.map((a) => a.externalId)).toEqual([
      "f790999f-fe87-467a-9880-6982a583986c",
      "6c5775f9-f9a3-11ed-8d5b-c305421bade6",
      "9b7e1f20-ec11-11ee-8c90-0242ac120002",
    ]);
    const [failed, mfa, travel] = alerts;

    expect(failed).toMatchObject({ title: "Failed Okta sign-in", severity: "low", category: "suspicious_login", vendor: "okta" });
    expect(failed!.occurredAt.toISOString()).toBe("2024-03-27T16:58:07.777Z");
    expect(failed!.observables).toEqual([
      { type: "ip", value: "198.51.100.23", role: "src" },
      { type: "user", value: "alice@example.com", role: "actor" },
    ]);
    expect(failed!.description).toContain("Outcome: FAILURE - INVALID_CREDENTIALS");

    expect(mfa).toMatchObject({ title: "Okta MFA factor removed", severity: "medium", category: "defense_evasion" });
    expect(mfa!.occurredAt.toISOString()).toBe("2024-03-27T16:59:01.101Z");
    expect(mfa!.observables).toEqual([
      { type: "ip", value: "192.0.2.200", role: "src" },
      { type: "user", value: "it-admin@example.com", role: "actor" },
      { type: "user", value: "alice@example.com", role: "target" },
    ]);

    expect(travel).toMatchObject({ title: "Okta sign-in with impossible travel", severity: "high", category: "impossible_travel" });
    expect(travel!.occurredAt.toISOString()).toBe("2024-03-27T16:59:40.000Z");
    expect(travel!.observables).toEqual([
      { type: "ip", value: "2001:db8::7", role: "src" },
      { type: "user", value: "carol@example.com", role: "actor" },
    ]);
  });

  it("reports a batch with no relevant event clearly, listing what it skipped", () => {
    const parse = () => oktaParser.parse(fixture("routine-batch.json"), { receivedAt });
    expect(parse).toThrow(IrrelevantPayloadError);
    expect(parse).toThrow(/none of the 2 event\(s\) is security-relevant \(group\.user_membership\.add, user\.session\.start\)/);
    try {
      parse();
    } catch (e) {
      expect((e as IrrelevantPayloadError).ignored).toEqual(["group.user_membership.add", "user.session.start"]);
    }
  });

  it("defines relevance: risky or failed sign-ins, lockouts, MFA and admin changes; not routine events", () => {
    const ev = (eventType: string, extra: Record<string, unknown> = {}) => ({ eventType, outcome: { result: "SUCCESS" }, ...extra });
    const signal = (e: unknown) => classifyOktaEvent(e)?.category ?? "irrelevant";
    expect(signal(ev("user.session.start"))).toBe("irrelevant");
    expect(signal(ev("user.session.start", { debugContext: { debugData: { risk: "{level=LOW}" } } }))).toBe("irrelevant");
    expect(signal(ev("user.lifecycle.create"))).toBe("irrelevant");
    expect(signal(ev("user.account.update_profile"))).toBe("irrelevant");
    expect(signal(ev("user.session.start", { outcome: { result: "FAILURE" } }))).toBe("suspicious_login");
    expect(signal(ev("user.session.start", { debugContext: { debugData: { risk: "{reasons=Anomalous Device, level=HIGH}" } } }))).toBe("suspicious_login");
    expect(signal(ev("user.session.start", { securityContext: { isProxy: true } }))).toBe("suspicious_login");
    expect(signal(ev("user.session.start", { debugContext: { debugData: { threatSuspected: "true" } } }))).toBe("brute_force");
    expect(signal(ev("user.account.lock"))).toBe("brute_force");
    expect(signal(ev("security.threat.detected"))).toBe("brute_force");
    expect(signal(ev("user.mfa.okta_verify.deny_push"))).toBe("suspicious_login");
    expect(signal(ev("user.mfa.factor.reset_all"))).toBe("defense_evasion");
    expect(signal(ev("user.mfa.factor.activate"))).toBe("persistence");
    expect(signal(ev("user.account.privilege.grant"))).toBe("privilege_escalation");
    expect(signal(ev("policy.rule.deactivate"))).toBe("defense_evasion");
  });

  it("names the field that is missing or wrong", () => {
    expect(() => oktaParser.parse({ eventType: "com.okta.event_hook", data: {} }, { receivedAt })).toThrow(ParseError);
    expect(() => oktaParser.parse({ eventType: "com.okta.event_hook", data: {} }, { receivedAt })).toThrow(/^data\.events: missing/);
    const batch = fixture("event-hook-batch.json");
    delete batch.data.events[0].published;
    expect(() => oktaParser.parse(batch, { receivedAt })).toThrow(/^data\.events\[0\]\.published: missing/);
    const noType = fixture("event-hook-batch.json");
    delete noType.data.events[2].eventType;
    expect(() => oktaParser.parse(noType, { receivedAt })).toThrow(/^data\.events\[2\]\.eventType: missing/);
  });
});
