// `vigil playbook test <id> --alert <file>` and `vigil playbook backtest <id> --since 7d`: dry runs
// of a playbook with every integration replaced by recorded fakes (src/server/engine/testing.ts).
import fs from "node:fs";
import { normalizeAlerts } from "../../server/alerts/normalize";
import type { RunAlert } from "../../server/engine/define-playbook";
import { backtestPlaybook } from "../../server/engine/backtest";
import { parseDuration } from "../../server/engine/duration";
import { loadExtraPlaybooks } from "../../server/engine/extra-playbooks";
import type { FakeScript } from "../../server/engine/fake-integrations";
import { playbookSource } from "../../server/engine/playbook-source";
import { getPlaybook, listPlaybooks } from "../../server/engine/registry";
import { testPlaybook, type ApprovalScript } from "../../server/engine/testing";
import { formatBacktest, formatTestResult } from "../../server/engine/trace-format";
import { observableMap, triggerMatches } from "../../server/engine/triggers";
import { env } from "../../server/env";
import { withDb } from "./admin";

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${what} ${file}: ${(e as Error).message}`);
  }
}

async function playbookOrExit(id: string) {
  await loadExtraPlaybooks(env().VIGIL_EXTRA_PLAYBOOKS);
  const playbook = getPlaybook(id);
  if (!playbook) throw new Error(`playbook "${id}" does not exist; known: ${listPlaybooks().map((p) => p.id).join(", ")}`);
  return playbook;
}

/** "name=value" options into a map. */
function pairs(list: string[] | undefined, parse: (v: string, name: string) => unknown): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((item) => {
    const eq = item.indexOf("=");
    if (eq < 1) throw new Error(`"${item}" must look like name=value`);
    return [item.slice(0, eq), parse(item.slice(eq + 1), item.slice(0, eq))];
  }));
}

function alertFromFile(file: string, kind: string, source: string) {
  const [normalized] = normalizeAlerts(kind, readJson(file, "alert file"), { receivedAt: new Date() });
  const { raw: _raw, ...rest } = normalized!;
  const observables = observableMap(rest.observables);
  const alert: RunAlert = { id: "alert-from-file", title: rest.title, severity: rest.severity, category: rest.category, sourceSlug: source, occurredAt: rest.occurredAt.toISOString(), normalized: { ...rest, occurredAt: rest.occurredAt.toISOString() }, observables };
  return { alert, trigger: { sourceSlug: source, sourceKind: kind, normalized: rest, observables, newCase: true } };
}

export interface PlaybookTestFlags {
  alert?: string;
  kind: string;
  source: string;
  fakes?: string;
  input?: string;
  decide?: string[];
  signal?: string[];
}

export async function playbookTestCommand(id: string, flags: PlaybookTestFlags): Promise<void> {
  const playbook = await playbookOrExit(id);
  const fromFile = flags.alert ? alertFromFile(flags.alert, flags.kind, flags.source) : null;
  let input: unknown = flags.input ? JSON.parse(flags.input) : {};
  if (playbook.inputSchema) input = playbook.inputSchema.parse(input);
  const decide = pairs(flags.decide, (v) => {
    if (!["approve", "reject", "expire"].includes(v)) throw new Error(`--decide: "${v}" must be approve, reject or expire`);
    return v;
  }) as Record<string, ApprovalScript>;
  const result = await testPlaybook(playbook, {
    alert: fromFile?.alert ?? null,
    input: input as Record<string, unknown>,
    caseId: fromFile ? "case-from-file" : null,
    integrations: flags.fakes ? (readJson(flags.fakes, "fakes file") as FakeScript) : {},
    approvals: decide,
    signals: pairs(flags.signal, (v) => (v === "null" ? null : JSON.parse(v))) as Record<string, Record<string, never> | null>,
  });
  const header = [
    `playbook ${playbook.id} (${playbook.title}) version ${playbookSource(playbook.id).versionHash}`,
    fromFile ? `alert "${fromFile.alert.title}" (${fromFile.alert.severity}${fromFile.alert.category ? `, ${fromFile.alert.category}` : ""}) from ${flags.alert}` : "no alert (manual run)",
    fromFile ? `trigger: ${triggerMatches(playbook.trigger, fromFile.trigger) ? "matches" : "does NOT match (a real alert like this would not start the playbook)"}` : "",
    "every integration is a recorded fake; nothing was changed anywhere",
    "trace:",
  ].filter(Boolean);
  console.log(formatTestResult(result, header));
  if (result.status !== "succeeded") process.exitCode = 1;
}

export async function playbookBacktestCommand(id: string, flags: { since: string; fakes?: string; approvals: string }): Promise<void> {
  const playbook = await playbookOrExit(id);
  if (!["approve", "reject", "expire"].includes(flags.approvals)) throw new Error(`--approvals: "${flags.approvals}" must be approve, reject or expire`);
  const since = new Date(Date.now() - parseDuration(flags.since, "--since"));
  const report = await withDb((db) =>
    backtestPlaybook(db, playbook, { since, integrations: flags.fakes ? (readJson(flags.fakes, "fakes file") as FakeScript) : {}, approvals: flags.approvals as ApprovalScript }),
  );
  console.log(formatBacktest(report));
}
