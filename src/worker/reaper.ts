// Hands the jobs of dead workers back to the queue. graphile-worker only frees a crashed worker's
// locked jobs after 4 hours; Vigil workers record their graphile worker ids with a heartbeat, and
// any worker unlocks the jobs held by ids that no live heartbeat vouches for. A worker wrongly
// presumed dead is harmless: its execution loses the run's fencing token (see run-lease.ts).
import { sql } from "drizzle-orm";
import type { Db } from "../server/db/client";
import type { Logger } from "../server/logger";

/** Unlocks jobs locked (for longer than staleMs) by workers without a fresh heartbeat. Returns the worker ids. */
export async function reapDeadWorkers(db: Db, staleMs: number, log?: Logger): Promise<string[]> {
  const secs = staleMs / 1000;
  const { rows } = await db.execute<{ locked_by: string }>(sql`
    with live as (
      select jsonb_array_elements_text(graphile_worker_ids) as id
        from worker_heartbeats where last_seen_at > now() - make_interval(secs => ${secs})
    )
    select distinct locked_by from graphile_worker.jobs
     where locked_by is not null and locked_at < now() - make_interval(secs => ${secs})
       and locked_by not in (select id from live)`);
  const dead = rows.map((r) => r.locked_by);
  if (dead.length > 0) {
    await db.execute(sql`select graphile_worker.force_unlock_workers(${`{${dead.map((d) => `"${d.replace(/["\\]/g, "")}"`).join(",")}}`}::text[])`);
    log?.warn({ workers: dead }, "unlocked the jobs of workers that stopped sending heartbeats");
  }
  await db.execute(sql`delete from worker_heartbeats where last_seen_at < now() - make_interval(secs => ${secs * 10})`);
  return dead;
}
