// The ingest transaction: dedup, insert alerts and observables, group into cases and start the
// matching playbook runs, all in ONE transaction, so an accepted alert is never half-stored.
import { and, desc, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
import { isPoolDb, type Db, type DbOrTx } from "../db/client";
import { alertObservables, alerts, caseObservables, observables, playbooks } from "../db/schema";
import type { NormalizedAlert } from "../alerts/types";
import { fingerprintAlert } from "../alerts/fingerprint";
import { groupIntoCase } from "../cases/grouping";
import { loadGroupingRules } from "../cases/grouping-rule-store";
import type { GroupingRule } from "../cases/grouping-rules";
import { addCaseEvent, withHeldCaseEvents } from "../cases/timeline";
import { listPlaybooks } from "../engine/registry";
import { matchingPlaybooks, observableMap } from "../engine/triggers";
import { startRun } from "../engine/runs";
import { recordNonce } from "./nonces";
import { cachedConfig } from "./config-cache";
import { pgSafeJson } from "./pg-safe";
import { notifyLive } from "../live/notify";
import { logger } from "../logger";

export const FINGERPRINT_DEDUP_WINDOW_MINUTES = 60;

export interface SourceRef {
  id: string;
  slug: string;
  kind: string;
}

export interface StoredAlert {
  alertId: string;
  caseId: string | null;
  duplicate: boolean;
  runIds: string[];
}

/** The normalized alert as stored in alerts.normalized (no raw copy, ISO time). */
function normalizedForStorage(alert: NormalizedAlert) {
  const { raw: _raw, ...rest } = alert;
  return { ...rest, occurredAt: alert.occurredAt.toISOString() };
}

export interface StoreOptions {
  /** An accepted HMAC signature: recorded here, so a replay is refused and a failed ingest leaves none. */
  nonce?: { signature: string; expiresAt: Date };
  /** The request body verbatim, when `raw` is not a faithful copy of it. */
  rawBody?: Buffer | null;
}

interface StoreContext {
  enabled: Map<string, boolean>;
  rules: GroupingRule[];
  rawBody: Buffer | null;
  /** Observables of the stored alerts, whose last_seen is bumped after commit. */
  seen: string[];
}

/** Inserts the alert, or counts a duplicate. Returns the row and whether it was new. */
async function insertOrCountDuplicate(tx: DbOrTx, source: SourceRef, alert: NormalizedAlert, rawBody: Buffer | null) {
  const fingerprint = fingerprintAlert(alert);
  const values = {
    sourceId: source.id,
    externalId: alert.externalId,
    fingerprint,
    title: alert.title,
    severity: alert.severity,
    category: alert.category,
    occurredAt: alert.occurredAt,
    raw: (alert.raw ?? null) as object,
    rawBody,
    normalized: normalizedForStorage(alert),
  };
  if (alert.externalId) {
    const [row] = await tx
      .insert(alerts)
      .values(values)
      .onConflictDoUpdate({
        target: [alerts.sourceId, alerts.externalId],
        set: { duplicateCount: sql`${alerts.duplicateCount} + 1`, lastSeenAt: sql`now()` },
      })
      .returning({ id: alerts.id, caseId: alerts.caseId, inserted: sql<boolean>`(xmax = 0)` });
    return { id: row!.id, caseId: row!.caseId, inserted: row!.inserted };
  }
  // No vendor id: the content fingerprint within the window is the dedup key.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`alert:${source.id}:${fingerprint}`}, 0))`);
  const since = new Date(Date.now() - FINGERPRINT_DEDUP_WINDOW_MINUTES * 60_000);
  const [existing] = await tx
    .select({ id: alerts.id, caseId: alerts.caseId })
    .from(alerts)
    .where(and(eq(alerts.sourceId, source.id), eq(alerts.fingerprint, fingerprint), gt(alerts.receivedAt, since)))
    .orderBy(desc(alerts.receivedAt))
    .limit(1);
  if (existing) {
    await tx.update(alerts).set({ duplicateCount: sql`${alerts.duplicateCount} + 1`, lastSeenAt: sql`now()` }).where(eq(alerts.id, existing.id));
    return { ...existing, inserted: false };
  }
  const [row] = await tx.insert(alerts).values(values).returning({ id: alerts.id, caseId: alerts.caseId });
  return { id: row!.id, caseId: row!.caseId, inserted: true };
}

/**
 * The observables' rows, created when new. Existing rows are only read: an upsert would lock every
 * shared observable (one attacker IP in thousands of alerts) until commit and serialise concurrent
 * ingests on it (measured by `npm run bench`: 7 of 10 connections waiting). When another ingest
 * inserts the same value concurrently, ON CONFLICT DO NOTHING waits for its commit, so the SELECT
 * after it (a new snapshot under READ COMMITTED) finds the row. last_seen is bumped after commit.
 */
async function observableRows(tx: DbOrTx, list: NormalizedAlert["observables"]) {
  const columns = { id: observables.id, type: observables.type, value: observables.value };
  const inserted = await tx.insert(observables).values(list.map((o) => ({ type: o.type, value: o.value }))).onConflictDoNothing().returning(columns);
  const have = new Set(inserted.map((r) => `${r.type}\u0001${r.value}`));
  const missing = list.filter((o) => !have.has(`${o.type}\u0001${o.value}`));
  if (missing.length === 0) return inserted;
  const existing = await tx
    .select(columns)
    .from(observables)
    .where(or(...missing.map((o) => and(eq(observables.type, o.type), eq(observables.value, o.value)))));
  return [...inserted, ...existing];
}

/** Marks observables as seen now, skipping rows bumped in the last 10 s (so a hot row is rarely locked). */
async function touchObservables(db: DbOrTx, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 10_000)
    await db
      .update(observables)
      .set({ lastSeen: sql`now()` })
      .where(and(inArray(observables.id, ids.slice(i, i + 10_000)), lt(observables.lastSeen, sql`now() - interval '10 seconds'`)));
}

