// Vendor parsers on hostile values: every text field of every fixture (but the few that name the
// format) gets NUL, a lone surrogate,
// a zero-width space and an RTL override appended, and every object gets own "__proto__" and
// "constructor" keys. Parsing must still succeed, store nothing Postgres rejects, keep look-alike
// characters verbatim, and pollute nothing.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeAlerts } from "@/server/alerts/normalize";
import { asDate } from "@/server/alerts/paths";

const VENDORS = ["splunk", "elastic", "sentinel", "defender", "chronicle", "wazuh", "suricata", "crowdstrike"];
const SUFFIX = "\u0000\uD800\u200B\u202E";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Fields that say which vendor format a payload is; poisoning them is a different (4xx) case. */
const DISCRIMINATORS = new Set(["objectSchemaType", "type", "kind", "@odata.type", "event_type", "eventType"]);

function poison(value: unknown, key = ""): unknown {
  if (typeof value === "string") return asDate(value) || DISCRIMINATORS.has(key) ? value : value + SUFFIX;
  if (Array.isArray(value)) return value.map((v) => poison(v));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = poison(v, k);
  // Own keys, exactly as JSON.parse creates them from a payload.
  Object.defineProperty(out, "__proto__", { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(out, "constructor", { value: { prototype: { polluted: true } }, enumerable: true, writable: true, configurable: true });
  return out;
}

const cases = VENDORS.flatMap((vendor) =>
  readdirSync(`test/fixtures/alerts/${vendor}`).map((file) => [`${vendor}/${file}`, vendor, file] as const),
);

describe("vendor parsers on hostile values", () => {
  it.each(cases)("%s", (_name, vendor, file) => {
    const payload = poison(JSON.parse(readFileSync(`test/fixtures/alerts/${vendor}/${file}`, "utf8")));
    const alerts = normalizeAlerts(vendor, payload, { receivedAt: new Date("2025-11-23T16:00:00Z") });
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      for (const text of [alert.title, alert.description ?? "", alert.category ?? "", alert.externalId ?? ""]) {
        expect(text).not.toContain("\u0000");
        expect(LONE_SURROGATE.test(text)).toBe(false);
      }
      expect(alert.title).toContain("\u200B\u202E"); // kept verbatim, not "cleaned"
      for (const o of alert.observables) {
        expect(o.value).not.toContain("\u0000");
        expect(LONE_SURROGATE.test(o.value)).toBe(false);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("parse errors on hostile values", () => {
  it("quote the offending value so the message itself is storable", () => {
    const attempts: [string, unknown][] = [
      ["suricata", { event_type: "alert\u0000", alert: {} }],
      ["crowdstrike", { metadata: { eventType: "x\uD800" }, event: {} }],
      ["wazuh", { timestamp: "\u0000", rule: { level: 3, description: "d" }, agent: {} }],
      ["splunk", { sid: "s", result: { _time: "\uDC00bad" } }],
    ];
    for (const [kind, payload] of attempts) {
      let message = "";
      try {
        normalizeAlerts(kind, payload, { receivedAt: new Date() });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe("");
      expect(message).not.toContain("\u0000");
      expect(LONE_SURROGATE.test(message)).toBe(false);
    }
  });
});
