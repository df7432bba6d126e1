// Webhook limits on real Postgres: body size (413), JSON depth (400), content type (415), the
// per-source rate limit (429 with Retry-After, shared between processes through Postgres) and
// disabled sources (403). Refused bodies of authenticated senders are kept; 429s only counted.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertSources, alerts, ingestFailures, intakeCounters, intakeRateCounts } from "@/server/db/schema";
import { handleWebhook } from "@/server/intake/ingest";
import { IntakeMeter, intakeMeter } from "@/server/intake/rate-limit";
import { CONFIG_CACHE_MS } from "@/server/intake/config-cache";
import { rotateSourceSecret, updateSource } from "@/server/intake/sources";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedSource } from "../helpers/fixtures";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("intakelimits");
});
afterAll(async () => {
  await intakeMeter(t.db).stop();
  await t.drop();
});

type Source = Awaited<ReturnType<typeof seedSource>>;
const post = (source: Source, body: string, headers: Record<string, string> = {}) =>
  new Request(`http://vigil.test/api/webhooks/${source.slug}`, { method: "POST", body, headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}`, ...headers } });
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;
const keptFor = (source: Source) => t.db.select().from(ingestFailures).where(eq(ingestFailures.sourceSlug, source.slug));

function nested(depth: number): string {
  // {"title": ..., "d": [[...]]}: the object is level 1, each array one more.
  return `{"title":"deep","d":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;
}

describe("body limits", () => {
  it("accepts JSON nested exactly 64 deep and refuses 65 with 400, keeping the body", async () => {
    const source = await seedSource(t.db);
    expect((await handleWebhook(t.db, post(source, nested(64)), source.slug)).status).toBe(202);
    const res = await handleWebhook(t.db, post(source, nested(65)), source.slug);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe("body nests more than 64 levels deep; the limit is 64");
    const [kept] = await keptFor(source);
    expect(kept).toMatchObject({ statusCode: 400 });
    expect(kept!.body.toString()).toBe(nested(65));
  });

  it("refuses a body over 1 MiB with 413 whether or not Content-Length is declared", async () => {
    const source = await seedSource(t.db);
    const big = JSON.stringify({ title: "x", pad: "a".repeat(1024 * 1024) });
    const declared = await handleWebhook(t.db, post(source, big, { "content-length": String(Buffer.byteLength(big)) }), source.slug);
    expect(declared.status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("a".repeat(64 * 1024)));
        controller.close();
      },
    });
    const chunked = new Request(`http://vigil.test/api/webhooks/${source.slug}`, { method: "POST", body: stream, duplex: "half", headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}` } } as RequestInit);
    const res = await handleWebhook(t.db, chunked, source.slug);
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toBe("body exceeds 1 MiB");
    expect((await keptFor(source)).map((k) => k.statusCode)).toEqual([413, 413]);
  });

  it("refuses other content types with 415 and keeps the body for a later replay", async () => {
    const source = await seedSource(t.db);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
      const res = await handleWebhook(t.db, post(source, '{"title":"x"}', { "content-type": type }), source.slug);
      expect(res.status).toBe(415);
      expect(await errorOf(res)).toMatch(/^content-type must be application\/json, got "/);
    }
    const kept = await keptFor(source);
    expect(kept).toHaveLength(3);
    expect(kept.every((k) => k.body.toString() === '{"title":"x"}')).toBe(true);
    expect((await handleWebhook(t.db, post(source, '{"title":"ok"}', { "content-type": "application/json; charset=utf-8" }), source.slug)).status).toBe(202);
  });

  it("refuses a disabled source with 403 and keeps the body", async () => {
    const source = await seedSource(t.db);
    await updateSource(t.db, "test", { id: source.id, enabled: false });
    const res = await handleWebhook(t.db, post(source, '{"title":"x"}'), source.slug);
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatch(/is disabled/);
    expect((await keptFor(source)).map((k) => k.body.toString())).toEqual(['{"title":"x"}']);
  });

  it("honours a source disabled by hand in SQL (another process) within the intake cache's second", async () => {
    const source = await seedSource(t.db);
    expect((await handleWebhook(t.db, post(source, '{"title":"cached"}'), source.slug)).status).toBe(202);
    await t.db.update(alertSources).set({ enabled: false }).where(eq(alertSources.id, source.id));
    await new Promise((r) => setTimeout(r, CONFIG_CACHE_MS + 50));
    expect((await handleWebhook(t.db, post(source, '{"title":"x"}'), source.slug)).status).toBe(403);
  });

  it("refuses the old secret as soon as the secret is rotated", async () => {
    const source = await seedSource(t.db);
    expect((await handleWebhook(t.db, post(source, '{"title":"before"}'), source.slug)).status).toBe(202);
    const { secret } = await t.db.transaction((tx) => rotateSourceSecret(tx, "test", { id: source.id }));
    expect((await handleWebhook(t.db, post(source, '{"title":"old"}'), source.slug)).status).toBe(401);
    expect((await handleWebhook(t.db, post({ ...source, secret }, '{"title":"new"}'), source.slug)).status).toBe(202);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After over the source's limit, storing nothing but a counter", async () => {
    const source = await seedSource(t.db, { rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await handleWebhook(t.db, post(source, JSON.stringify({ id: `r${i}`, title: `alert ${i}` })), source.slug);
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    const retryAfter = Number(refused!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(await errorOf(refused!)).toMatch(/over its rate limit; retry in \d+ s/);
    expect(await t.db.$count(alerts, eq(alerts.sourceId, source.id))).toBe(3);
    expect(await keptFor(source)).toHaveLength(0);
    await intakeMeter(t.db).flush();
    const [counter] = await t.db.select().from(intakeCounters).where(sql`${intakeCounters.sourceSlug} = ${source.slug} and ${intakeCounters.reason} = 'rate_limited'`);
    expect(counter!.count).toBe(2);
  });

  it("shares the count between processes through Postgres: another node sees what this one flushed", async () => {
    const source = await seedSource(t.db, { rateLimitPerMinute: 4 });
    const nodeA = new IntakeMeter(t.db, { node: "node-a", cacheMs: 0 });
    const nodeB = new IntakeMeter(t.db, { node: "node-b", cacheMs: 0 });
    const send = (meter: IntakeMeter, i: number) => handleWebhook(t.db, post(source, JSON.stringify({ id: `s${i}`, title: `alert ${i}` })), source.slug, { meter }).then((r) => r.status);
    expect([await send(nodeA, 1), await send(nodeA, 2), await send(nodeA, 3)]).toEqual([202, 202, 202]);
    await nodeA.flush();
    const rows = await t.db.select().from(intakeRateCounts).where(eq(intakeRateCounts.sourceId, source.id));
    expect(rows.map((r) => [r.node, r.count])).toEqual([["node-a", 3]]);
    expect(await send(nodeB, 4)).toBe(202);
    expect(await send(nodeB, 5)).toBe(429);
    await nodeB.flush();
    expect(await send(nodeA, 6)).toBe(429);
    await Promise.all([nodeA.stop(), nodeB.stop()]);
  });

  it("does not count refused requests, so a sender that backs off gets through again", async () => {
    const source = await seedSource(t.db, { rateLimitPerMinute: 1 });
    const meter = new IntakeMeter(t.db, { node: "node-c", cacheMs: 0 });
    const send = (i: number) => handleWebhook(t.db, post(source, JSON.stringify({ id: `d${i}`, title: "x" })), source.slug, { meter }).then((r) => r.status);
    expect(await send(1)).toBe(202);
    expect(await send(2)).toBe(429);
    expect(await send(3)).toBe(429);
    await meter.stop();
    const [row] = await t.db.select().from(intakeRateCounts).where(eq(intakeRateCounts.sourceId, source.id));
    expect(row!.count).toBe(1);
  });
});
