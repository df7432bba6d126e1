// Fault: Postgres restarts while alerts are being ingested. A dedicated embedded Postgres (own temp
// dir, free port; never the shared servers) is stopped and started again while four senders POST
// unique alerts to the real webhook over HTTP and a real worker process runs the triggered
// playbooks. Every POST must answer 2xx or 503 within a bound (never 500, never hang); every
// alert answered 2xx must be in the database after the restart, with its case and a finished run.
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { alerts, cases, playbookRuns, workerHeartbeats } from "@/server/db/schema";
import { syncPlaybooks } from "@/server/engine/sync-playbooks";
import { intakeMeter } from "@/server/intake/rate-limit";
import { seedSource } from "../helpers/fixtures";
import { startOwnPostgres, type OwnPostgres } from "../helpers/postgres";
import { startWebhookServer, type WebhookServer } from "../helpers/webhook-server";
import { spawnWorkerProcess, type WorkerProcess } from "../helpers/worker-process";

const SENDERS = 4;
const MAX_POSTS = 1_500;
const MAX_LOOP_MS = 30_000;
const REQUEST_BOUND_MS = 12_000; // a POST may wait for a connection (5 s connect timeout), never longer
const DOWN_MS = 2_000;

let pg: OwnPostgres;
let db: Db;
let server: WebhookServer | undefined;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  pg = await startOwnPostgres("ingest-restart");
  db = createDb(pg.url, { max: 8 });
  await syncPlaybooks(db);
});
/** Cleanup that cannot hang the file: each part gets a few seconds, then we say which one hung. */
async function bounded(what: string, work: () => Promise<unknown> | undefined) {
  const timer = new Promise((r) => setTimeout(() => r("timeout"), 8_000).unref());
  if ((await Promise.race([Promise.resolve(work()).catch(() => undefined), timer])) === "timeout") console.error(`cleanup: ${what} did not finish within 8 s`);
}
afterAll(async () => {
  await bounded("webhook server close", () => server?.close());
  await bounded("worker kill", () => worker?.kill9());
  await bounded("intake meter stop", () => intakeMeter(db).stop());
  await bounded("pool end", () => db?.$client.end());
  await bounded("postgres removal", () => pg?.remove());
});

/** Clients the web process's pool handed out and never got back (a leak costs a slot for good). */
function unreleasedClients(): number {
  const pool = db.$client as unknown as { _clients: unknown[]; _idle: Array<{ client: unknown }> };
  return pool._clients.filter((c) => !pool._idle.some((i) => i.client === c)).length;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  n: number;
  status: number | string; // a number for an HTTP answer, else what went wrong
  ms: number;
  at: number;
  alertIds?: string[];
  caseId?: string | null;
  retryAfter?: string | null;
}

