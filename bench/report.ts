// The benchmark's result file and table: every key with its same-run baseline, ratio and goal.
import fs from "node:fs";
import path from "node:path";

export interface Row {
  key: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  pass: boolean | null;
}

export function table(rows: readonly Row[]): string {
  const header = ["key", "Vigil", "baseline (same run)", "ratio", "goal", "ok"];
  const cells = rows.map((r) => [r.key, r.value, r.baseline, r.ratio, r.goal, r.pass === null ? "–" : r.pass ? "yes" : "NO"]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}

/** Writes latest.json and a timestamped copy; returns the paths. */
export function writeResults(dir: string, result: { startedAt: string }): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const stamped = path.join(dir, `${result.startedAt.replace(/[:.]/g, "-")}.json`);
  const latest = path.join(dir, "latest.json");
  fs.writeFileSync(stamped, text);
  fs.writeFileSync(latest, text);
  return [latest, stamped];
}
