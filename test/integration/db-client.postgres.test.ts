// The pooled db client when a connection dies between two uses (Postgres restarted, an admin
// killed the backend): the next transaction on that pooled connection fails, and the pool must
// get its client back, or each restart would cost the web process one pool slot for good.
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/server/db/client";
import { isDatabaseUnavailable } from "@/server/errors";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;
let admin: pg.Client;
beforeAll(async () => {
  t = await createTestDatabase("dbclient");
  admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await t.drop();
});

describe("db client", () => {
  it("releases the pooled client when a transaction's connection was killed while idle", async () => {
    const rounds = 10;
    let failed = 0;
    for (let i = 0; i < rounds; i++) {
      const db = createDb(t.url, { max: 1 });
      try {
        const { rows } = await db.$client.query<{ pid: number }>("select pg_backend_pid() as pid");
        await admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
        // At once, before the pool has noticed: BEGIN goes to the dead connection.
        const outcome = await db.transaction((tx) => tx.execute(sql`select 1`)).then(
          () => "ok",
          (error: unknown) => (isDatabaseUnavailable(error) ? "unavailable" : `other: ${(error as Error).message}`),
        );
        if (outcome !== "ok") failed++;
        expect(outcome).not.toMatch(/^other/);
        // The one slot is usable again: the pool was given its client back.
        expect(db.$client.totalCount - db.$client.idleCount).toBe(0);
        expect(await db.transaction((tx) => tx.execute(sql`select 2 as n`)).then((r) => r.rows[0])).toEqual({ n: 2 });
      } finally {
        // end() waits for checked-out clients: a leaked one would hang it, so it gets a bound.
        await Promise.race([db.$client.end(), new Promise((r) => setTimeout(r, 2_000).unref())]);
      }
    }
    console.log(`checked: ${rounds} transactions on a pooled connection killed while idle; found: ${failed} failed as "database unavailable", every pool got its client back`);
  });
});
