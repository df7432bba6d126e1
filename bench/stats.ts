// Small numeric helpers for the benchmark: percentiles over samples, rounding, bounded waits, RSS.
import fs from "node:fs";

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

/** Nearest-rank percentiles of the samples (ms); NaN when there are none. */
export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : NaN);
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), n: sorted.length };
}

export const round = (x: number, digits = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it is true or `timeoutMs` passes; returns whether it became true. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 5): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}

/** A process and its descendants (Linux /proc). */
function processTree(pid: number): number[] {
  const kids = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* the process ended while we looked */
    }
  }
  const tree: number[] = [];
  for (const queue = [pid]; queue.length; ) {
    const p = queue.pop()!;
    tree.push(p);
    queue.push(...(kids.get(p) ?? []));
  }
  return tree;
}

const readOr = (file: string) => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return ""; // the process ended while we looked
  }
};

/** Resident memory of a process and its descendants, in MB. */
export function rssMb(pid: number): number {
  const kb = processTree(pid).reduce((sum, p) => sum + Number(/VmRSS:\s+(\d+) kB/.exec(readOr(`/proc/${p}/status`))?.[1] ?? 0), 0);
  return round(kb / 1024, 1);
}

/**
 * CPU time (user + system) a process and its descendants have used, in ms. Unlike wall-clock
 * throughput, CPU per request hardly moves when other work shares the machine.
 */
export function cpuMs(pid: number): number {
  const ticks = processTree(pid).reduce((sum, p) => {
    const stat = readOr(`/proc/${p}/stat`);
    if (!stat) return sum;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return sum + Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  }, 0);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}
