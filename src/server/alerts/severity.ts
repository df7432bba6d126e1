// Maps the many ways vendors say "how bad" (words, 0-10, 0-100, 1-5, 0-15 levels, inverted
// priorities) onto our four levels.
import type { Severity } from "../db/schema/enums";

const WORDS = new Map<string, Severity>(Object.entries({
  informational: "low", information: "low", info: "low", low: "low", minor: "low", unknown: "low", notice: "low",
  medium: "medium", moderate: "medium", warning: "medium", warn: "medium",
  high: "high", major: "high", important: "high", error: "high", urgent: "high",
  critical: "critical", severe: "critical", emergency: "critical", fatal: "critical",
} satisfies Record<string, Severity>));

/** A word ("High") or a number on a 0..`scale` range, to a Severity; undefined when unknown. */
export function toSeverity(value: unknown, scale = 10): Severity | undefined {
  if (typeof value === "string") {
    // A Map, so "constructor" or "__proto__" from a payload cannot resolve to Object's members.
    const word = WORDS.get(value.trim().toLowerCase());
    if (word) return word;
    const n = Number(value);
    if (value.trim() !== "" && Number.isFinite(n)) return toSeverity(n, scale);
    return undefined;
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    const r = value / scale;
    if (r >= 0.9) return "critical";
    if (r >= 0.7) return "high";
    if (r >= 0.4) return "medium";
    return "low";
  }
  return undefined;
}

/** Lowest value that counts as each level; anything below `medium` is low. */
export interface SeverityBands {
  critical: number;
  high: number;
  medium: number;
}

/** A number placed by explicit thresholds, for vendors whose scale is not linear (e.g. Wazuh 0-15). */
export function severityFromBands(value: number, bands: SeverityBands): Severity {
  if (value >= bands.critical) return "critical";
  if (value >= bands.high) return "high";
  if (value >= bands.medium) return "medium";
  return "low";
}

/** 1-5 scales (1 = informational, 5 = critical), as CrowdStrike and others use. */
export const ONE_TO_FIVE: SeverityBands = { critical: 5, high: 4, medium: 3 };

/** 0-100 risk scores (Elastic, Chronicle): 99 critical, 73 high, 47 medium, 21 low. */
export const RISK_SCORE: SeverityBands = { critical: 90, high: 70, medium: 40 };

const ORDER: readonly Severity[] = ["low", "medium", "high", "critical"];

/** The worse of several severities (an incident is as bad as its worst alert). */
export function maxSeverity(values: readonly (Severity | undefined)[]): Severity | undefined {
  let best = -1;
  for (const v of values) if (v) best = Math.max(best, ORDER.indexOf(v));
  return best < 0 ? undefined : ORDER[best];
}
