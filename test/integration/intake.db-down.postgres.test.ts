// Database down: the webhook answers 503 with Retry-After so the sender retries, and never 2xx for
// an alert it did not commit — whether Postgres is unreachable from the start or the connection
// dies in the middle of the ingest transaction.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/server/db/client";
import { alerts, cases, ingestFailures } from "@/server/db/schema";
import { handleWebhook } from "@/server/intake/ingest";
import { intakeMeter } from "@/server/intake/rate-limit";
import { freePort } from "../helpers/app-server";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource } from "../helpers/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("dbdown");
});
afterAll(async () => {
  await intakeMeter(t.db).stop();
  await t.drop();
});

const post = (slug: string, secret: string, body: object) =>
  new Request(`http://vigil.test/api/webhooks/${slug}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", authorization: `Bearer ${secret}` } });

describe("database down", () => {
  it("answers 503 with Retry-After when Postgres cannot be reached", async () => {
    const closed = createDb(`postgres://postgres@127.0.0.1:${await freePort()}/vigil`, { max: 1 });
    try {
      const res = await handleWebhook(closed, post("any-source", "secret", { title: "x" }), "any-source");
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toEqual({ error: "database unavailable; retry later" });
    } finally {
      await closed.$client.end();
    }
  });

  it("answers 503 and commits nothing when the connection dies inside the ingest transaction; a retry succeeds", async () => {
    const source = await seedSource(t.db);
    // The backend kills itself on the alert insert: the client sees the connection terminate.
    await t.db.execute(sql.raw(`
      create function die_on_insert() returns trigger language plpgsql as $$
      begin perform pg_terminate_backend(pg_backend_pid()); return new; end $$;
      create trigger die_on_insert before insert on alerts for each row execute function die_on_insert();`));
    const casesBefore = await t.db.$count(cases);
    const res = await handleWebhook(t.db, post(source.slug, source.secret, { id: "down-1", title: "Lost connection" }), source.slug);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await t.db.$count(alerts, eq(alerts.sourceId, source.id))).toBe(0);
    expect(await t.db.$count(cases)).toBe(casesBefore);
    expect(await t.db.$count(ingestFailures)).toBe(0);

    await t.db.execute(sql.raw("drop trigger die_on_insert on alerts; drop function die_on_insert();"));
    const retry = await handleWebhook(t.db, post(source.slug, source.secret, { id: "down-1", title: "Lost connection" }), source.slug);
    expect(retry.status).toBe(202);
    expect(await t.db.$count(alerts, eq(alerts.sourceId, source.id))).toBe(1);
  });
});
