// Short-lived, in-process cache of the rarely changing rows that every webhook request reads: the
// source by slug (with its opened secret), the enabled flags of playbooks and the grouping rules.
// Why: each of them was one more SELECT per alert, and inside `next start` one statement costs
// ~0.5 ms of CPU (issue 10); a source's secret was also decrypted on every request.
//
// How fresh: a change made through Vigil in this process (updateSource, rotateSourceSecret,
// setPlaybookEnabled, syncPlaybooks, grouping rule create/update/delete) clears the cache at
// once. A change from another process (the CLI, a second web replica) or by hand in SQL takes
// effect within CONFIG_CACHE_MS: a disabled source or a rotated secret is honoured within 1 s.
// Only the pool-backed db is cached; inside a caller's transaction (replay) the rows are read.
// Unknown slugs are never cached (they are unbounded, and a new source must work at once).
import type pg from "pg";
import type { Db } from "../db/client";

export const CONFIG_CACHE_MS = 1_000;

interface Entry<T> {
  value: Promise<T>;
  loadedAt: number;
  generation: number;
}

let generation = 0;
const byPool = new WeakMap<pg.Pool, Map<string, Entry<unknown>>>();

/** Forgets every cached row (call after changing a source, a playbook's flag or a grouping rule). */
export function invalidateIntakeConfig(): void {
  generation++;
}

/**
 * The value of `load` for `key` on this db, reused for CONFIG_CACHE_MS. Concurrent callers share
 * one load; a failed load, or a result `keep` rejects, is not kept.
 */
export async function cachedConfig<T>(db: Db, key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
  let entries = byPool.get(db.$client);
  if (!entries) byPool.set(db.$client, (entries = new Map()));
  const now = Date.now();
  const hit = entries.get(key) as Entry<T> | undefined;
  if (hit && hit.generation === generation && now - hit.loadedAt < CONFIG_CACHE_MS) return hit.value;
  const entry: Entry<T> = { value: load(), loadedAt: now, generation };
  entries.set(key, entry);
  const map = entries;
  try {
    const value = await entry.value;
    if (!keep(value) && map.get(key) === entry) map.delete(key);
    return value;
  } catch (error) {
    if (map.get(key) === entry) map.delete(key);
    throw error;
  }
}
