import { describe, expect, it } from "vitest";
import { categoryFromTactic, CATEGORIES, resolveCategory } from "@/server/alerts/categories";

describe("categories", () => {
  it("maps MITRE tactics in every vendor spelling", () => {
    for (const t of ["Credential Access", "CredentialAccess", "credential_access", "TA0006 credential-access"])
      expect(categoryFromTactic(t.replace(/TA\d+ /, ""))).toBe("credential_access");
    expect(categoryFromTactic("CommandAndControl")).toBe("c2");
    expect(categoryFromTactic("Ransomware")).toBe("malware");
  });

  it("prefers keywords in the alert's texts over its tactics", () => {
    expect(resolveCategory({ texts: ["Password spray detected"], tactics: ["Credential Access"] })).toBe("brute_force");
    expect(resolveCategory({ texts: ["Impossible travel activity"], tactics: ["Initial Access"] })).toBe("impossible_travel");
    expect(resolveCategory({ texts: ["Malware Command and Control Activity Detected"] })).toBe("c2");
    expect(resolveCategory({ texts: ["Something odd"], tactics: ["Resource Development", "Exfiltration"] })).toBe("data_exfiltration");
    expect(resolveCategory({ texts: ["Something odd"] })).toBe("other");
  });

  it("only ever answers with the shared vocabulary, even for hostile input", () => {
    for (const t of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(categoryFromTactic(t)).toBeUndefined();
      expect(CATEGORIES).toContain(resolveCategory({ texts: [t], tactics: [t] }));
    }
  });
});
