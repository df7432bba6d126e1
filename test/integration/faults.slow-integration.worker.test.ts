// Fault: an integration that hangs. A fake vendor on 127.0.0.1 never answers /hang; runs whose
// step calls it (through the integrations' HTTP client) hit the step timeout, retry once, and
// fail with a timeout error, while the vendor sees every hung connection closed. Meanwhile other
// runs on the same worker (concurrency above the slots the slow runs hold) keep completing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { playbookRuns } from "@/server/db/schema";
import { definePlaybook } from "@/server/engine";
import { createHttpClient } from "@/server/integrations/http/client";
import { startWorker, type VigilWorker } from "@/worker/runner";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startTestRun, stepsOf, usePlaybooks } from "../helpers/engine";

const FILE = "test/integration/faults.slow-integration.worker.test.ts";
const CONCURRENCY = 4;
const SLOW_RUNS = 2;
const FAST_RUNS = 30;
const STEP_TIMEOUT_MS = 3_000;

type VendorInput = { vendorUrl: string };
const callVendor = (path: string) =>
  ({ vendorUrl }: VendorInput, signal: AbortSignal) =>
    // The client's own timeout is longer on purpose: the step timeout is what must fire.
    createHttpClient({ baseUrl: vendorUrl, allowPrivateNetwork: true, timeoutMs: 60_000, retries: 0, signal }).get(path).then((r) => r.body as { ok: boolean });

const slowVendor = definePlaybook<VendorInput>({
  id: "test-slow-vendor",
  title: "Calls a vendor that hangs",
  async run(ctx) {
    await ctx.step("query vendor", ({ signal }) => callVendor("/hang")(ctx.input, signal), { timeout: STEP_TIMEOUT_MS, retries: 1, backoff: 100 });
  },
});
const fastVendor = definePlaybook<VendorInput>({
  id: "test-fast-vendor",
  title: "Calls a vendor that answers",
  async run(ctx) {
    return ctx.step("query vendor", ({ signal }) => callVendor("/fast")(ctx.input, signal), { timeout: STEP_TIMEOUT_MS });
  },
});

let t: TestDatabase;
let worker: VigilWorker;
let vendor: http.Server;
let vendorUrl: string;
const sockets = new Set<Socket>();
const hung = { opened: 0, closed: 0 };

beforeAll(async () => {
  t = await createTestDatabase("slowvendor");
  await usePlaybooks(t.db, FILE, slowVendor, fastVendor);
  vendor = http.createServer((req, res) => {
    if (req.url === "/hang") {
      hung.opened++;
      req.socket.once("close", () => hung.closed++); // never answered: only the caller can end it
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
  });
  vendor.on("connection", (s: Socket) => (sockets.add(s), s.once("close", () => sockets.delete(s))));
  await new Promise<void>((r) => vendor.listen(0, "127.0.0.1", r));
  vendorUrl = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`;
  worker = await startWorker({ connectionString: t.url, concurrency: CONCURRENCY, pollInterval: 200 });
});
afterAll(async () => {
  await worker?.stop();
  for (const s of sockets) s.destroy();
  await new Promise((r) => vendor?.close(r));
  await t.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

describe("a hanging integration", () => {
  it("times out its steps while other runs keep completing on the same worker", { timeout: 60_000 }, async () => {
    const slowIds: string[] = [];
    for (let i = 0; i < SLOW_RUNS; i++) slowIds.push(await startTestRun(t.db, slowVendor.id, { input: { vendorUrl } }));
    for (const deadline = Date.now() + 15_000; hung.opened < SLOW_RUNS && Date.now() < deadline; ) await sleep(50);
    expect(hung.opened).toBe(SLOW_RUNS); // both slow runs now hold a worker slot

    const fastIds: string[] = [];
    for (let i = 0; i < FAST_RUNS; i++) fastIds.push(await startTestRun(t.db, fastVendor.id, { input: { vendorUrl } }));
    const runsOf = (ids: string[]) => t.db.select().from(playbookRuns).where(inArray(playbookRuns.id, ids));
    const finished = (rows: Awaited<ReturnType<typeof runsOf>>) => rows.every((r) => r.finishedAt !== null);
    for (const deadline = Date.now() + 45_000; Date.now() < deadline; await sleep(250))
      if (finished(await runsOf(fastIds)) && finished(await runsOf(slowIds))) break;

    const fast = await runsOf(fastIds);
    const slow = await runsOf(slowIds);
    expect(fast.map((r) => r.status)).toEqual(fastIds.map(() => "succeeded"));
    expect(slow.map((r) => r.status)).toEqual(slowIds.map(() => "failed"));
    for (const r of slow) expect(r.error).toBe(`step "query vendor" failed after 2 attempt(s): step "query vendor" timed out after ${STEP_TIMEOUT_MS} ms`);
    for (const id of slowIds) expect((await stepsOf(t.db, id)).map((s) => [s.name, s.status, s.attempt])).toEqual([["query vendor", "failed", 2]]);

    // No starvation: the fast runs went through while the slow ones still held their slots.
    const firstSlowEnd = Math.min(...slow.map((r) => r.finishedAt!.getTime()));
    const fastLatencies = fast.map((r) => r.finishedAt!.getTime() - r.createdAt.getTime()).sort((a, b) => a - b);
    const fastBeforeSlowEnd = fast.filter((r) => r.finishedAt!.getTime() < firstSlowEnd).length;
    const slowDurations = slow.map((r) => r.finishedAt!.getTime() - r.createdAt.getTime());
    expect(fastBeforeSlowEnd).toBeGreaterThanOrEqual(FAST_RUNS / 2);
    // The vendor saw each attempt's connection closed by the timeout: nothing left hanging.
    await expect.poll(() => hung.closed, { timeout: 5_000 }).toBe(SLOW_RUNS * 2);
    expect(hung.opened).toBe(SLOW_RUNS * 2);
    console.log(
      `checked: ${SLOW_RUNS} runs calling a vendor that never answers (step timeout ${STEP_TIMEOUT_MS} ms, 1 retry) and ${FAST_RUNS} runs calling one that answers, on one worker of concurrency ${CONCURRENCY}; ` +
        `found: slow runs failed on timeout after ${slowDurations.map((d) => `${(d / 1000).toFixed(1)} s`).join(", ")} with ${hung.opened} vendor connections opened and ${hung.closed} closed; ` +
        `${fastBeforeSlowEnd}/${FAST_RUNS} fast runs finished before the first slow run ended; fast run latency p50 ${pct(fastLatencies, 50)} ms, p95 ${pct(fastLatencies, 95)} ms, max ${fastLatencies.at(-1)} ms`,
    );
  });
});