/** How long committed ingests' observables wait to share one last_seen UPDATE. */
export const TOUCH_COALESCE_MS = 250;
const touchState = globalThis as unknown as { vigilTouchPending?: WeakMap<object, { ids: Set<string>; timer: NodeJS.Timeout | null }> };

/**
 * Queues a last_seen bump, coalesced per process like live notifications: one UPDATE per
 * TOUCH_COALESCE_MS for all ingests instead of one statement per alert (issue 10). Losing a
 * pending bump (process killed) only leaves last_seen a little old.
 */
function queueTouch(db: Db, ids: string[]): void {
  if (ids.length === 0) return;
  const byPool = (touchState.vigilTouchPending ??= new WeakMap());
  let pending = byPool.get(db.$client);
  if (!pending) byPool.set(db.$client, (pending = { ids: new Set(), timer: null }));
  for (const id of ids) pending.ids.add(id);
  if (pending.timer) return;
  const p = pending;
  p.timer = setTimeout(() => {
    const batch = [...p.ids];
    p.ids.clear();
    p.timer = null;
    touchObservables(db, batch).catch((e: unknown) => logger().warn({ err: (e as Error).message }, "could not update observables' last_seen"));
  }, TOUCH_COALESCE_MS);
  p.timer.unref();
}

/**
 * Files the alert under its case and links its observables to the alert and to the case, in ONE
 * statement (data-modifying CTEs): three statements per alert were ~1.5 ms of CPU in next start.
 */
async function fileAlert(tx: DbOrTx, alertId: string, caseId: string, alert: NormalizedAlert): Promise<string[]> {
  const rows = alert.observables.length === 0 ? [] : await observableRows(tx, alert.observables);
  const roleOf = new Map(alert.observables.map((o) => [`${o.type}\u0001${o.value}`, o.role ?? null]));
  const links = JSON.stringify(rows.map((r) => ({ o: r.id, r: roleOf.get(`${r.type}\u0001${r.value}`) ?? null })));
  await tx.execute(sql`
    with filed as (update ${alerts} set case_id = ${caseId}::uuid where id = ${alertId}::uuid),
      links as (select o, r from jsonb_to_recordset(${links}::jsonb) as x(o uuid, r text)),
      alert_links as (insert into ${alertObservables} (alert_id, observable_id, role) select ${alertId}::uuid, o, r from links on conflict do nothing)
    insert into ${caseObservables} (case_id, observable_id) select ${caseId}::uuid, o from links on conflict do nothing`);
  return rows.map((r) => r.id);
}

