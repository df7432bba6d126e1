// `vigil demo` as a new user runs it, against real Postgres and the real webhook handlers over
// HTTP: the first run creates the demo sources and sends the alerts, the second reuses the sources,
// and an address where no Vigil answers fails with a message naming it.
import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, alertSources } from "@/server/db/schema";
import { DEMO_SOURCES } from "@/server/demo/demo-sources";
import { intakeMeter } from "@/server/intake/rate-limit";
import { runVigil } from "../helpers/cli";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startWebhookServer, type WebhookServer } from "../helpers/webhook-server";

let t: TestDatabase;
let server: WebhookServer;
beforeAll(async () => {
  t = await createTestDatabase("clidemo");
  server = await startWebhookServer(t.db);
});
afterAll(async () => {
  await server.close();
  await intakeMeter(t.db).stop();
  await t.drop();
});

const vigilDemo = (url: string) => runVigil(["demo", "--url", url], { DATABASE_URL: t.url, VIGIL_LOG_LEVEL: "silent" });

describe("vigil demo", () => {
  it("creates the demo sources, sends the alerts and prints where to look; a second run reuses the sources", async () => {
    const first = await vigilDemo(server.url);
    expect(first.stdout).toMatch(/^created demo alert sources: demo-splunk, /m);
    expect(first.stdout).toMatch(/sent brute-force alert to \/api\/webhooks\/demo-splunk: 1 alert\(s\)/);
    expect(first.stdout).toMatch(/sent c2-beacon alert to \/api\/webhooks\/demo-guardduty/);
    expect(first.stdout).toContain(`open ${server.url}/cases`);
    expect(await t.db.select().from(alertSources).where(like(alertSources.slug, "demo-%"))).toHaveLength(DEMO_SOURCES.length);
    const sent = (await t.db.select({ id: alerts.id }).from(alerts)).length;
    expect(sent).toBeGreaterThanOrEqual(9);

    const second = await vigilDemo(`${server.url}/`);
    expect(second.stdout).not.toMatch(/created demo alert sources/);
    expect(second.stdout).toMatch(/^reused demo alert sources: demo-splunk, /m);
    expect(await t.db.select().from(alertSources).where(like(alertSources.slug, "demo-%"))).toHaveLength(DEMO_SOURCES.length);
    expect((await t.db.select({ id: alerts.id }).from(alerts)).length).toBe(sent * 2);
  });

  it("exits non-zero naming the URL when no Vigil answers there", async () => {
    const failed = await vigilDemo("http://127.0.0.1:9").then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/vigil: cannot reach http:\/\/127\.0\.0\.1:9\/api\/health .*is Vigil running there/);
  });
});
