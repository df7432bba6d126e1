// Starts the graphile-worker runner with Vigil's tasks, syncs the playbook registry, and keeps a
// heartbeat row (with its pool ids) so /api/health sees the worker and other workers can free the
// jobs of a crashed one (reaper.ts). It survives Postgres outages: a runner that stops on its own
// is replaced, and a pool that lost track of jobs is rotated (pools.ts). stop() lets running
// steps finish.
import { EventEmitter } from "node:events";
import os from "node:os";
import { randomBytes } from "node:crypto";
import { Logger as GraphileLogger, run, type Runner, type WorkerEvents } from "graphile-worker";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "../server/db/client";
import { workerHeartbeats } from "../server/db/schema";
import { env } from "../server/env";
import { isDatabaseUnavailable } from "../server/errors";
import { loadExtraPlaybooks } from "../server/engine/extra-playbooks";
import { syncPlaybooks } from "../server/engine/sync-playbooks";
import { listPlaybooks } from "../server/engine/registry";
import { createLogger, type Logger } from "../server/logger";
import { PoolTracker } from "./pools";
import { reapDeadWorkers } from "./reaper";
import { buildTaskList } from "./tasks";

export interface WorkerOptions {
  connectionString: string;
  /** Jobs run at once. (Default: 10) */
  concurrency?: number;
  /** How often to poll for future jobs, ms; new jobs arrive by LISTEN/NOTIFY at once. (Default: 1000) */
  pollInterval?: number;
  log?: Logger;
  /** Heartbeat interval in ms. (Default: VIGIL_WORKER_HEARTBEAT_MS, 5000) */
  heartbeatMs?: number;
  /** Silence after which another worker is presumed dead, ms. (Default: VIGIL_WORKER_STALE_MS, 30000) */
  staleMs?: number;
  /** Extra playbook files/directories, comma-separated. (Default: VIGIL_EXTRA_PLAYBOOKS) */
  extraPlaybooks?: string;
}

export interface VigilWorker {
  id: string;
  db: Db;
  readonly runner: Runner;
  stop(): Promise<void>;
}

/** graphile-worker's logs through pino; its per-job info lines become debug. */
function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger((scope) => (level, message, meta) => {
    const fields = { graphile: scope.label ?? "core", ...(scope.taskIdentifier ? { task: scope.taskIdentifier, jobId: scope.jobId } : {}), ...(meta ?? {}) };
    if (level === "error") log.error(fields, message);
    else if (level === "warning") log.warn(fields, message);
    else log.debug(fields, message);
  });
}

/** A worker started while Postgres is down (a restart, a failover) waits for it instead of exiting. */
async function syncWhenDatabaseAnswers(db: Db, log: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await syncPlaybooks(db);
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      if (attempt === 1) log.warn({ err: (error as Error).message }, "Postgres is unavailable; the worker waits for it");
      await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 5_000)));
    }
  }
}

export async function startWorker(options: WorkerOptions): Promise<VigilWorker> {
  const log = options.log ?? createLogger("vigil-worker");
  const concurrency = options.concurrency ?? 10;
  const heartbeatMs = options.heartbeatMs ?? env().VIGIL_WORKER_HEARTBEAT_MS;
  const staleMs = options.staleMs ?? env().VIGIL_WORKER_STALE_MS;
  // Each running job holds one connection for its run's lock and uses another for its queries.
  const db = createDb(options.connectionString, { max: concurrency * 2 + 2, applicationName: "vigil-worker" });
  await loadExtraPlaybooks(options.extraPlaybooks ?? env().VIGIL_EXTRA_PLAYBOOKS);
  await syncWhenDatabaseAnswers(db, log);
  const id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const events: WorkerEvents = new EventEmitter();
  const pools = new PoolTracker(events);
  let stopping = false;
  let runner: Runner;
  let poolId: string;
  const retired = new WeakSet<Runner>();

  const startRunner = async () => {
    const r = await run({
      connectionString: options.connectionString,
      concurrency,
      pollInterval: options.pollInterval ?? 1_000,
      noHandleSignals: true,
      crontab: "",
      logger: graphileLogger(log),
      events,
      taskList: buildTaskList(db, log),
    });
    runner = r;
    poolId = pools.lastCreated!;
    const thisPool = poolId;
    // A runner that ends while we are not stopping or rotating it died: replace it.
    r.promise.then(
      () => !retired.has(r) && void replace(thisPool, "stopped"),
      (e: unknown) => !retired.has(r) && void replace(thisPool, `failed: ${(e as Error).message}`),
    );
  };

  const replace = async (deadPool: string, why: string) => {
    if (stopping) return;
    log.error({ why, pool: deadPool }, "graphile-worker runner ended unexpectedly; starting a new one");
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await startRunner();
        await pools.retire(db, deadPool).catch(() => pools.live.delete(deadPool)); // others reap it once stale
        return;
      } catch (e) {
        log.warn({ err: (e as Error).message, attempt }, "starting a new runner failed; retrying");
        await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 10_000)));
      }
    }
  };

  /** A new pool takes over; the old one finishes its jobs, then its leftover locks are released. */
  const rotate = async (orphans: string[]) => {
    const old = runner;
    const oldPool = poolId;
    retired.add(old);
    log.warn({ pool: oldPool, jobs: orphans }, "jobs lost their completion during a database outage; rotating the worker pool");
    await startRunner();
    await old.stop().catch(() => undefined);
    await pools.retire(db, oldPool);
  };

  let rotating = false;
  const beat = async () => {
    const ids = [...pools.live];
    await db
      .insert(workerHeartbeats)
      .values({ id, hostname: os.hostname(), pid: process.pid, playbooks: listPlaybooks().map((p) => p.id), graphileWorkerIds: ids })
      .onConflictDoUpdate({ target: workerHeartbeats.id, set: { lastSeenAt: sql`now()`, graphileWorkerIds: ids } });
    await reapDeadWorkers(db, staleMs, log);
    if (rotating || stopping) return;
    const orphans = await pools.orphans(db, poolId, Math.max(heartbeatMs * 2, 2_000));
    if (orphans.length === 0) return;
    rotating = true;
    void rotate(orphans).finally(() => (rotating = false));
  };
  const safeBeat = () => beat().catch((e: unknown) => log.warn({ err: (e as Error).message }, "heartbeat failed"));

  await startRunner();
  await safeBeat();
  const timer = setInterval(safeBeat, heartbeatMs);
  timer.unref();
  log.info({ id, concurrency, playbooks: listPlaybooks().length }, "worker started");

  let stopped: Promise<void> | undefined;
  return {
    id,
    db,
    get runner() {
      return runner;
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        clearInterval(timer);
        retired.add(runner);
        await runner.stop().catch(() => undefined);
        await db.delete(workerHeartbeats).where(sql`${workerHeartbeats.id} = ${id}`).catch(() => undefined);
        await db.$client.end();
        log.info({ id }, "worker stopped");
      })();
      return stopped;
    },
  };
}
