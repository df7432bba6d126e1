// One execution at a time per run. An execution first takes a session advisory lock on the run
// (held on a dedicated connection for as long as it runs), then claims the run row with a fresh
// execution id: the fencing token. Every journal write checks the token in the same transaction,
// so an execution that lost its lock (Postgres restarted, or its worker was presumed dead and the
// job was handed to another worker) can never write after the new owner took over.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type pg from "pg";
import type { Db, Tx } from "../db/client";
import { ExecutionSuperseded } from "./errors";

const RUN_LOCK_NAMESPACE = 7_411_003;

export interface RunLease {
  runId: string;
  /** The fencing token written to playbook_runs.execution_id when the run is claimed. */
  executionId: string;
  /** True once the lock's connection broke: the lock is gone, writes will be refused. */
  readonly lost: boolean;
  release(): Promise<void>;
}

/** Takes the run's lock, or returns null when another execution holds it. */
export async function acquireRunLease(db: Db, runId: string): Promise<RunLease | null> {
  const client: pg.PoolClient = await db.$client.connect();
  let lost = false;
  const onError = () => {
    lost = true;
  };
  client.on("error", onError);
  let locked = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1, hashtext($2)) as locked", [RUN_LOCK_NAMESPACE, runId]);
    locked = rows[0]?.locked === true;
  } catch (error) {
    client.off("error", onError);
    client.release(true);
    throw error;
  }
  if (!locked) {
    client.off("error", onError);
    client.release();
    return null;
  }
  let released = false;
  return {
    runId,
    executionId: randomUUID(),
    get lost() {
      return lost;
    },
    async release() {
      if (released) return;
      released = true;
      try {
        if (!lost) await client.query("select pg_advisory_unlock($1, hashtext($2))", [RUN_LOCK_NAMESPACE, runId]);
        client.off("error", onError);
        client.release(lost);
      } catch {
        client.off("error", onError);
        client.release(true); // destroy: closing the connection drops the lock anyway
      }
    },
  };
}

/**
 * Runs `fn` in a transaction that first locks the run row and checks that this execution still
 * owns it (same execution id, run not finished or cancelled). Throws ExecutionSuperseded otherwise.
 */
export async function fenced<T>(db: Db, lease: Pick<RunLease, "runId" | "executionId">, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ status: string; execution_id: string | null }>(
      sql`select status, execution_id from playbook_runs where id = ${lease.runId} for update`,
    );
    const row = rows[0];
    if (!row || row.execution_id !== lease.executionId)
      throw new ExecutionSuperseded(`run ${lease.runId} is now owned by another execution; this one stops without writing`);
    if (["succeeded", "failed", "cancelled"].includes(row.status)) throw new ExecutionSuperseded(`run ${lease.runId} is already ${row.status}`);
    return fn(tx);
  });
}

/** Claims a run for this execution: status running, new fencing token. Null when it is finished. */
export async function claimRun(db: Db, lease: RunLease, versionHash: string) {
  const { rows } = await db.execute<{ id: string }>(sql`
    update playbook_runs
       set status = 'running', execution_id = ${lease.executionId}, started_at = coalesce(started_at, now()),
           version_hash = coalesce(version_hash, ${versionHash}), updated_at = now()
     where id = ${lease.runId} and status in ('queued', 'running', 'waiting')
     returning id`);
  return rows.length > 0;
}

/** Marks the run as waiting (inside a fenced transaction). */
export async function markRunWaiting(tx: Tx, runId: string): Promise<void> {
  await tx.execute(sql`update playbook_runs set status = 'waiting', updated_at = now() where id = ${runId}`);
}
