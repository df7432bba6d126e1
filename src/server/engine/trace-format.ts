// Text reports for `vigil playbook test` and `vigil playbook backtest`.
import type { IntegrationCall } from "./fake-integrations";
import type { PlaybookTestResult } from "./testing";
import type { BacktestReport } from "./backtest";

const json = (v: unknown, max = 160) => {
  const s = JSON.stringify(v) ?? "undefined";
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

function formatCall(c: IntegrationCall): string {
  const outcome = c.error ? `threw ${json(c.error)}` : c.scripted ? `⇒ ${json(c.result)}` : "⇒ null (no recorded result)";
  return `       → ${c.path}(${c.args.map((a) => json(a, 60)).join(", ")})  key ${c.idempotencyKey ?? "-"}  ${outcome}`;
}

/** The step-by-step trace of one test run, and the approvals it would request. */
export function formatTestResult(result: PlaybookTestResult, header: string[] = []): string {
  const lines = [...header];
  for (const e of result.trace) {
    const status = e.status === "failed" ? "FAILED" : "ok";
    const attempts = e.attempts && e.attempts > 1 ? `  ${e.attempts} attempts` : "";
    lines.push(`  ${String(e.seq).padStart(2)} ${e.kind.padEnd(11)} ${e.name.padEnd(28)} ${status}${attempts}${e.detail ? `  ${e.detail}` : ""}`);
    for (const c of e.calls) lines.push(formatCall(c));
    if (e.error) lines.push(`       error: ${e.error}`);
    else if (e.output !== undefined && e.kind !== "approval") lines.push(`       output ${json(e.output)}`);
  }
  lines.push(`result: ${result.status}${result.error ? ` — ${result.error}` : ""}`);
  if (result.output !== null) lines.push(`output: ${json(result.output, 400)}`);
  if (result.approvals.length === 0) lines.push("approvals it would request: none");
  else {
    lines.push("approvals it would request:");
    for (const a of result.approvals)
      lines.push(`  - ${a.name}: "${a.title}" — ${a.role} ×${a.quorum}, expires in ${a.expiresIn} (on timeout: ${a.onTimeout}), params ${json(a.params)}; scripted: ${a.decision}`);
  }
  return lines.join("\n");
}

export function formatBacktest(report: BacktestReport): string {
  const lines = [
    `backtest ${report.playbookId} since ${report.since.toISOString()}: ${report.alertsScanned} alerts scanned, ${report.runs} would have started a run`,
    `  outcomes: ${Object.entries(report.outcomes).map(([k, n]) => `${k} ${n}`).join(", ") || "none"}`,
  ];
  const actions = Object.entries(report.actions).sort((a, b) => b[1] - a[1]);
  lines.push(actions.length ? "  actions:" : "  actions: none");
  for (const [path, n] of actions) lines.push(`    ${path.padEnd(36)} ×${n}`);
  if (report.approvals > 0) lines.push(`  approvals requested: ${report.approvals}`);
  for (const f of report.failures.slice(0, 10)) lines.push(`  failed on alert ${f.alertId} ("${f.title}"): ${f.error}`);
  return lines.join("\n");
}
