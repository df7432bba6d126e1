// Per-source rate limit and rejection counters, kept in Postgres without a hot row.
//
// Why not one counter row per source? Issue 10 targets ≥ 2,000 alerts/s through the webhook; an
// UPDATE of the same row per request serializes every request on that row's lock (and bloats it
// with dead tuples). Instead:
//  - every web process (node) counts admitted requests in memory and flushes them about once a
//    second into intake_rate_counts, one row per (source, minute, node): no two processes ever
//    write the same row, and a process writes its row once per second, not once per request;
//  - the decision reads the global count (sum over all nodes) for the current and previous minute,
//    cached for ~1 s per source, and adds what this process counted since that read. The limit is
//    a sliding window approximated from two fixed minutes (previous × remaining fraction + current).
// So the state lives in Postgres (a restart or another replica sees it; nothing is assumed to be
// in process), while requests never wait on each other. The price is precision: with N processes,
// a source can overshoot by what the other N-1 processes admit within one cache period (~1 s).
// Requests refused with 429 are not counted, so a sender that backs off gets through again.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { intakeCounters, intakeRateCounts, webhookNonces } from "../db/schema";
import { isDatabaseUnavailable } from "../errors";
import { logger } from "../logger";

const MINUTE = 60_000;

export interface MeterOptions {
  /** Identifies this process's rows. (Default: hostname:pid:random) */
  node?: string;
  /** How long a read of the global counts is trusted. (Default: 1000 ms) */
  cacheMs?: number;
  /** How often counts are written to Postgres. (Default: 1000 ms) */
  flushMs?: number;
}

interface SourceWindow {
  windowStart: number;
  readAt: number;
  previous: number; // global count of the previous minute at the last read
  current: number; // global count of this minute at the last read
  local: number; // admitted here that the last read may not include (unflushed at its start, or later)
  refreshing?: Promise<void>;
}

interface Count {
  sourceId: string;
  windowStart: number;
  count: number;
}

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Seconds until one more request fits under the sliding window, assuming no other traffic. */
export function retryAfterSeconds(limit: number, previous: number, current: number, elapsedMs: number): number {
  const elapsed = elapsedMs / 1000;
  let wait: number;
  if (current + 1 <= limit) wait = previous > 0 ? 60 * (1 - (limit - 1 - current) / previous) - elapsed : 0;
  else wait = 60 - elapsed + 60 * (1 - (limit - 1) / current);
  return Math.min(120, Math.max(1, Math.ceil(wait)));
}

const countKey = (sourceId: string, windowStart: number) => `${sourceId}|${windowStart}`;

export class IntakeMeter {
  readonly node: string;
  private readonly cacheMs: number;
  private readonly windows = new Map<string, SourceWindow>();
  private pending = new Map<string, Count>();
  private inFlight = new Map<string, Count>();
  private rejections = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastCleanup = 0;

  constructor(
    private readonly db: Db,
    private readonly options: MeterOptions = {},
  ) {
    this.node = options.node ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.cacheMs = options.cacheMs ?? 1000;
  }

  /** Admits one request of a source under `limit` per minute, or says how long to wait. */
  async admit(sourceId: string, limit: number, now = Date.now()): Promise<Admission> {
    this.startTimer();
    const w = await this.fresh(sourceId, now);
    const elapsed = now - w.windowStart;
    const current = w.current + w.local;
    const estimate = w.previous * (1 - elapsed / MINUTE) + current;
    if (estimate + 1 > limit) return { ok: false, retryAfterSeconds: retryAfterSeconds(limit, w.previous, current, elapsed) };
    w.local++;
    const key = countKey(sourceId, w.windowStart);
    const entry = this.pending.get(key);
    if (entry) entry.count++;
    else this.pending.set(key, { sourceId, windowStart: w.windowStart, count: 1 });
    return { ok: true };
  }

  /** Counts a rejected request that is not kept (e.g. failed authentication). */
  countRejection(sourceSlug: string, reason: string): void {
    this.startTimer();
    const key = `${sourceSlug.slice(0, 100)}\u0001${reason}`;
    this.rejections.set(key, (this.rejections.get(key) ?? 0) + 1);
  }

