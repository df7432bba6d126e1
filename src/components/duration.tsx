// Elapsed time between two instants, for steps and runs ("120 ms", "4.2 s", "3 min").
export function formatElapsed(start: Date | string | null | undefined, end: Date | string | null | undefined): string {
  if (!start || !end) return "";
  const ms = new Date(end).getTime() - new Date(start).getTime();
  if (ms < 0) return "";
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

export function Elapsed({ start, end }: { start: Date | string | null | undefined; end: Date | string | null | undefined }) {
  const text = formatElapsed(start, end);
  return text ? <span className="tabular-nums">{text}</span> : <span className="text-slate-400">—</span>;
}
