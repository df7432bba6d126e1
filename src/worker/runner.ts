// Starts the graphile-worker runner with Vigil's tasks, syncs the playbook registry, and keeps a
// heartbeat row so /api/health can see the worker. stop() lets running steps finish.
import os from "node:os";
import { randomBytes } from "node:crypto";
import { Logger as GraphileLogger, run, type Runner } from "graphile-worker";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "../server/db/client";
import { workerHeartbeats } from "../server/db/schema";
import { syncPlaybooks } from "../server/engine/sync-playbooks";
import { listPlaybooks } from "../server/engine/registry";
import { createLogger, type Logger } from "../server/logger";
import { buildTaskList } from "./tasks";

export interface WorkerOptions {
  connectionString: string;
  /** Jobs run at once. (Default: 10) */
  concurrency?: number;
  /** How often to poll for future jobs, ms; new jobs arrive by LISTEN/NOTIFY at once. (Default: 1000) */
  pollInterval?: number;
  log?: Logger;
  /** Heartbeat interval in ms. (Default: 5000) */
  heartbeatMs?: number;
}

export interface VigilWorker {
  id: string;
  db: Db;
  runner: Runner;
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
  const db = createDb(options.connectionString, { max: concurrency + 2, applicationName: "vigil-worker" });
  await syncPlaybooks(db);
  const id = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const beat = () =>
    db
      .insert(workerHeartbeats)
      .values({ id, hostname: os.hostname(), pid: process.pid, playbooks: listPlaybooks().map((p) => p.id) })
      .onConflictDoUpdate({ target: workerHeartbeats.id, set: { lastSeenAt: sql`now()` } })
      .catch((e: unknown) => log.warn({ err: (e as Error).message }, "heartbeat failed"));
  await beat();
  const timer = setInterval(beat, options.heartbeatMs ?? 5_000);
  timer.unref();

  const runner = await run({
    connectionString: options.connectionString,
    concurrency,
    pollInterval: options.pollInterval ?? 1_000,
    noHandleSignals: true,
    crontab: "",
    logger: graphileLogger(log),
    taskList: buildTaskList(db, log),
  });
  log.info({ id, concurrency, playbooks: listPlaybooks().length }, "worker started");

  let stopping: Promise<void> | undefined;
  return {
    id,
    db,
    runner,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        await runner.stop();
        await db.delete(workerHeartbeats).where(sql`${workerHeartbeats.id} = ${id}`).catch(() => undefined);
        await db.$client.end();
        log.info({ id }, "worker stopped");
      })();
      return stopping;
    },
  };
}
