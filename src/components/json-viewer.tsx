// Shows JSON (raw alert payloads, step input/output) as indented, coloured text. Everything is
// rendered as React text nodes, so a payload containing markup is shown, never interpreted.
// Collapsed by default behind a <details> summary when `summary` is given.
import type { ReactNode } from "react";

const MAX_NODES = 5_000;

function render(value: unknown, indent: number, budget: { left: number }): ReactNode {
  if (--budget.left < 0) return <span className="text-slate-500">…</span>;
  if (value === null) return <span className="text-slate-500">null</span>;
  if (typeof value === "string") return <span className="text-emerald-700 dark:text-emerald-300">{JSON.stringify(value)}</span>;
  if (typeof value === "number" || typeof value === "bigint") return <span className="text-sky-700 dark:text-sky-300">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-violet-700 dark:text-violet-300">{String(value)}</span>;
  const pad = "  ".repeat(indent + 1);
  const end = "  ".repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return (
      <>
        {"[\n"}
        {value.map((v, i) => (
          <span key={i}>
            {pad}
            {render(v, indent + 1, budget)}
            {i < value.length - 1 ? ",\n" : "\n"}
          </span>
        ))}
        {end}]
      </>
    );
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    return (
      <>
        {"{\n"}
        {entries.map(([k, v], i) => (
          <span key={k}>
            {pad}
            <span className="text-slate-600 dark:text-slate-400">{JSON.stringify(k)}</span>: {render(v, indent + 1, budget)}
            {i < entries.length - 1 ? ",\n" : "\n"}
          </span>
        ))}
        {end}
        {"}"}
      </>
    );
  }
  return <span>{String(value)}</span>;
}

export function JsonViewer({ value, summary, testId, open = false }: { value: unknown; summary?: ReactNode; testId?: string; open?: boolean }) {
  const pre = (
    <pre data-testid={testId} className="max-h-96 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs leading-5 text-slate-800 dark:bg-slate-950 dark:text-slate-200">
      {render(value, 0, { left: MAX_NODES })}
    </pre>
  );
  if (!summary) return pre;
  return (
    <details open={open} className="group">
      <summary className="cursor-pointer text-xs text-slate-500 select-none hover:text-slate-700 dark:hover:text-slate-300">{summary}</summary>
      <div className="mt-1">{pre}</div>
    </details>
  );
}
