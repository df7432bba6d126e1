// Hostile and mangled payloads against the GuardDuty, Okta, Datadog, QRadar, Sigma and CEF parsers:
// each must either produce valid alerts or throw a ParseError (a 4xx), never crash with a TypeError
// (a 5xx), and never let "__proto__" keys reach Object.prototype.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeAlerts } from "@/server/alerts/normalize";
import { ParseError } from "@/server/alerts/types";

const FIXTURES: [string, string][] = [
  ["guardduty", "guardduty/ssh-brute-force.json"],
  ["okta", "okta/event-hook-batch.json"],
  ["datadog", "datadog/security-signal.json"],
  ["qradar", "qradar/offense.json"],
  ["sigma", "sigma/zircolite-detections.json"],
  ["cef", "cef/firewall-wrapped.json"],
];

/** Rewrites every leaf (and optionally every object) of a JSON value. */
function mangle(value: unknown, leaf: (v: unknown) => unknown, object?: (v: object) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mangle(v, leaf, object));
  if (value !== null && typeof value === "object") {
    if (object) return object(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mangle(v, leaf, object)]));
  }
  return leaf(value);
}

/** Puts "__proto__" and "constructor" keys first in every object, as JSON.parse would read them off the wire. */
const withHostileKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(withHostileKeys)
    : v && typeof v === "object"
      ? JSON.parse(`{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(v).slice(1)}`)
      : v;

const MANGLERS: [string, (v: unknown) => unknown][] = [
  ["NUL, lone surrogate and RTL override in every string", (v) => mangle(v, (x) => (typeof x === "string" ? `\u0000${x}\ud800\u202e` : x))],
  ["1e400 for every number", (v) => mangle(v, (x) => (typeof x === "number" ? JSON.parse("1e400") : x))],
  ["null for every leaf", (v) => mangle(v, () => null)],
  ["strings for every leaf", (v) => mangle(v, () => "x")],
  ["nested objects replaced by arrays", (v) => (v && typeof v === "object" && !Array.isArray(v) ? mangle(v, (x) => x, () => []) : v)],
  ["__proto__ and constructor keys", withHostileKeys],
];

function outcome(kind: string, payload: unknown): "alerts" | "ParseError" {
  try {
    const alerts = normalizeAlerts(kind, payload, { receivedAt: new Date("2024-06-01T00:00:00Z") });
    expect(alerts.length).toBeGreaterThan(0);
    return "alerts";
  } catch (e) {
    if (e instanceof ParseError) return "ParseError";
    throw e;
  }
}

describe("vendor parsers under hostile input", () => {
  it.each(FIXTURES)("%s: mangled payloads give alerts or a ParseError, nothing else", (kind, file) => {
    const original = JSON.parse(readFileSync(`test/fixtures/alerts/${file}`, "utf8"));
    for (const [, mangler] of MANGLERS) {
      expect(["alerts", "ParseError"]).toContain(outcome(kind, mangler(original)));
    }
    for (const junk of [null, 42, "", "CEF:", [], [null], {}, true]) expect(outcome(kind, junk)).toBe("ParseError");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
