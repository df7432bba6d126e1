// CSRF guard and security headers over real HTTP against `next start` (the production server):
// cross-site mutations are refused before they change anything, same-origin ones work, API and
// page responses carry the headers, and HSTS appears only behind https.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "@/server/db/schema";
import { startAppServer, type AppServer } from "../helpers/app-server";

let app: AppServer;
let adminCookie: string;

beforeAll(async () => {
  app = await startAppServer({ label: "webdef", worker: false });
  const res = await trpcPost("auth.login", { email: app.admin.email, password: app.admin.password }, { origin: app.url });
  expect(res.status).toBe(200);
  adminCookie = res.headers.get("set-cookie")!.split(";")[0]!;
}, 300_000);
afterAll(() => app?.stop());

function trpcPost(path: string, input: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.url}/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ json: input }) });
}

const newUser = (email: string) => ({ email, name: "Mallory's pick", role: "admin", password: "a long enough password" });
const userCount = async (email: string) => (await app.database.db.select({ n: count() }).from(users).where(eq(users.email, email)))[0]!.n;

describe("CSRF guard on tRPC mutations", () => {
  it("refuses a signed-in mutation from another site and changes nothing", async () => {
    const forged: Record<string, string>[] = [{ origin: "https://evil.test" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site", origin: app.url }, { origin: "null" }];
    for (const headers of forged) {
      const res = await trpcPost("users.create", newUser("forged@example.test"), { ...headers, cookie: adminCookie });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/^cross-site request refused/) } });
    }
    expect(await userCount("forged@example.test")).toBe(0);
  });

  it("refuses a signed-in mutation that carries neither Origin nor Sec-Fetch-Site", async () => {
    const res = await trpcPost("users.create", newUser("headless@example.test"), { cookie: adminCookie });
    expect(res.status).toBe(403);
    expect(await userCount("headless@example.test")).toBe(0);
  });

  it("refuses a cross-site sign-in (login CSRF) before any session is made", async () => {
    const before = await app.database.db.$count(sessions);
    const res = await trpcPost("auth.login", { email: app.admin.email, password: app.admin.password }, { origin: "https://evil.test" });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await app.database.db.$count(sessions)).toBe(before);
  });

  it("accepts same-origin mutations, and the public host behind a proxy", async () => {
    expect((await trpcPost("users.create", newUser("same-origin@example.test"), { origin: app.url, cookie: adminCookie })).status).toBe(200);
    expect((await trpcPost("users.create", newUser("fetch-meta@example.test"), { "sec-fetch-site": "same-origin", cookie: adminCookie })).status).toBe(200);
    const proxied = { origin: "https://vigil.example.org", "x-forwarded-host": "vigil.example.org", "x-forwarded-proto": "https", cookie: adminCookie.replace("vigil_session", "__Host-vigil_session") };
    expect((await trpcPost("users.create", newUser("proxied@example.test"), proxied)).status).toBe(200);
    expect(await userCount("same-origin@example.test")).toBe(1);
    expect(await userCount("proxied@example.test")).toBe(1);
  });

  it("lets queries through (they change nothing) and refuses mutations over GET", async () => {
    const me = await fetch(`${app.url}/api/trpc/auth.me`, { headers: { cookie: adminCookie, "sec-fetch-site": "cross-site" } });
    expect(me.status).toBe(200);
    const input = encodeURIComponent(JSON.stringify({ json: newUser("via-get@example.test") }));
    const viaGet = await fetch(`${app.url}/api/trpc/users.create?input=${input}`, { headers: { cookie: adminCookie } });
    expect(viaGet.status).toBe(405);
    expect(await userCount("via-get@example.test")).toBe(0);
  });
});

describe("security headers", () => {
  it("gives API responses a deny-all CSP and nosniff", async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("sends HSTS only when the request came over https", async () => {
    for (const path of ["/login", "/api/health"]) {
      expect((await fetch(`${app.url}${path}`)).headers.get("strict-transport-security"), path).toBeNull();
      const https = await fetch(`${app.url}${path}`, { headers: { "x-forwarded-proto": "https" } });
      expect(https.headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
    }
    const page = await fetch(`${app.url}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(page.headers.get("content-security-policy")).toMatch(/upgrade-insecure-requests$/);
  });
});
