// /api/health semantics: ok/degraded with a reachable database, down (503) without one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/server/db/client";
import { checkHealth } from "@/server/health";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("health");
});
afterAll(() => t.drop());

describe("health", () => {
  it("reports degraded without a worker and ok with one", async () => {
    expect(await checkHealth(t.db)).toMatchObject({ status: "degraded", db: { ok: true }, worker: { ok: false, alive: 0 } });
    const worker: VigilWorker = await startWorker({ connectionString: t.url, concurrency: 1 });
    try {
      expect(await checkHealth(t.db)).toMatchObject({ status: "ok", worker: { ok: true, alive: 1 }, queue: { pending: 0 } });
    } finally {
      await worker.stop();
    }
  });

  it("reports down when Postgres is unreachable", async () => {
    const unreachable = createDb("postgres://postgres@127.0.0.1:1/nothing", { max: 1 });
    const report = await checkHealth(unreachable);
    expect(report).toMatchObject({ status: "down", db: { ok: false } });
    await unreachable.$client.end();
  });
});
