// demo.load through the real tRPC router: admins only; the server sends to its own origin (the
// request's, as the browser reached it), and the demo sources are audited as the admin.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { alerts, auditLog } from "@/server/db/schema";
import { DEMO_SOURCES } from "@/server/demo/demo-sources";
import { intakeMeter } from "@/server/intake/rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedUser } from "../helpers/fixtures";
import type { TestUser } from "../helpers/trpc";
import { startWebhookServer, type WebhookServer } from "../helpers/webhook-server";

let t: TestDatabase;
let server: WebhookServer;
beforeAll(async () => {
  t = await createTestDatabase("demotrpc");
  server = await startWebhookServer(t.db);
});
afterAll(async () => {
  await server.close();
  await intakeMeter(t.db).stop();
  await t.drop();
});

/** A caller whose request came to the webhook server's origin, as a browser's would. */
const callerAt = (user: TestUser) =>
  createCaller({ db: t.db, session: { id: "s", user, expiresAt: new Date(Date.now() + 60_000) }, sessionToken: "x", req: new Request(`${server.url}/api/trpc/demo.load`, { method: "POST" }), resHeaders: new Headers(), actor: `user:${user.id}` });

describe("demo.load", () => {
  it("refuses analysts and managers and changes nothing", async () => {
    for (const role of ["analyst", "manager"] as const) {
      const user = await seedUser(t.db, role);
      await expect(callerAt(user).demo.load()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await t.db.select().from(alerts)).toHaveLength(0);
  });

  it("loads the demo for an admin through this server's webhook and audits the sources as the admin", async () => {
    const admin = await seedUser(t.db, "admin");
    const result = await callerAt(admin).demo.load();
    expect(result).toMatchObject({ sourcesCreated: DEMO_SOURCES.length, scenarios: ["brute-force", "suspicious-sign-in", "malware-on-host", "phishing-reported", "c2-beacon"] });
    expect(result.alerts).toBe((await t.db.select().from(alerts)).length);
    expect(result.cases).toBeGreaterThanOrEqual(5);
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.action, "source.create"));
    expect(audited.map((a) => a.actor)).toEqual(DEMO_SOURCES.map(() => `user:${admin.id}`));
  });
});
