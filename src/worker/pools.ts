// Which graphile-worker pools this process runs, which jobs they are executing, and the jobs they
// lost track of. graphile-worker locks jobs with its pool id; if Postgres drops while a job ends,
// the job's completion is lost and it stays locked by a pool that is alive but no longer running
// it (graphile would free it after 4 hours). We notice such orphans and rotate the pool: a new
// pool takes over, the old one stops gracefully, then its remaining locks are released.
import { sql } from "drizzle-orm";
import type { WorkerEvents } from "graphile-worker";
import type { Db } from "../server/db/client";

export class PoolTracker {
  /** Pool ids this process vouches for in its heartbeat. */
  readonly live = new Set<string>();
  private readonly active = new Set<string>();
  lastCreated: string | null = null;

  constructor(events: WorkerEvents) {
    events.on("pool:create", ({ workerPool }) => {
      this.live.add(workerPool.id);
      this.lastCreated = workerPool.id;
    });
    events.on("job:start", ({ job }) => void this.active.add(String(job.id)));
    events.on("job:complete", ({ job }) => void this.active.delete(String(job.id)));
  }

  /** Jobs locked by `poolId` for longer than `olderThanMs` that no worker of this process is running. */
  async orphans(db: Db, poolId: string, olderThanMs: number): Promise<string[]> {
    const { rows } = await db.execute<{ id: string }>(
      sql`select id::text as id from graphile_worker.jobs where locked_by = ${poolId} and locked_at < now() - make_interval(secs => ${olderThanMs / 1000})`,
    );
    return rows.map((r) => r.id).filter((id) => !this.active.has(id));
  }

  /** Stops vouching for a pool and frees what it still holds (it has stopped, or died). */
  async retire(db: Db, poolId: string): Promise<void> {
    this.live.delete(poolId);
    await db.execute(sql`select graphile_worker.force_unlock_workers(${`{"${poolId.replace(/["\\{},]/g, "")}"}`}::text[])`);
  }
}
