// Grouping rules decide which open case a new alert joins. Pure: a rule list and an alert in, a
// group key out. Rules are tried by ascending priority; the first that applies wins. The default
// (seeded by a migration, editable): same source, same detection rule, same principal observable,
// within 1 h. An alert no rule applies to opens a case of its own.
import { createHash } from "node:crypto";
import { z } from "zod";
import { OBSERVABLE_TYPES } from "../db/schema/enums";
import type { NormalizedAlert, Observable } from "../alerts/types";

/** Which observable an alert is "about" when a rule does not say: first user, else host, else ip, ... */
export const PRINCIPAL_ORDER = ["user", "host", "ip", "email", "domain", "url", "sha256", "sha1", "md5"] as const;

export const groupingRuleConfig = z
  .object({
    /** Source slugs the rule applies to; empty: every source. (Default: []) */
    sources: z.array(z.string().min(1).max(64)).max(100).default([]),
    /** Only alerts of the same source share a case. (Default: true) */
    sameSource: z.boolean().default(true),
    /** Only alerts of the same detection rule (category, else title) share a case. (Default: true) */
    sameRule: z.boolean().default(true),
    /** Observable types that can be the principal, in order of preference. (Default: user, host, ip, ...) */
    observableTypes: z.array(z.enum(OBSERVABLE_TYPES)).min(1).max(OBSERVABLE_TYPES.length).default([...PRINCIPAL_ORDER]),
    /** Whether an alert without any of those observables is left to the next rule. (Default: true) */
    requireObservable: z.boolean().default(true),
    /** How long after a case's last alert a new one may still join it, in minutes. (Default: 60) */
    windowMinutes: z.number().int().min(1).max(60 * 24 * 30).default(60),
  })
  .strict();
export type GroupingRuleConfig = z.infer<typeof groupingRuleConfig>;

export interface GroupingRule {
  id: string;
  name: string;
  priority: number;
  config: GroupingRuleConfig;
}

export const DEFAULT_GROUPING_RULE: GroupingRuleConfig = groupingRuleConfig.parse({});

export interface GroupingSubject {
  sourceId: string;
  sourceSlug: string;
  alert: Pick<NormalizedAlert, "title" | "category" | "observables">;
}

export interface GroupDecision {
  ruleId: string;
  groupKey: string;
  windowMinutes: number;
  principal: Observable | undefined;
}

/** The first observable of the preferred types, in the order of preference. */
export function principalObservable(observables: readonly Observable[], types: readonly string[] = PRINCIPAL_ORDER): Observable | undefined {
  for (const type of types) {
    const found = observables.find((o) => o.type === type);
    if (found) return found;
  }
  return undefined;
}

/** The group key of an alert under one rule, or undefined when the rule does not apply. */
export function groupKeyUnder(rule: GroupingRule, subject: GroupingSubject): GroupDecision | undefined {
  const { config } = rule;
  if (config.sources.length > 0 && !config.sources.includes(subject.sourceSlug)) return undefined;
  const principal = principalObservable(subject.alert.observables, config.observableTypes);
  if (!principal && config.requireObservable) return undefined;
  const parts = [
    rule.id,
    config.sameSource ? subject.sourceId : "*",
    config.sameRule ? (subject.alert.category || subject.alert.title).toLowerCase() : "*",
    principal ? `${principal.type}:${principal.value.toLowerCase()}` : "",
  ];
  const groupKey = createHash("sha256").update(parts.join("\u0001")).digest("hex").slice(0, 32);
  return { ruleId: rule.id, groupKey, windowMinutes: config.windowMinutes, principal };
}

/** The decision of the first applicable rule (rules sorted by priority), or undefined. */
export function decideGroup(rules: readonly GroupingRule[], subject: GroupingSubject): GroupDecision | undefined {
  const sorted = [...rules].sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  for (const rule of sorted) {
    const decision = groupKeyUnder(rule, subject);
    if (decision) return decision;
  }
  return undefined;
}
