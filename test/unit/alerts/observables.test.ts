import { describe, expect, it } from "vitest";
import { normalizeObservable, ObservableSet, refang } from "@/server/alerts/observables";

describe("observables", () => {
  it("validates IPs and refuses look-alikes", () => {
    expect(normalizeObservable("ip", "203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeObservable("ip", "2001:DB8::1")).toBe("2001:db8::1");
    expect(normalizeObservable("ip", "203.0.113[.]7")).toBe("203.0.113.7");
    expect(normalizeObservable("ip", "999.1.1.1")).toBeNull();
    expect(normalizeObservable("ip", "not-an-ip")).toBeNull();
  });

  it("refangs defanged URLs and domains", () => {
    expect(refang("hxxps://evil[.]example/x")).toBe("https://evil.example/x");
    expect(normalizeObservable("domain", "Evil[.]Example")).toBe("evil.example");
  });

  it("keeps homoglyphs verbatim and rejects NUL", () => {
    expect(normalizeObservable("user", "аdmin")).toBe("аdmin"); // Cyrillic а stays Cyrillic
    expect(normalizeObservable("user", "a\u0000b")).toBeNull();
  });

  it("extracts from free text but skips console links", () => {
    const set = new ObservableSet().addFromText(
      "Beacon to hxxp://c2[.]bad/x from 10.0.0.5, see https://console.vendor.example/alert/1; hash " + "a".repeat(64),
      ["vendor.example"],
    );
    const values = set.toArray().map((o) => `${o.type}:${o.value}`);
    expect(values).toContain("url:http://c2.bad/x");
    expect(values).toContain("ip:10.0.0.5");
    expect(values).toContain(`sha256:${"a".repeat(64)}`);
    expect(values.some((v) => v.includes("console.vendor.example"))).toBe(false);
  });

  it("dedups repeated values", () => {
    const set = new ObservableSet().add("ip", "1.2.3.4").add("ip", ["1.2.3.4", "1.2.3.5"]);
    expect(set.toArray()).toHaveLength(2);
  });
});
