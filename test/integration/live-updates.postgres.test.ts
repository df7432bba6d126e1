// Live updates on real Postgres: the ingest path notifies after commit (coalesced), the engine's
// tables notify from statement-level triggers, one shared LISTEN connection fans events out to
// SSE streams, and a dropped connection is re-established with a "resync" event.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvals, playbookRuns, runSteps } from "@/server/db/schema";
import type { LiveEvent } from "@/server/live/events";
import { LiveListener } from "@/server/live/listener";
import { flushLive } from "@/server/live/notify";
import { liveStreamResponse } from "@/server/live/sse";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { ingestAlert, seedSource } from "../helpers/fixtures";

let t: TestDatabase;
let listener: LiveListener;
const received: LiveEvent[] = [];

beforeAll(async () => {
  t = await createTestDatabase("live");
  listener = new LiveListener(t.url, 50);
  listener.subscribe((e) => received.push(e));
  await listener.ensureConnected();
});
afterAll(async () => {
  await listener.close();
  await t.drop();
});

const eventFor = (topic: string, id: string) => () => received.find((e) => e.topic === topic && (Array.isArray(e.caseIds) && e.caseIds.includes(id) || Array.isArray(e.runIds) && e.runIds.includes(id)));

describe("live updates", () => {
  it("a stored alert is announced with its case after commit", async () => {
    const stored = await ingestAlert(t.db, await seedSource(t.db), { id: "live-1", title: "Brute force", severity: "high", user: "alice" });
    await flushLive(t.db);
    await expect.poll(eventFor("cases", stored.caseId!), { timeout: 5_000 }).toMatchObject({ topic: "cases", runIds: stored.runIds });
  });

  it("the ingest tables carry no NOTIFY trigger (it would serialise ingest commits)", async () => {
    const { rows } = await t.db.execute<{ table: string }>(sql`
      select c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid
      where not g.tgisinternal and c.relname in ('alerts', 'cases', 'case_events', 'alert_observables', 'case_observables')`);
    expect(rows).toEqual([]);
  });

  it("run status, steps and approvals announce themselves from triggers, with the case", async () => {
    const stored = await ingestAlert(t.db, await seedSource(t.db), { id: "live-2", title: "Malware", severity: "critical", host: "ws-1" });
    const runId = stored.runIds[0]!;
    received.length = 0;
    await t.db.update(playbookRuns).set({ status: "running" }).where(eq(playbookRuns.id, runId));
    await expect.poll(eventFor("runs", runId), { timeout: 5_000 }).toMatchObject({ caseIds: [stored.caseId] });
    received.length = 0;
    await t.db.insert(runSteps).values({ runId, name: "live step", seq: 99, status: "running" });
    await expect.poll(eventFor("runs", runId), { timeout: 5_000 }).toBeTruthy();
    received.length = 0;
    await t.db.insert(approvals).values({ runId, stepName: "lock", title: "Lock account", paramsHash: "test" });
    await expect.poll(eventFor("approvals", stored.caseId!), { timeout: 5_000 }).toMatchObject({ runIds: [runId] });
  });

  it("streams events to a browser as server-sent events until the session ends", async () => {
    let authorized = true;
    const abort = new AbortController();
    const res = liveStreamResponse(listener, { signal: abort.signal, stillAuthorized: async () => authorized, sessionCheckMs: 100, heartbeatMs: 60_000 });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain("retry: 3000");
    const stored = await ingestAlert(t.db, await seedSource(t.db), { id: "live-3", title: "Phishing", severity: "low", email: "bob@example.org" });
    await flushLive(t.db);
    for (let i = 0; i < 20 && !text.includes(stored.caseId!); i++) text += decoder.decode((await reader.read()).value);
    // Events are coalesced per process: this case may share a message with earlier ones.
    const change = text.split("\n\n").find((m) => m.startsWith("event: change\ndata: ") && m.includes(stored.caseId!));
    expect(JSON.parse(change!.slice("event: change\ndata: ".length))).toMatchObject({ topic: "cases", caseIds: expect.arrayContaining([stored.caseId]) });
    authorized = false;
    let done = false;
    for (let i = 0; i < 50 && !done; i++) done = (await reader.read()).done;
    expect(done).toBe(true);
    abort.abort();
  });

  it("re-listens after losing its connection and tells subscribers to resync", async () => {
    received.length = 0;
    await t.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'vigil-live'`);
    await expect.poll(() => received.find((e) => e.topic === "resync"), { timeout: 10_000 }).toBeTruthy();
    const stored = await ingestAlert(t.db, await seedSource(t.db), { id: "live-4", title: "Again", severity: "low", user: "carol" });
    await flushLive(t.db);
    await expect.poll(eventFor("cases", stored.caseId!), { timeout: 5_000 }).toBeTruthy();
  });
});
