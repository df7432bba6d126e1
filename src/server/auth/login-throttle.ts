// Per-address sign-in limit: at most IP_MAX_FAILURES unsuccessful attempts per address in a
// IP_WINDOW_MINUTES window, counted in Postgres (no process state, so it holds across replicas).
// An attempt is counted before the password is checked (an in-flight attempt holds its slot, so
// parallel guesses cannot overshoot, and a refused one costs no argon2 work); a successful
// sign-in gives its slot back. The per-account lockout lives in users.ts.
import { lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { loginThrottle } from "../db/schema";

export const IP_MAX_FAILURES = 20;
export const IP_WINDOW_MINUTES = 15;

export interface ThrottleVerdict {
  allowed: boolean;
  /** True for the first refused attempt of a window: the moment worth an audit row. */
  justBlocked: boolean;
  retryAfter: Date;
}

/** Counts one attempt for the address and says whether it may proceed. */
export async function reserveLoginAttempt(tx: DbOrTx, key: string): Promise<ThrottleVerdict> {
  const window = sql`make_interval(mins => ${IP_WINDOW_MINUTES})`;
  const expired = sql`login_throttle.window_start < now() - ${window}`;
  const result = await tx.execute<{ failures: number; retry_after: Date | string }>(sql`
    insert into login_throttle (key, window_start, failures) values (${key}, now(), 1)
    on conflict (key) do update set
      window_start = case when ${expired} then now() else login_throttle.window_start end,
      failures = case when ${expired} then 1 else least(login_throttle.failures + 1, 1000000) end
    returning failures, window_start + ${window} as retry_after`);
  const row = result.rows[0]!;
  return { allowed: row.failures <= IP_MAX_FAILURES, justBlocked: row.failures === IP_MAX_FAILURES + 1, retryAfter: new Date(row.retry_after) };
}

/** A successful sign-in does not count against its address. */
export async function releaseLoginAttempt(tx: DbOrTx, key: string): Promise<void> {
  await tx.execute(sql`update login_throttle set failures = greatest(failures - 1, 0) where key = ${key}`);
}

/** Forgets windows that ended long ago (called on successful sign-ins; the table stays small). */
export async function pruneLoginThrottle(tx: DbOrTx): Promise<void> {
  await tx.delete(loginThrottle).where(lt(loginThrottle.windowStart, sql`now() - interval '1 day'`));
}
