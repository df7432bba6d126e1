// The CEF line parser on its own: header/extension escaping and time formats of the ArcSight CEF standard.
// https://www.microfocus.com/documentation/arcsight/arcsight-smartconnectors-8.3/cef-implementation-standard/
import { describe, expect, it } from "vitest";
import { parseCefExtension, parseCefLine, parseCefTime } from "@/server/alerts/cef";

const reference = new Date("2024-01-10T00:00:00Z");

describe("CEF line parser", () => {
  it("splits the header on unescaped pipes only", () => {
    const rec = parseCefLine("CEF:0|Acme \\| Co|Gate\\\\Keeper|2.1|sig-7|Name with = sign|6|src=10.0.0.1");
    expect(rec).toMatchObject({ version: 0, deviceVendor: "Acme | Co", deviceProduct: "Gate\\Keeper", deviceVersion: "2.1", signatureId: "sig-7", name: "Name with = sign", severity: "6" });
    expect({ ...rec.extensions }).toEqual({ src: "10.0.0.1" });
  });

  it("reads values with spaces, escaped = and \\, newlines, and keeps hostile keys plain", () => {
    const ext = parseCefExtension("msg=two words here act=a\\=b filePath=C:\\\\x y\\ny __proto__=p cs1Label=Rule Name cs1=r=1");
    expect(Object.entries(ext)).toEqual([
      ["msg", "two words here"],
      ["act", "a=b"],
      ["filePath", "C:\\x y\ny"],
      ["__proto__", "p"],
      ["cs1Label", "Rule Name"],
      ["cs1", "r=1"],
    ]);
    expect(Object.getPrototypeOf(ext)).toBeNull();
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });

  it("reads the documented time formats as UTC unless a zone is given", () => {
    const t = (v: string) => parseCefTime(v, "rt", reference).toISOString();
    expect(t("1726734370000")).toBe("2024-09-19T08:26:10.000Z");
    expect(t("Sep 19 2024 08:26:10")).toBe("2024-09-19T08:26:10.000Z");
    expect(t("Sep 19 2024 08:26:10.120 GMT")).toBe("2024-09-19T08:26:10.120Z");
    expect(t("Sep 19 2024 08:26:10 -0500")).toBe("2024-09-19T13:26:10.000Z");
    expect(t("Jan  9 23:00:00")).toBe("2024-01-09T23:00:00.000Z");
    expect(t("Dec 31 23:00:00")).toBe("2023-12-31T23:00:00.000Z"); // no year, seen in January: last year
    expect(t("2024-09-19T08:26:10+02:00")).toBe("2024-09-19T06:26:10.000Z");
    expect(() => parseCefTime("soon", "end", reference)).toThrow(/^CEF end: "soon" is not a time/);
  });
});
