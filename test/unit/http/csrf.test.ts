// The CSRF decision table: which state-changing requests pass, which are refused and why.
import { describe, expect, it } from "vitest";
import { checkCrossSite } from "@/server/http/csrf";

const OURS = ["https://vigil.example.org"];

function post(headers: Record<string, string>, method = "POST") {
  return new Request("http://127.0.0.1:3000/api/trpc/cases.assign", { method, headers: { host: "vigil.internal:3000", ...headers } });
}

describe("checkCrossSite", () => {
  it("lets safe methods through whatever their headers say", () => {
    expect(checkCrossSite(post({ "sec-fetch-site": "cross-site", origin: "https://evil.test" }, "GET"), OURS)).toEqual({ ok: true });
  });

  it("trusts Sec-Fetch-Site: same-origin and none, refuses same-site and cross-site", () => {
    expect(checkCrossSite(post({ "sec-fetch-site": "same-origin" }), OURS).ok).toBe(true);
    expect(checkCrossSite(post({ "sec-fetch-site": "none" }), OURS).ok).toBe(true);
    expect(checkCrossSite(post({ "sec-fetch-site": "same-site", origin: "https://vigil.example.org" }), OURS)).toEqual({ ok: false, reason: "Sec-Fetch-Site is same-site" });
    expect(checkCrossSite(post({ "sec-fetch-site": "cross-site" }), OURS).ok).toBe(false);
  });

  it("without Sec-Fetch-Site, accepts an Origin equal to the Host, X-Forwarded-Host or the public URL", () => {
    expect(checkCrossSite(post({ origin: "http://vigil.internal:3000" }), OURS).ok).toBe(true);
    expect(checkCrossSite(post({ origin: "https://vigil.example.org", "x-forwarded-host": "vigil.example.org" }), []).ok).toBe(true);
    expect(checkCrossSite(post({ origin: "https://vigil.example.org" }), OURS).ok).toBe(true);
    expect(checkCrossSite(post({ origin: "https://vigil.example.org:443", host: "vigil.example.org:443" }), []).ok).toBe(true);
  });

  it("refuses a foreign, null or malformed Origin", () => {
    expect(checkCrossSite(post({ origin: "https://evil.test" }), OURS)).toEqual({ ok: false, reason: "Origin https://evil.test is not this site" });
    expect(checkCrossSite(post({ origin: "http://vigil.example.org" }), OURS).ok).toBe(false); // scheme differs from the public URL
    expect(checkCrossSite(post({ origin: "null" }), OURS).ok).toBe(false);
    expect(checkCrossSite(post({ origin: "https://vigil.internal:3000.evil.test" }), OURS).ok).toBe(false);
  });

  it("refuses a signed-in request with neither header, and lets a cookieless one (a script, a SIEM) through", () => {
    expect(checkCrossSite(post({ cookie: "vigil_session=abc" }), OURS)).toEqual({ ok: false, reason: "a signed-in request without Origin or Sec-Fetch-Site" });
    expect(checkCrossSite(post({ cookie: "theme=dark; __Host-vigil_session=abc" }), OURS).ok).toBe(false);
    expect(checkCrossSite(post({ cookie: "theme=dark" }), OURS).ok).toBe(true);
    expect(checkCrossSite(post({}), OURS).ok).toBe(true);
  });
});
