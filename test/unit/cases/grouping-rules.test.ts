import { describe, expect, it } from "vitest";
import { decideGroup, DEFAULT_GROUPING_RULE, groupingRuleConfig, principalObservable, type GroupingRule } from "@/server/cases/grouping-rules";

const rule = (id: string, priority: number, config: Partial<GroupingRule["config"]> = {}): GroupingRule => ({ id, name: id, priority, config: { ...DEFAULT_GROUPING_RULE, ...config } });
const subject = (overrides: { sourceId?: string; sourceSlug?: string; title?: string; category?: string | null; observables?: { type: "user" | "host" | "ip"; value: string }[] } = {}) => ({
  sourceId: overrides.sourceId ?? "src-1",
  sourceSlug: overrides.sourceSlug ?? "siem",
  alert: { title: overrides.title ?? "Brute force", category: overrides.category ?? "brute_force", observables: overrides.observables ?? [{ type: "ip" as const, value: "1.2.3.4" }, { type: "user" as const, value: "Alice" }] },
});

describe("grouping rules", () => {
  it("defaults to same source, same rule, principal observable, 60 minutes", () => {
    expect(DEFAULT_GROUPING_RULE).toEqual({ sources: [], sameSource: true, sameRule: true, observableTypes: ["user", "host", "ip", "email", "domain", "url", "sha256", "sha1", "md5"], requireObservable: true, windowMinutes: 60 });
  });

  it("prefers a user over an ip as the principal, in the rule's order", () => {
    expect(principalObservable(subject().alert.observables)).toEqual({ type: "user", value: "Alice" });
    expect(principalObservable(subject().alert.observables, ["ip", "user"])).toEqual({ type: "ip", value: "1.2.3.4" });
  });

  it("gives the same key to the same incident and different keys otherwise", () => {
    const rules = [rule("r1", 100)];
    const key = (s: ReturnType<typeof subject>) => decideGroup(rules, s)?.groupKey;
    expect(key(subject())).toBe(key(subject({ observables: [{ type: "user", value: "alice" }] }))); // case-insensitive value
    expect(key(subject())).not.toBe(key(subject({ sourceId: "src-2" })));
    expect(key(subject())).not.toBe(key(subject({ category: "malware" })));
    expect(key(subject())).not.toBe(key(subject({ observables: [{ type: "user", value: "bob" }] })));
    expect(decideGroup(rules, subject({ observables: [] }))).toBeUndefined();
  });

  it("tries rules by priority and skips those that do not apply", () => {
    const rules = [rule("broad", 100), rule("vpn-only", 10, { sources: ["vpn"], sameRule: false, windowMinutes: 240 }), rule("hosts", 50, { observableTypes: ["host"] })];
    expect(decideGroup(rules, subject({ sourceSlug: "vpn" }))).toMatchObject({ ruleId: "vpn-only", windowMinutes: 240 });
    expect(decideGroup(rules, subject())).toMatchObject({ ruleId: "broad" });
    expect(decideGroup(rules, subject({ observables: [{ type: "host", value: "ws-1" }] }))).toMatchObject({ ruleId: "hosts" });
    const vpn = (title: string) => decideGroup(rules, subject({ sourceSlug: "vpn", title, category: null }))!.groupKey;
    expect(vpn("A")).toBe(vpn("B"));
  });

  it("can group alerts without observables when a rule allows it", () => {
    const rules = [rule("no-obs", 1, { requireObservable: false })];
    expect(decideGroup(rules, subject({ observables: [] }))).toMatchObject({ ruleId: "no-obs", principal: undefined });
  });

  it("validates configs with field names", () => {
    const result = groupingRuleConfig.safeParse({ windowMinutes: 0, observableTypes: ["ipv4"], extra: 1 });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join(".") || i.code)).toEqual(expect.arrayContaining(["windowMinutes", "observableTypes.0"]));
  });
});
