// Worker process body (`npm run worker` via the CLI): run graphile-worker with Vigil's tasks until
// SIGTERM/SIGINT, then let running steps finish before exiting.
import { env } from "../server/env";
import { logger } from "../server/logger";
import { startWorker } from "./runner";

export async function runWorkerProcess(connectionString: string, afterStop: () => Promise<void> = async () => undefined): Promise<void> {
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
