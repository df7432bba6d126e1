// Announces changes on `vigil_live` AFTER the writing transaction has committed, coalesced per
// process: many changes within COALESCE_MS become one NOTIFY per topic. Why not a trigger: NOTIFY
// inside a transaction holds a database-wide lock from its commit until it ends, serialising the
// commits of all notifying transactions (measured here with pgbench, 32 clients: 6,400 -> 2,700
// tx/s). The ingest path must not pay that; a separate NOTIFY after commit costs next to nothing.
// Losing a pending notification (process killed) only delays a screen until its next refetch.
import type { Db } from "../db/client";
import { logger } from "../logger";
import { LIVE_CHANNEL, MAX_IDS, type LiveTopic } from "./events";

export const COALESCE_MS = 100;

interface PendingTopic {
  caseIds: Set<string>;
  runIds: Set<string>;
}
interface Pending {
  timer: NodeJS.Timeout | null;
  topics: Map<LiveTopic, PendingTopic>;
  flushing: Promise<void> | null;
}

const g = globalThis as unknown as { vigilLivePending?: WeakMap<object, Pending> };
const pendingByPool = (g.vigilLivePending ??= new WeakMap());

function pendingFor(db: Db): Pending {
  let p = pendingByPool.get(db.$client);
  if (!p) pendingByPool.set(db.$client, (p = { timer: null, topics: new Map(), flushing: null }));
  return p;
}

const idList = (set: Set<string>) => (set.size > MAX_IDS ? "*" : [...set]);

/** Queues a notification; call it after the change committed. Never throws, never waits. */
export function notifyLive(db: Db, event: { topic: LiveTopic; caseIds?: (string | null | undefined)[]; runIds?: (string | null | undefined)[] }): void {
  const p = pendingFor(db);
  let t = p.topics.get(event.topic);
  if (!t) p.topics.set(event.topic, (t = { caseIds: new Set(), runIds: new Set() }));
  for (const id of event.caseIds ?? []) if (id) t.caseIds.add(id);
  for (const id of event.runIds ?? []) if (id) t.runIds.add(id);
  if (!p.timer) {
    p.timer = setTimeout(() => void flushLive(db), COALESCE_MS);
    p.timer.unref();
  }
}

/** Sends what is queued now (tests, shutdown). */
export async function flushLive(db: Db): Promise<void> {
  const p = pendingFor(db);
  if (p.timer) clearTimeout(p.timer);
  p.timer = null;
  const topics = [...p.topics];
  p.topics.clear();
  if (topics.length === 0) return;
  const payloads = topics.map(([topic, t]) => JSON.stringify({ topic, caseIds: idList(t.caseIds), runIds: idList(t.runIds) }));
  try {
    await db.$client.query(`select pg_notify($1, x) from unnest($2::text[]) as x`, [LIVE_CHANNEL, payloads]);
  } catch (error) {
    logger().warn({ err: error }, "live update notification not sent; open screens refresh on their next event");
  }
}
