// Worker process body (`npm run worker` via the CLI): run graphile-worker with Vigil's tasks until
// SIGTERM/SIGINT, then let running steps finish before exiting.
import { env } from "../server/env";
import { logger, type Logger } from "../server/logger";
import { startWorker } from "./runner";

/**
 * graphile-worker records a job's end without awaiting it; when Postgres is gone at that moment the
 * rejection is unhandled, which would end the process. The worker recovers those jobs itself
 * (pools.ts), so a process hosting a worker logs such rejections instead of dying.
 */
export function survivePostgresOutages(log: Logger): void {
  process.on("unhandledRejection", (reason) => log.error({ err: reason instanceof Error ? reason.message : String(reason) }, "unhandled rejection (worker keeps running)"));
}

export async function runWorkerProcess(connectionString: string, afterStop: () => Promise<void> = async () => undefined): Promise<void> {
  survivePostgresOutages(logger());
  const worker = await startWorker({ connectionString, concurrency: env().VIGIL_WORKER_CONCURRENCY, log: logger() });
  const shutdown = (signal: string) => {
    logger().info({ signal }, "worker: shutting down, letting running steps finish");
    worker
      .stop()
      .then(afterStop)
      .then(() => process.exit(0), () => process.exit(1));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}
