// Maps the many ways vendors say "how bad" (words, 0-10, 0-100, 1-5) onto our four levels.
import type { Severity } from "../db/schema/enums";

const WORDS: Record<string, Severity> = {
  informational: "low", info: "low", low: "low", minor: "low", unknown: "low",
  medium: "medium", moderate: "medium", warning: "medium", warn: "medium",
  high: "high", major: "high", important: "high", error: "high",
  critical: "critical", severe: "critical", emergency: "critical", fatal: "critical",
};

/** A word ("High") or a number on a 0..`scale` range, to a Severity; undefined when unknown. */
export function toSeverity(value: unknown, scale = 10): Severity | undefined {
  if (typeof value === "string") {
    const word = WORDS[value.trim().toLowerCase()];
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
