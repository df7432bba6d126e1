// The playbook test harness: runs a playbook in memory against an alert, with every integration
// replaced by recorded fakes, approvals and signals decided by a script, and a virtual clock for
// sleeps. No database, no worker. It follows the engine's rules (unique step names, JSON outputs,
// retries, no nesting) and returns a step-by-step trace plus the approvals the run would request.
// Used by `vigil playbook test`, backtests, and playbooks' own Vitest tests.
import { randomUUID } from "node:crypto";
import type { CaseStatus } from "../db/schema/enums";
import { logger } from "../logger";
import type { AnyPlaybook, ApprovalResult, Json, RunAlert, RunContext, SignalEvent, StepOptions } from "./define-playbook";
import { approvalResult, approvalSpec } from "./approval-spec";
import { parseDuration } from "./duration";
import { NonRetriableError, RetryAfterError, StepOutputError } from "./errors";
import { createFakeIntegrations, type FakeScript, type IntegrationCall } from "./fake-integrations";
import { toJson } from "./json";
import { backoffMs } from "./step-runner";
import { currentStep, runInStep } from "./step-scope";
import { assertCaseStatus } from "./case-status";

export type ApprovalScript = "approve" | "reject" | "expire";

export interface PlaybookTestOptions<TInput = Record<string, unknown>> {
  alert?: RunAlert | null;
  input?: TInput;
  caseId?: string | null;
  /** Answers for ctx.integrations calls by path ("system.action"); unscripted calls return null. */
  integrations?: FakeScript;
  /** Decision per approval name, or one for all. (Default: "approve") */
  approvals?: ApprovalScript | Record<string, ApprovalScript>;
  /** Signal data per ctx.waitFor name; absent or null = the wait times out. */
  signals?: Record<string, Record<string, Json> | null>;
  /** Start of the virtual clock. (Default: now) */
  now?: Date;
  runId?: string;
}

export interface TraceEntry {
  seq: number;
  kind: "step" | "approval" | "sleep" | "wait" | "comment" | "case-status" | "now";
  name: string;
  status: "succeeded" | "failed";
  attempts?: number;
  output?: Json;
  error?: string;
  detail?: string;
  calls: IntegrationCall[];
}

export interface RequestedApproval {
  name: string;
  title: string;
  role: string;
  quorum: number;
  expiresIn: string;
  onTimeout: "reject" | "approve";
  params: Record<string, Json>;
  decision: ApprovalScript;
}

export interface PlaybookTestResult {
  playbookId: string;
  runId: string;
  status: "succeeded" | "failed";
  output: Json;
  error: string | null;
  trace: TraceEntry[];
  approvals: RequestedApproval[];
  calls: IntegrationCall[];
  comments: string[];
  caseStatuses: CaseStatus[];
}

function decisionFor(script: PlaybookTestOptions["approvals"], name: string): ApprovalScript {
  if (!script) return "approve";
  return typeof script === "string" ? script : (script[name] ?? "approve");
}

