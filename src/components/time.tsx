// Times are shown relative ("3 min ago") with the exact UTC time on hover.
export function formatRelative(date: Date, now = new Date()): string {
  const s = Math.round((now.getTime() - date.getTime()) / 1000);
  const abs = Math.abs(s);
  const fmt = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const text = abs < 45 ? "just now" : abs < 3600 ? fmt(Math.round(abs / 60), "min") : abs < 86_400 ? fmt(Math.round(abs / 3600), "hour") : fmt(Math.round(abs / 86_400), "day");
  return abs < 45 ? text : s >= 0 ? `${text} ago` : `in ${text}`;
}

export function Time({ value }: { value: Date | string | null | undefined }) {
  if (!value) return <span className="text-slate-400">—</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC")} suppressHydrationWarning>
      {formatRelative(date)}
    </time>
  );
}
