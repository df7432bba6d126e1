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

describe("linked identities", () => {
  it("keeps a user's UPN and DOMAIN\\user forms verbatim and links them both ways", () => {
    const obs = new ObservableSet().addUser({ name: "Alice", domain: "CONTOSO", upn: "Alice@Contoso.com" }, "actor").toArray();
    expect(obs).toEqual([
      { type: "user", value: "Alice@Contoso.com", role: "actor", aliases: ["CONTOSO\\Alice"] },
      { type: "user", value: "CONTOSO\\Alice", role: "actor", aliases: ["Alice@Contoso.com"] },
    ]);
  });

  it("splits a DOMAIN\\user name, builds a UPN from a suffix and skips placeholders and built-in accounts", () => {
    expect(new ObservableSet().addUser("CORP\\bob").toArray()).toEqual([{ type: "user", value: "CORP\\bob" }]);
    expect(new ObservableSet().addUser({ name: "carol", upnSuffix: "corp.example" }).toArray()).toEqual([{ type: "user", value: "carol@corp.example" }]);
    for (const name of ["-", "N/A", "SYSTEM", "NT AUTHORITY\\NETWORK SERVICE", ""]) expect(new ObservableSet().addUser(name).toArray()).toEqual([]);
  });

  it("links a host's FQDN and short name, and treats an address given as a host as an ip", () => {
    expect(new ObservableSet().addHost({ name: "ws01", domain: "corp.example.com" }).toArray()).toEqual([
      { type: "host", value: "ws01.corp.example.com", aliases: ["ws01"] },
      { type: "host", value: "ws01", aliases: ["ws01.corp.example.com"] },
    ]);
    expect(new ObservableSet().addHost({ name: "ws01", domain: "CORP" }).toArray()).toEqual([{ type: "host", value: "ws01" }]);
    expect(new ObservableSet().addIpOrHost(["10.0.0.1", "db01"]).toArray()).toEqual([
      { type: "ip", value: "10.0.0.1" },
      { type: "host", value: "db01" },
    ]);
  });
});

describe("observable edge cases", () => {
  it("drops addresses that name no host but keeps private and IPv6 ones", () => {
    for (const ip of ["0.0.0.0", "127.0.0.1", "::1", "fe80::1", "255.255.255.255"]) expect(normalizeObservable("ip", ip)).toBeNull();
    expect(normalizeObservable("ip", "10.1.2.3")).toBe("10.1.2.3");
    expect(normalizeObservable("ip", "[2001:db8::5]")).toBe("2001:db8::5");
    expect(normalizeObservable("ip", "169.254.169.254")).toBe("169.254.169.254");
  });

  it("rejects lone surrogates instead of storing a value Postgres would mangle", () => {
    expect(normalizeObservable("user", "bad\uD800name")).toBeNull();
    expect(normalizeObservable("user", "ok\uD83D\uDE00")).toBe("ok\uD83D\uDE00");
  });

  it("keeps zero-width and right-to-left characters verbatim", () => {
    expect(normalizeObservable("user", "ad\u200Bmin")).toBe("ad\u200Bmin");
    expect(normalizeObservable("host", "srv\u202Egpj.exe")).toBe("srv\u202Egpj.exe");
  });

  it("filters structured console links by host, subdomains included", () => {
    const set = new ObservableSet({ consoleHosts: ["security.microsoft.com"] });
    set.add("url", ["https://security.microsoft.com/alerts/1", "https://eu.security.microsoft.com/x", "https://evil.example/a"]);
    expect(set.toArray()).toEqual([{ type: "url", value: "https://evil.example/a" }]);
  });

  it("does not read IPs or hashes out of an ignored console URL in free text", () => {
    const text = `see http://10.9.9.9:8000/app/search?sid=${"b".repeat(32)} and hxxp://evil[.]example/x from 203.0.113.9`;
    const values = new ObservableSet({ consoleHosts: ["10.9.9.9"] }).addFromText(text).toArray().map((o) => `${o.type}:${o.value}`);
    expect(values).toEqual(["domain:evil.example", "url:http://evil.example/x", "ip:203.0.113.9"]);
  });

  it("types untyped values by shape only", () => {
    const set = new ObservableSet();
    for (const v of ["203.0.113.1", "https://x.example/", "a@b.example", "d41d8cd98f00b204e9800998ecf8427e", "some-host", "42"]) set.addGuess(v);
    expect(set.toArray().map((o) => o.type)).toEqual(["ip", "url", "email", "md5"]);
  });

  it("caps the observables of one alert", () => {
    const set = new ObservableSet({ limit: 3 });
    for (let i = 1; i <= 10; i++) set.add("ip", `10.0.0.${i}`);
    expect(set.toArray()).toHaveLength(3);
  });
});
