import { describe, expect, it } from "vitest";
import { asDate, cleanText, readDotted, readPath } from "@/server/alerts/paths";

describe("paths", () => {
  it("reads flattened, nested and mixed dotted keys", () => {
    const doc = { "kibana.alert.rule.name": "flat", kibana: { alert: { uuid: "nested", "rule.threat": [{ tactic: { name: "Execution" } }] } } };
    expect(readDotted(doc, "kibana.alert.rule.name")).toBe("flat");
    expect(readDotted(doc, "kibana.alert.uuid")).toBe("nested");
    expect(readDotted(doc, "kibana.alert.rule.threat.0.tactic.name")).toBe("Execution");
    expect(readDotted(doc, "kibana.alert.missing")).toBeUndefined();
  });

  it("never walks into the prototype", () => {
    const payload = JSON.parse('{"__proto__": {"x": 1}, "a": {}}');
    expect(readPath(payload, "__proto__.x")).toBe(1); // an own key named __proto__, read as data
    expect(readPath({}, "constructor")).toBeUndefined();
    expect(readDotted({ a: {} }, "a.constructor.name")).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("parses the time formats vendors send, in UTC", () => {
    expect(asDate("2025-11-23T09:31:07.412+0100")?.toISOString()).toBe("2025-11-23T08:31:07.412Z");
    expect(asDate("2025-11-23 12:58:10")?.toISOString()).toBe("2025-11-23T12:58:10.000Z");
    expect(asDate("1763885880")?.toISOString()).toBe("2025-11-23T08:18:00.000Z");
    expect(asDate(1763885880000)?.toISOString()).toBe("2025-11-23T08:18:00.000Z");
    expect(asDate("2025-11-23T07:41:12.5Z")?.toISOString()).toBe("2025-11-23T07:41:12.500Z");
    for (const bad of [0, "", "soon", Number.POSITIVE_INFINITY, "1e400", Number.NaN, {}]) expect(asDate(bad)).toBeUndefined();
  });

  it("makes text storable without folding look-alikes", () => {
    expect(cleanText("a\u0000b\uD800c")).toBe("a\uFFFDb\uFFFDc");
    expect(cleanText("раypal \u200B\u202E")).toBe("раypal \u200B\u202E");
  });
});
