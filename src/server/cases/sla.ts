// SLA clocks of a case: time to acknowledge and time to resolve, against targets per severity.
// Pure (no imports) so the browser can tick the clocks with the same rules the server uses.

export interface SlaTarget {
  acknowledgeMinutes: number;
  resolveMinutes: number;
}

/** Targets a SOC commonly starts from; critical cases get a human within 15 minutes. */
export const SLA_TARGETS: Record<string, SlaTarget> = {
  critical: { acknowledgeMinutes: 15, resolveMinutes: 4 * 60 },
  high: { acknowledgeMinutes: 30, resolveMinutes: 8 * 60 },
  medium: { acknowledgeMinutes: 2 * 60, resolveMinutes: 24 * 60 },
  low: { acknowledgeMinutes: 8 * 60, resolveMinutes: 72 * 60 },
};

export interface SlaClock {
  /** Elapsed from opening to the stop event, or to now while still running. */
  elapsedMs: number;
  targetMs: number;
  running: boolean;
  breached: boolean;
}

export function slaClock(start: Date, stop: Date | null, targetMinutes: number, now: Date): SlaClock {
  const end = stop ?? now;
  const elapsedMs = Math.max(0, end.getTime() - start.getTime());
  const targetMs = targetMinutes * 60_000;
  return { elapsedMs, targetMs, running: stop === null, breached: elapsedMs > targetMs };
}

export function caseSla(c: { severity: string; createdAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null }, now: Date) {
  const target = SLA_TARGETS[c.severity] ?? SLA_TARGETS.low!;
  return {
    acknowledge: slaClock(c.createdAt, c.acknowledgedAt, target.acknowledgeMinutes, now),
    resolve: slaClock(c.createdAt, c.resolvedAt, target.resolveMinutes, now),
  };
}

/** "850 ms", "4m 05s", "2h 10m", "3d 4h": compact, for clocks and step durations. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, "0")}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
