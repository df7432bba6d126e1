// Fault: the worker process starts while Postgres is down (a host reboot where the worker comes up
// first, a failover in progress). It must wait for Postgres instead of exiting, then beat and run
// playbooks once Postgres is up. A dedicated embedded Postgres, never the shared servers.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { playbookRuns, workerHeartbeats } from "@/server/db/schema";
import { createCase, startTestRun } from "../helpers/engine";
import { startOwnPostgres, type OwnPostgres } from "../helpers/postgres";
import { spawnWorkerProcess, type WorkerProcess } from "../helpers/worker-process";

const DOWN_MS = 2_000; // after the worker met the outage

let pg: OwnPostgres;
let db: Db | undefined;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  pg = await startOwnPostgres("worker-start");
});
afterAll(async () => {
  await worker?.kill9();
  await db?.$client.end();
  await pg?.remove();
});

describe("worker started while Postgres is down", () => {
  it("waits for Postgres, then beats and runs playbooks", { timeout: 60_000 }, async () => {
    await pg.stop();
    worker = spawnWorkerProcess({ DATABASE_URL: pg.url, VIGIL_WORKER_HEARTBEAT_MS: "500" });
    // It has booted and met the outage (it says so), and is still there a while later.
    const exited = () => worker!.child.exitCode !== null || worker!.child.signalCode !== null;
    for (const deadline = Date.now() + 30_000; !worker.log().includes("the worker waits for it") && !exited() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, DOWN_MS));
    expect(worker.log()).toContain("Postgres is unavailable; the worker waits for it");
    const aliveWhileDown = worker.child.exitCode === null && worker.child.signalCode === null;
    if (!aliveWhileDown) console.error(`worker log:\n${worker.log()}`);
    expect(aliveWhileDown).toBe(true);

    await pg.start();
    const up = Date.now();
    const live = createDb(pg.url, { max: 2 });
    db = live;
    await expect.poll(() => live.$count(workerHeartbeats), { timeout: 30_000, interval: 250 }).toBeGreaterThan(0);
    const beating = Date.now() - up;
    const runId = await startTestRun(live, "alert-summary", { caseId: await createCase(live) });
    await expect.poll(async () => (await live.select().from(playbookRuns).where(eq(playbookRuns.id, runId)))[0]?.status, { timeout: 20_000, interval: 250 }).toBe("succeeded");
    console.log(`checked: a worker process started while Postgres was down (up again ${DOWN_MS / 1000} s after the worker met the outage); found: waiting and still running while Postgres was down, beating ${(beating / 1000).toFixed(1)} s after Postgres came up, and a run started then succeeded`);
  });
});
