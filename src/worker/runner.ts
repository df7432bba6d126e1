// Starts the graphile-worker runner with Vigil's tasks, syncs the playbook registry, keeps a
// heartbeat row (with graphile's worker ids) so /api/health can see the worker and other workers
// can free the jobs of a crashed one, and restarts the runner if it ever stops on its own (e.g.
// graphile gave up during a long Postgres outage). stop() lets running steps finish.
import { EventEmitter } from "node:events";
import os from "node:os";
import { randomBytes } from "node:crypto";
import { Logger as GraphileLogger, run, type Runner, type WorkerEvents } from "graphile-worker";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "../server/db/client";
import { workerHeartbeats } from "../server/db/schema";
import { env } from "../server/env";
import { loadExtraPlaybooks } from "../server/engine/extra-playbooks";
import { syncPlaybooks } from "../server/engine/sync-playbooks";
import { listPlaybooks } from "../server/engine/registry";
import { createLogger, type Logger } from "../server/logger";
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

export async function startWorker(options: WorkerOptions): Promise<VigilWorker> {
  const log = options.log ?? createLogger("vigil-worker");
  const concurrency = options.concurrency ?? 10;
  const heartbeatMs = options.heartbeatMs ?? env().VIGIL_WORKER_HEARTBEAT_MS;
  const staleMs = options.staleMs ?? env().VIGIL_WORKER_STALE_MS;
  // Each running job holds one connection for its run's lock and uses another for its queries.
  const db = createDb(options.connectionString, { max: concurrency * 2 + 2, applicationName: "vigil-worker" });
  await loadExtraPlaybooks(options.extraPlaybooks ?? env().VIGIL_EXTRA_PLAYBOOKS);
  await syncPlaybooks(db);
  const id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const graphileIds = new Set<string>();
  const events: WorkerEvents = new EventEmitter();
  events.on("worker:create", ({ worker }) => graphileIds.add(worker.workerId));

  const beat = async () => {
    const ids = [...graphileIds];
    await db
      .insert(workerHeartbeats)
      .values({ id, hostname: os.hostname(), pid: process.pid, playbooks: listPlaybooks().map((p) => p.id), graphileWorkerIds: ids })
      .onConflictDoUpdate({ target: workerHeartbeats.id, set: { lastSeenAt: sql`now()`, graphileWorkerIds: ids } });
    await reapDeadWorkers(db, staleMs, log);
  };
  const safeBeat = () => beat().catch((e: unknown) => log.warn({ err: (e as Error).message }, "heartbeat failed"));

  const startRunner = () =>
    run({
      connectionString: options.connectionString,
      concurrency,
      pollInterval: options.pollInterval ?? 1_000,
      noHandleSignals: true,
      crontab: "",
      logger: graphileLogger(log),
      events,
      taskList: buildTaskList(db, log),
    });

  let stopping = false;
  let runner = await startRunner();
  await safeBeat();
  const timer = setInterval(safeBeat, heartbeatMs);
  timer.unref();

  // graphile-worker shuts its pool down when it cannot record job results for minutes; start again.
  const supervise = (current: Runner): void => {
    void current.promise.then(
      () => restart("stopped"),
      (e: unknown) => restart(`failed: ${(e as Error).message}`),
    );
  };
  const restart = async (why: string): Promise<void> => {
    if (stopping) return;
    log.error({ why }, "graphile-worker runner ended unexpectedly; restarting");
    for (let attempt = 1; !stopping; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(1_000 * attempt, 10_000)));
      if (stopping) return;
      try {
        runner = await startRunner();
        supervise(runner);
        return;
      } catch (e) {
        log.warn({ err: (e as Error).message, attempt }, "runner restart failed; retrying");
      }
    }
  };
  supervise(runner);
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
        await runner.stop().catch(() => undefined);
        await db.delete(workerHeartbeats).where(sql`${workerHeartbeats.id} = ${id}`).catch(() => undefined);
        await db.$client.end();
        log.info({ id }, "worker stopped");
      })();
      return stopped;
    },
  };
}