describe("Postgres restart during ingest", () => {
  it("answers 2xx or 503, loses nothing accepted and processes it after the restart", { timeout: 110_000 }, async () => {
    const source = await seedSource(db, { rateLimitPerMinute: 1_000_000 });
    server = await startWebhookServer(db);
    worker = spawnWorkerProcess({ DATABASE_URL: pg.url, VIGIL_WORKER_CONCURRENCY: "4", VIGIL_WORKER_HEARTBEAT_MS: "500", VIGIL_WORKER_STALE_MS: "3000" });
    // The worker is up (it beats) before the load starts, so it lives through the restart too.
    await expect.poll(() => db.$count(workerHeartbeats), { timeout: 30_000, interval: 250 }).toBeGreaterThan(0);

    const outcomes: Outcome[] = [];
    const started = Date.now();
    let next = 0;
    let stopAt = Number.POSITIVE_INFINITY; // set once Postgres is back: send a while longer, then stop
    const send = async (n: number): Promise<Outcome> => {
      const t0 = Date.now();
      try {
        const res = await fetch(`${server!.url}/api/webhooks/${source.slug}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${source.secret}` },
          body: JSON.stringify({ id: `restart-${n}`, title: `Restart alert ${n}`, severity: "low" }),
          signal: AbortSignal.timeout(REQUEST_BOUND_MS),
        });
        const body = (await res.json()) as { alertIds?: string[]; caseId?: string | null };
        return { n, status: res.status, ms: Date.now() - t0, at: Date.now(), alertIds: body.alertIds, caseId: body.caseId, retryAfter: res.headers.get("retry-after") };
      } catch (error) {
        return { n, status: (error as Error).name, ms: Date.now() - t0, at: Date.now() };
      }
    };
    const sender = async () => {
      while (next < MAX_POSTS && Date.now() < Math.min(stopAt, started + MAX_LOOP_MS)) {
        const outcome = await send(next++);
        outcomes.push(outcome);
        if (outcome.status === 503) await sleep(50); // a sender backs off a little on 503
      }
    };
    const restart = async () => {
      while (outcomes.filter((o) => o.status === 202).length < 40 && Date.now() < started + 10_000) await sleep(50);
      const down = Date.now();
      await pg.stop();
      await sleep(DOWN_MS);
      await pg.start();
      const up = Date.now();
      stopAt = up + 4_000;
      return { down, up };
    };
    const [window] = await Promise.all([restart(), ...Array.from({ length: SENDERS }, sender)]);

    const accepted = outcomes.filter((o) => o.status === 202);
    const refused = outcomes.filter((o) => o.status === 503);
    const other = outcomes.filter((o) => o.status !== 202 && o.status !== 503);
    const acceptedAfter = accepted.filter((o) => o.at > window!.up);
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    expect(other.map((o) => [o.n, o.status, o.ms])).toEqual([]);
    expect(refused.length).toBeGreaterThan(0); // the outage was seen
    expect(refused.filter((o) => o.retryAfter !== "5")).toEqual([]); // and the senders were told when to retry
    expect(accepted.filter((o) => o.at < window!.down).length).toBeGreaterThan(0);
    expect(acceptedAfter.length).toBeGreaterThan(0); // intake recovered by itself
    expect(slowest).toBeLessThan(REQUEST_BOUND_MS);

    // Nothing accepted is lost: every alert id answered 2xx is stored, with its case.
    const alertIds = accepted.flatMap((o) => o.alertIds ?? []);
    expect(alertIds).toHaveLength(accepted.length);
    const stored = await db.select({ id: alerts.id, caseId: alerts.caseId }).from(alerts).where(inArray(alerts.id, alertIds));
    expect(stored).toHaveLength(alertIds.length);
    const caseIds = [...new Set(accepted.map((o) => o.caseId!))];
    expect(await db.$count(cases, inArray(cases.id, caseIds))).toBe(caseIds.length);

    // Everything accepted is processed: each case's triggered run finishes, none fails.
    const processed = async () => {
      const { rows } = await db.execute<{ open: number; failed: number; cases: number }>(sql`
        select count(*) filter (where status not in ('succeeded', 'failed', 'cancelled'))::int as open,
               count(*) filter (where status <> 'succeeded' and status not in ('queued', 'running', 'waiting'))::int as failed,
               count(distinct case_id)::int as cases
          from playbook_runs where case_id in ${caseIds}`);
      return rows[0]!;
    };
    console.log(`ingest done: ${accepted.length} accepted, ${refused.length} refused, ${caseIds.length} cases; waiting for their runs`);
    const done = async () => ((p) => p.open === 0 && p.cases === caseIds.length)(await processed());
    for (const deadline = Date.now() + 45_000; !(await done()) && Date.now() < deadline; ) await sleep(500);
    const final = await processed();
    if (final.open > 0 || final.failed > 0 || final.cases !== caseIds.length) console.error(`runs ${JSON.stringify(final)}; worker log:\n${worker.log()}`);
    expect(final).toEqual({ open: 0, failed: 0, cases: caseIds.length });
    const runs = await db.$count(playbookRuns, inArray(playbookRuns.caseId, caseIds));
    await intakeMeter(db).flush();
    await expect.poll(unreleasedClients, { timeout: 5_000 }).toBe(0);
    console.log(
      `checked: ${outcomes.length} webhook POSTs from ${SENDERS} senders across a Postgres stop/start (down ${window!.up - window!.down} ms); ` +
        `found: ${accepted.length} accepted (${acceptedAfter.length} after the restart), ${refused.length} answered 503, ${other.length} other, slowest ${slowest} ms; ` +
        `all ${alertIds.length} accepted alerts stored in ${caseIds.length} cases, ${runs} triggered runs all succeeded, 0 pool clients leaked`,
    );
  });
});
