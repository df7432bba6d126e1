// Shows a JSON value (step input/output, approval params) compactly, expandable when long.
export function JsonView({ value, label, testId }: { value: unknown; label?: string; testId?: string }) {
  if (value === null || value === undefined) return null;
  const text = JSON.stringify(value, null, 2);
  const short = JSON.stringify(value);
  const pre = <pre className="max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-950">{text}</pre>;
  if (short.length <= 80)
    return (
      <div data-testid={testId} className="text-xs">
        {label && <span className="mr-1 text-slate-500">{label}</span>}
        <code className="break-all rounded bg-slate-100 px-1 py-0.5 dark:bg-slate-950">{short}</code>
      </div>
    );
  return (
    <details data-testid={testId} className="text-xs">
      <summary className="cursor-pointer text-slate-500">
        {label ?? "JSON"} <span className="font-mono">{short.slice(0, 60)}…</span>
      </summary>
      {pre}
    </details>
  );
}

/** Key/value table for flat objects (approval params): every value shown exactly. */
export function ParamsTable({ params, testId }: { params: unknown; testId?: string }) {
  const entries = params && typeof params === "object" && !Array.isArray(params) ? Object.entries(params as Record<string, unknown>) : [];
  if (entries.length === 0) return <p className="text-xs text-slate-500">No parameters.</p>;
  return (
    <table data-testid={testId} className="w-full text-sm">
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row" className="w-40 py-1 pr-3 text-left align-top text-xs font-medium text-slate-500">{k}</th>
            <td className="break-all py-1 font-mono text-sm">{typeof v === "string" ? v : JSON.stringify(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