async function enabledPlaybooks(tx: DbOrTx): Promise<Map<string, boolean>> {
  const rows = await tx.select({ id: playbooks.id, enabled: playbooks.enabled }).from(playbooks);
  return new Map(rows.map((r) => [r.id, r.enabled]));
}

/** Playbook flags and grouping rules: cached for about a second on the pool (config-cache.ts). */
async function ingestConfig(db: DbOrTx): Promise<Pick<StoreContext, "enabled" | "rules">> {
  const read = async (from: DbOrTx) => ({ enabled: await enabledPlaybooks(from), rules: await loadGroupingRules(from) });
  return isPoolDb(db) ? cachedConfig(db as Db, "ingest", () => read(db)) : read(db);
}

async function storeOne(tx: DbOrTx, source: SourceRef, alert: NormalizedAlert, context: StoreContext): Promise<StoredAlert> {
  const { enabled } = context;
  const row = await insertOrCountDuplicate(tx, source, alert, context.rawBody);
  if (!row.inserted) {
    if (row.caseId) await addCaseEvent(tx, { caseId: row.caseId, actor: `source:${source.slug}`, kind: "alert_duplicate", data: { alertId: row.id, title: alert.title } });
    return { alertId: row.id, caseId: row.caseId, duplicate: true, runIds: [] };
  }
  const { caseId, created } = await groupIntoCase(tx, { sourceId: source.id, sourceSlug: source.slug, alert, alertId: row.id, rules: context.rules });
  context.seen.push(...(await fileAlert(tx, row.id, caseId, alert)));

  const { raw: _raw, ...normalized } = alert;
  const matches = matchingPlaybooks(listPlaybooks(), (id, fallback) => enabled.get(id) ?? fallback, {
    sourceSlug: source.slug,
    sourceKind: source.kind,
    normalized,
    observables: observableMap(alert.observables),
    newCase: created,
  });
  const runIds: string[] = [];
  for (const p of matches)
    runIds.push(await startRun(tx, { playbookId: p.id, caseId, alertId: row.id, actor: `source:${source.slug}` }));
  return { alertId: row.id, caseId, duplicate: false, runIds };
}

/**
 * Stores a batch in one transaction (a savepoint when `db` is already a transaction). Strings
 * Postgres refuses are escaped here as a last line of defence (parsers may cut surrogate pairs).
 */
export async function storeAlerts(db: DbOrTx, source: SourceRef, batch: NormalizedAlert[], options: StoreOptions = {}): Promise<StoredAlert[]> {
  const seen: string[] = [];
  const config = isPoolDb(db) ? await ingestConfig(db) : undefined;
  const stored = await db.transaction(async (tx) => {
    if (options.nonce) await recordNonce(tx, source.id, options.nonce);
    const context: StoreContext = { ...(config ?? (await ingestConfig(tx))), rawBody: options.rawBody ?? null, seen };
    const results: StoredAlert[] = [];
    // The case events of the batch go in one insert before commit (nothing here reads them back).
    await withHeldCaseEvents(tx, async () => {
      for (const alert of batch) results.push(await storeOne(tx, source, pgSafeJson(alert).value, context));
    });
    return results;
  });
  // After commit and coalesced: a NOTIFY inside this transaction would serialise ingest commits.
  // Inside a caller's transaction (replay) the caller's commit is still ahead: it notifies itself.
  if (isPoolDb(db)) {
    notifyLive(db, { topic: "cases", caseIds: stored.map((s) => s.caseId), runIds: stored.flatMap((s) => s.runIds) });
    // Not awaited: the alert is committed; a lost bump only leaves last_seen a little old.
    queueTouch(db, seen);
  } else await touchObservables(db, [...new Set(seen)]);
  return stored;
}
