// Fault: a sender floods one webhook far beyond its source's rate limit. Real HTTP against the
// webhook handlers (test/helpers/webhook-server.ts, served by this process), bounded to 5,000
// requests or 20 s. Over the limit the answer is 429 with Retry-After, the number of accepted
// alerts stays within the window's budget, and the serving process's memory does not grow with
// the flood (bodies of refused requests are drained, not kept).
import http from "node:http";
import v8 from "node:v8";
import vm from "node:vm";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, ingestFailures } from "@/server/db/schema";
import { intakeMeter } from "@/server/intake/rate-limit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource } from "../helpers/fixtures";
import { startWebhookServer, type WebhookServer } from "../helpers/webhook-server";

const LIMIT_PER_MINUTE = 20;
const MAX_REQUESTS = 5_000;
const MAX_FLOOD_MS = 20_000;
const CONCURRENCY = 16;
const BODY_PAD = "x".repeat(64 * 1024); // 64 KiB per request: a retained body shows at once
const MB = 1024 * 1024;
const RSS_GROWTH_BOUND = 200 * MB; // RSS also holds freed-but-unreturned pages (and the senders'): generous
const RETAINED_GROWTH_BOUND = 24 * MB; // live heap + buffers after a full GC

// A full GC on demand, so "retained" means reachable, not merely not yet collected.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const retained = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

let t: TestDatabase;
let server: WebhookServer;
beforeAll(async () => {
  t = await createTestDatabase("flood");
  server = await startWebhookServer(t.db);
});
afterAll(async () => {
  await server?.close();
  await intakeMeter(t.db).stop();
  await t.drop();
});

describe("webhook flood beyond the rate limit", () => {
  it("answers 429 with Retry-After, admits no more than the budget and keeps memory flat", { timeout: 60_000 }, async () => {
    const source = await seedSource(t.db, { rateLimitPerMinute: LIMIT_PER_MINUTE });
    // Senders use node:http with keep-alive (at most CONCURRENCY sockets) and a per-request timeout:
    // fetch's per-request abort signals and buffers would be counted as the server's growth.
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const post = (n: number, to = source) =>
      new Promise<{ status: number | string; retryAfter?: string }>((resolve) => {
        const body = JSON.stringify({ id: `flood-${n}`, title: `Flood ${n}`, pad: BODY_PAD });
        const headers = { "content-type": "application/json", authorization: `Bearer ${to.secret}`, "content-length": String(Buffer.byteLength(body)) };
        const req = http.request(`${server.url}/api/webhooks/${to.slug}`, { method: "POST", agent, headers, timeout: 10_000 }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] }));
        });
        req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
        req.on("error", (error) => resolve({ status: error.message }));
        req.end(body);
      });
    const statuses = new Map<number | string, number>();
    const retryAfters = new Set<string | null>();
    let sent = 0;
    let slowest = 0;

    // Warm up both paths (202 and 429) on another source, so code loading is not counted as growth.
    const warmup = await seedSource(t.db, { rateLimitPerMinute: 2 });
    for (let i = 0; i < 20; i++) await post(-1 - i, warmup);
    const retainedBefore = retained();
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const sender = async () => {
      while (sent < MAX_REQUESTS && Date.now() - started < MAX_FLOOD_MS) {
        const n = sent++;
        const t0 = Date.now();
        const { status, retryAfter } = await post(n);
        if (status === 429) retryAfters.add(retryAfter ?? null);
        slowest = Math.max(slowest, Date.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    const floodMs = Date.now() - started;
    const rssAfter = process.memoryUsage().rss;
    const retainedGrowth = retained() - retainedBefore;
    agent.destroy();

    // The limit is a sliding minute: a flood that crosses a minute boundary may get a share of the next one.
    const crossed = Math.floor(started / 60_000) !== Math.floor((started + floodMs) / 60_000);
    const budget = LIMIT_PER_MINUTE + (crossed ? Math.ceil((LIMIT_PER_MINUTE * floodMs) / 60_000) + 1 : 0);
    const accepted = statuses.get(202) ?? 0;
    const limited = statuses.get(429) ?? 0;
    const growth = rssAfter - rssBefore;
    console.log(
      `checked: ${sent} POSTs of 64 KiB in ${(floodMs / 1000).toFixed(1)} s (${CONCURRENCY} at once) at a source limited to ${LIMIT_PER_MINUTE}/min; ` +
        `found: ${accepted} accepted (budget ${budget}), ${limited} answered 429 (Retry-After ${[...retryAfters].join("/")} s), other ${JSON.stringify(Object.fromEntries([...statuses].filter(([s]) => s !== 202 && s !== 429)))}, ` +
        `slowest ${slowest} ms, serving process RSS ${Math.round(rssBefore / MB)} → ${Math.round(rssAfter / MB)} MB (+${Math.round(growth / MB)} MB), retained after GC +${(retainedGrowth / MB).toFixed(1)} MB`,
    );
    expect([...statuses.keys()].filter((s) => s !== 202 && s !== 429)).toEqual([]);
    expect(slowest).toBeLessThan(10_000);
    expect(sent).toBeGreaterThan(LIMIT_PER_MINUTE * 5); // really a flood, even on a loaded machine
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThanOrEqual(budget);
    expect(limited).toBe(sent - accepted);
    for (const r of retryAfters) expect(Number(r)).toBeGreaterThanOrEqual(1);
    for (const r of retryAfters) expect(Number(r)).toBeLessThanOrEqual(120);
    expect(growth).toBeLessThan(RSS_GROWTH_BOUND);
    expect(retainedGrowth).toBeLessThan(RETAINED_GROWTH_BOUND);

    // What was accepted is stored; what was refused left no rows, only a counter.
    expect(await t.db.$count(alerts, eq(alerts.sourceId, source.id))).toBe(accepted);
    expect(await t.db.$count(ingestFailures, eq(ingestFailures.sourceSlug, source.slug))).toBe(0);
  });
});