  private async fresh(sourceId: string, now: number): Promise<SourceWindow> {
    const windowStart = Math.floor(now / MINUTE) * MINUTE;
    let w = this.windows.get(sourceId);
    if (!w || w.windowStart !== windowStart) {
      w = { windowStart, readAt: 0, previous: 0, current: 0, local: 0 };
      this.windows.set(sourceId, w);
    }
    if (now - w.readAt > this.cacheMs) {
      const target = w;
      target.refreshing ??= this.read(sourceId, target, now).finally(() => (target.refreshing = undefined));
      await target.refreshing;
    }
    return w;
  }

  private unflushed(sourceId: string, windowStart: number): number {
    const key = countKey(sourceId, windowStart);
    return (this.pending.get(key)?.count ?? 0) + (this.inFlight.get(key)?.count ?? 0);
  }

  private async read(sourceId: string, w: SourceWindow, now: number): Promise<void> {
    // What is unflushed now cannot be in the read; what gets flushed during it may be counted
    // twice until the next read, which errs on the safe side.
    const localAtStart = this.unflushed(sourceId, w.windowStart);
    const admittedBefore = w.local;
    const rows = await this.db
      .select({ windowStart: intakeRateCounts.windowStart, n: sql<number>`sum(${intakeRateCounts.count})::int` })
      .from(intakeRateCounts)
      .where(and(eq(intakeRateCounts.sourceId, sourceId), gte(intakeRateCounts.windowStart, new Date(w.windowStart - MINUTE))))
      .groupBy(intakeRateCounts.windowStart);
    w.previous = rows.find((r) => r.windowStart.getTime() === w.windowStart - MINUTE)?.n ?? 0;
    w.current = rows.find((r) => r.windowStart.getTime() === w.windowStart)?.n ?? 0;
    w.local = localAtStart + (w.local - admittedBefore);
    w.readAt = now;
  }

  /** Writes this process's counts to Postgres; counts survive a failed flush and go next time. */
  async flush(): Promise<void> {
    this.flushing ??= this.doFlush().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    this.inFlight = this.pending;
    this.pending = new Map();
    const rejections = this.rejections;
    this.rejections = new Map();
    try {
      await this.writeCounts([...this.inFlight.values()], [...rejections]);
      await this.cleanup();
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        for (const [key, c] of this.inFlight) {
          const entry = this.pending.get(key);
          if (entry) entry.count += c.count;
          else this.pending.set(key, c);
        }
        for (const [key, n] of rejections) this.rejections.set(key, (this.rejections.get(key) ?? 0) + n);
      } else logger().warn({ err: error }, "intake counters could not be written; dropped");
    } finally {
      this.inFlight = new Map();
    }
  }

  private async writeCounts(batch: Count[], rejections: [string, number][]): Promise<void> {
    if (batch.length > 0)
      await this.db
        .insert(intakeRateCounts)
        .values(batch.map((b) => ({ sourceId: b.sourceId, windowStart: new Date(b.windowStart), node: this.node, count: b.count })))
        .onConflictDoUpdate({
          target: [intakeRateCounts.sourceId, intakeRateCounts.windowStart, intakeRateCounts.node],
          set: { count: sql`${intakeRateCounts.count} + excluded.count` },
        });
    if (rejections.length > 0)
      await this.db
        .insert(intakeCounters)
        .values(rejections.map(([key, count]) => ({ sourceSlug: key.split("\u0001")[0]!, reason: key.split("\u0001")[1]!, count })))
        .onConflictDoUpdate({
          target: [intakeCounters.sourceSlug, intakeCounters.reason],
          set: { count: sql`${intakeCounters.count} + excluded.count`, lastAt: sql`now()` },
        });
  }

  /** Once a minute: forget counts older than ten minutes and nonces past their window. */
  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < MINUTE) return;
    this.lastCleanup = Date.now();
    await this.db.delete(intakeRateCounts).where(lt(intakeRateCounts.windowStart, new Date(Date.now() - 10 * MINUTE)));
    await this.db.delete(webhookNonces).where(lt(webhookNonces.expiresAt, new Date()));
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.options.flushMs ?? 1000);
    this.timer.unref();
  }

  /** Flushes and stops the timer (process shutdown, end of a test). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}

const registry = globalThis as unknown as { vigilIntakeMeters?: WeakMap<Db, IntakeMeter> };

/** The meter of this process for a database handle. */
export function intakeMeter(db: Db): IntakeMeter {
  registry.vigilIntakeMeters ??= new WeakMap();
  let meter = registry.vigilIntakeMeters.get(db);
  if (!meter) registry.vigilIntakeMeters.set(db, (meter = new IntakeMeter(db)));
  return meter;
}