/** Runs `playbook` once in memory and reports what it did. */
export async function testPlaybook<TInput>(playbook: AnyPlaybook, options: PlaybookTestOptions<TInput> = {}): Promise<PlaybookTestResult> {
  const runId = options.runId ?? `test-${randomUUID()}`;
  let clock = (options.now ?? new Date()).getTime();
  const seen = new Set<string>();
  const counters = new Map<string, number>();
  const calls: IntegrationCall[] = [];
  const result: PlaybookTestResult = { playbookId: playbook.id, runId, status: "succeeded", output: null, error: null, trace: [], approvals: [], calls, comments: [], caseStatuses: [] };
  const autoName = (prefix: string) => `${prefix}#${(counters.set(prefix, (counters.get(prefix) ?? 0) + 1), counters.get(prefix))}`;
  const record = (kind: TraceEntry["kind"], name: string, extra: Partial<TraceEntry> = {}): TraceEntry => {
    if (!name || name.length > 200) throw new Error(`step name must be 1-200 characters, got "${String(name).slice(0, 40)}"`);
    const inside = currentStep();
    if (inside?.runId === runId) throw new Error(`ctx.${kind} "${name}" was called inside step "${inside.stepName}"; steps cannot be nested`);
    if (seen.has(name)) throw new Error(`step name "${name}" is used twice in this run; step names must be unique`);
    seen.add(name);
    const entry: TraceEntry = { seq: result.trace.length + 1, kind, name, status: "succeeded", calls: [], ...extra };
    result.trace.push(entry);
    return entry;
  };

  async function step(name: string, fn: Parameters<RunContext["step"]>[1], stepOptions?: StepOptions) {
    const entry = record("step", name);
    const maxAttempts = 1 + Math.max(0, Math.floor(stepOptions?.retries ?? 0));
    for (let attempt = 1; ; attempt++) {
      entry.attempts = attempt;
      const controller = new AbortController();
      const idempotencyKey = `${runId}:${name}`;
      const before = calls.length;
      try {
        const scope = { runId, playbookId: playbook.id, caseId: options.caseId ?? null, stepName: name, idempotencyKey, attempt, signal: controller.signal };
        const value = await runInStep(scope, () => fn({ idempotencyKey, attempt, signal: controller.signal }));
        entry.calls.push(...calls.slice(before));
        entry.output = toJson(name, value);
        return entry.output;
      } catch (error) {
        entry.calls.push(...calls.slice(before));
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof NonRetriableError || error instanceof StepOutputError || attempt >= maxAttempts) {
          entry.status = "failed";
          entry.error = message;
          throw new Error(`step "${name}" failed after ${attempt} attempt(s): ${message}`);
        }
        clock += error instanceof RetryAfterError ? error.delayMs : backoffMs(stepOptions, attempt);
      }
    }
  }

  async function approval(name: string, opts: Parameters<RunContext["approval"]>[1]): Promise<ApprovalResult> {
    const spec = approvalSpec(name, opts);
    const decision = decisionFor(options.approvals, name);
    const entry = record("approval", name, { detail: `${spec.role} ×${spec.quorum}, ${decision} (scripted)` });
    result.approvals.push({ name, title: spec.title, role: spec.role, quorum: spec.quorum, expiresIn: String(opts.expiresIn ?? "24h"), onTimeout: spec.onTimeout, params: spec.params, decision });
    if (decision === "expire") clock += spec.expiresInMs;
    const at = new Date(clock);
    const deciders = decision === "expire" ? [] : Array.from({ length: decision === "reject" ? 1 : spec.quorum }, (_, i) => ({ name: `test-${spec.role}-${i + 1}`, decision, reason: decision === "reject" ? "rejected by the test script" : null, at }));
    const out = approvalResult(decision === "approve" ? "approved" : decision === "reject" ? "rejected" : "expired", spec.onTimeout, deciders);
    entry.output = out;
    return out;
  }

  async function waitFor(name: string, opts: Parameters<RunContext["waitFor"]>[1]): Promise<SignalEvent | null> {
    const data = options.signals?.[name] ?? null;
    const entry = record("wait", name, { detail: `${opts.event}${data ? "" : " (timed out)"}` });
    if (!data) {
      if (opts.timeout !== undefined) clock += parseDuration(opts.timeout);
      entry.output = { timedOut: true };
      return null;
    }
    const event: SignalEvent = { event: opts.event, data, receivedAt: new Date(clock).toISOString() };
    entry.output = event;
    return event;
  }

  const ctx: RunContext<TInput> = {
    runId,
    playbookId: playbook.id,
    input: (options.input ?? {}) as TInput,
    alert: options.alert ?? null,
    caseId: options.caseId ?? null,
    log: logger().child({ runId, test: true }),
    integrations: createFakeIntegrations(options.integrations ?? {}, calls),
    step: step as RunContext<TInput>["step"],
    approval,
    waitFor,
    async sleep(name, duration) {
      const ms = parseDuration(duration, `ctx.sleep("${name}")`);
      record("sleep", name, { detail: `${ms} ms` });
      clock += ms;
    },
    async comment(text) {
      record("comment", autoName("comment"), { output: { text: String(text) } });
      result.comments.push(String(text));
    },
    async setCaseStatus(status, opts) {
      assertCaseStatus(status);
      record("case-status", autoName("case status"), { output: { to: status, reason: opts?.reason ?? null } });
      result.caseStatuses.push(status);
    },
    async now(name) {
      const value = new Date(clock);
      record("now", name ?? autoName("now"), { output: value.toISOString() });
      return value;
    },
  };

  try {
    result.output = toJson("run output", await playbook.run(ctx));
  } catch (error) {
    result.status = "failed";
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}
