// Liveness and readiness: is Postgres reachable, and has a worker checked in recently.
import { sql } from "drizzle-orm";
import type { Db } from "./db/client";
import { gt } from "drizzle-orm";
import { workerHeartbeats } from "./db/schema";

export const WORKER_STALE_MS = 30_000;

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  db: { ok: boolean; latencyMs?: number; error?: string };
  worker: { ok: boolean; alive: number };
  queue?: { pending: number };
}

export async function checkHealth(db: Db): Promise<HealthReport> {
  const started = performance.now();
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database did not answer within 2 s")), 2_000)),
    ]);
  } catch (e) {
    return { status: "down", db: { ok: false, error: (e as Error).message }, worker: { ok: false, alive: 0 } };
  }
  const latencyMs = Math.round(performance.now() - started);
  const alive = await db.$count(workerHeartbeats, gt(workerHeartbeats.lastSeenAt, new Date(Date.now() - WORKER_STALE_MS)));
  const queue = await db.execute<{ pending: number }>(sql`select count(*)::int as pending from graphile_worker.jobs where locked_at is null and attempts < max_attempts`).catch(() => null);
  return {
    status: alive > 0 ? "ok" : "degraded",
    db: { ok: true, latencyMs },
    worker: { ok: alive > 0, alive },
    ...(queue ? { queue: { pending: queue.rows[0]?.pending ?? 0 } } : {}),
  };
}
