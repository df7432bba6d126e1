// Turns the dashboard rows into chart series: every day/week of the period present (zeros where
// nothing happened), one series per severity or source, in a fixed order and colour.
import type { RouterOutputs } from "@/trpc/types";

type Dashboard = RouterOutputs["metrics"]["dashboard"];

export const SEVERITY_COLORS: Record<string, string> = { critical: "#ef4444", high: "#f97316", medium: "#f59e0b", low: "#94a3b8" };
const PALETTE = ["#0ea5e9", "#8b5cf6", "#10b981", "#f43f5e", "#eab308", "#14b8a6", "#6366f1", "#84cc16"];

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

export function dayCategories(since: Date, days: number, now = new Date()): string[] {
  const out: string[] = [];
  const start = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()));
  for (let t = start.getTime(); t <= now.getTime() && out.length <= days; t += 86_400_000) out.push(dayKey(new Date(t)));
  return out;
}

export function alertSeries(d: Dashboard, by: "severity" | "source") {
  const categories = dayCategories(d.since, d.days);
  const names = by === "severity" ? ["critical", "high", "medium", "low"] : [...new Set(d.alertsPerDay.map((r) => r.source))].sort();
  const index = new Map(categories.map((c, i) => [c, i]));
  const series = names.map((name, i) => ({ name, color: by === "severity" ? SEVERITY_COLORS[name]! : PALETTE[i % PALETTE.length]!, values: categories.map(() => 0 as number | null) }));
  for (const r of d.alertsPerDay) {
    const s = series.find((x) => x.name === (by === "severity" ? r.severity : r.source));
    const i = index.get(dayKey(r.day));
    if (s && i !== undefined) s.values[i] = (s.values[i] ?? 0) + r.n;
  }
  return { categories: categories.map((c) => c.slice(5)), series: series.filter((s) => s.values.some((v) => v)) };
}

export const weekLabel = (d: Date) => d.toISOString().slice(5, 10);

export function responseSeries(d: Dashboard) {
  const hours = (s: number | null) => (s === null ? null : s / 3600);
  return {
    categories: d.responseTimes.map((w) => weekLabel(w.week)),
    series: [
      { name: "MTTA (hours)", color: "#0ea5e9", values: d.responseTimes.map((w) => hours(w.mttaSeconds)) },
      { name: "MTTR (hours)", color: "#8b5cf6", values: d.responseTimes.map((w) => hours(w.mttrSeconds)) },
    ],
  };
}

export function automationSeries(d: Dashboard) {
  return {
    categories: d.automation.weeks.map((w) => weekLabel(w.week)),
    series: [
      { name: "Closed by playbooks alone", color: "#10b981", values: d.automation.weeks.map((w) => w.automated) },
      { name: "Closed with people", color: "#94a3b8", values: d.automation.weeks.map((w) => w.closed - w.automated) },
    ],
  };
}

/** Mean over weeks weighted by the number of cases each week. */
export function weightedMean(rows: { n: number; v: number | null }[]): number | null {
  const valid = rows.filter((r) => r.v !== null && r.n > 0);
  const n = valid.reduce((s, r) => s + r.n, 0);
  return n ? valid.reduce((s, r) => s + r.n * r.v!, 0) / n : null;
}
