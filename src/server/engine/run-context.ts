// Builds the ctx a playbook's run() receives. Every effect goes through the journal: a completed
// step is replayed from run_steps, never executed twice; the order of steps must match the record.
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import { comments } from "../db/schema";
import { addCaseEvent } from "../cases/timeline";
import type { Json, RunAlert, RunContext, StepOptions } from "./define-playbook";
import { NonDeterminismError, NonRetryableError, StepFailedError, StepOutputError } from "./errors";
import { createPlaybookIntegrations } from "../integrations/playbook-api";
import { runInStep } from "./step-scope";
import { loadJournal, recordInstantStep, recordStepEnd, recordStepStart, type JournalEntry } from "./journal";

export interface RunRecord {
  id: string;
  playbookId: string;
  caseId: string | null;
  input: Record<string, unknown>;
}

export interface ContextDeps {
  db: Db;
  run: RunRecord;
  alert: RunAlert | null;
  log: Logger;
  signal?: AbortSignal;
}

/** Round-trips a value through JSON, refusing what JSON cannot hold. */
export function toJson(stepName: string, value: unknown): Json {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as Json;
  } catch (e) {
    throw new StepOutputError(`step "${stepName}" returned a value that is not JSON: ${(e as Error).message}`);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

function backoffMs(options: StepOptions | undefined, attempt: number): number {
  const b = options?.backoff ?? "exponential";
  return typeof b === "number" ? b : Math.min(500 * 2 ** (attempt - 1), 30_000);
}

async function withTimeout<T>(promise: Promise<T>, ms: number | undefined, name: string, controller: AbortController): Promise<T> {
  if (!ms) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`step "${name}" timed out after ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function createRunContext<TInput>(deps: ContextDeps): Promise<RunContext<TInput>> {
  const { db, run, log } = deps;
  const journal = await loadJournal(db, run.id);
  const seen = new Set<string>();
  let seq = 0;
  let commentCount = 0;
  let nowCount = 0;

  /** Claims the next position for `name`; returns the journal entry when this position was recorded. */
  function claim(name: string, kind: string): { seq: number; recorded: JournalEntry | undefined } {
    if (!name || name.length > 200) throw new Error(`step name must be 1-200 characters, got "${name.slice(0, 40)}"`);
    if (seen.has(name)) throw new Error(`step name "${name}" is used twice in this run; step names must be unique`);
    seen.add(name);
    const position = ++seq;
    const recorded = journal.get(name);
    if (recorded && (recorded.seq !== position || recorded.kind !== kind))
      throw new NonDeterminismError(
        `playbook changed under a running run: "${name}" was recorded as ${recorded.kind} #${recorded.seq}, now reached as ${kind} #${position}`,
      );
    return { seq: position, recorded };
  }

  async function step<T extends Json | void>(name: string, fn: Parameters<RunContext["step"]>[1], options?: StepOptions): Promise<T> {
    const { seq: position, recorded } = claim(name, "step");
    if (recorded?.status === "succeeded") return recorded.output as T;
    const maxAttempts = 1 + Math.max(0, options?.retries ?? 0);
    let attempt = recorded?.attempt ?? 0;
    for (;;) {
      attempt++;
      await recordStepStart(db, { runId: run.id, name, seq: position, kind: "step", attempt });
      const controller = new AbortController();
      deps.signal?.addEventListener("abort", () => controller.abort(), { once: true });
      try {
        const idempotencyKey = `${run.id}:${name}`;
        const scope = { runId: run.id, playbookId: run.playbookId, caseId: run.caseId, stepName: name, idempotencyKey, attempt, signal: controller.signal };
        const value = await withTimeout(
          Promise.resolve(runInStep(scope, () => fn({ idempotencyKey, attempt, signal: controller.signal }))),
          options?.timeout,
          name,
          controller,
        );
        const output = toJson(name, value);
        await recordStepEnd(db, { runId: run.id, name, status: "succeeded", output });
        return output as T;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await recordStepEnd(db, { runId: run.id, name, status: "failed", error: message });
        if (error instanceof StepOutputError || error instanceof NonRetryableError || attempt >= maxAttempts) throw new StepFailedError(name, attempt, error);
        log.warn({ step: name, attempt, err: message }, "step failed; retrying");
        await sleep(backoffMs(options, attempt), deps.signal);
      }
    }
  }

  async function comment(text: string): Promise<void> {
    const name = `comment#${++commentCount}`;
    const { seq: position, recorded } = claim(name, "comment");
    if (recorded) return;
    await db.transaction(async (tx) => {
      if (run.caseId) {
        await tx.insert(comments).values({ caseId: run.caseId, author: `playbook:${run.playbookId}`, body: text });
        await addCaseEvent(tx, { caseId: run.caseId, actor: `playbook:${run.id}`, kind: "comment", data: { text, playbookId: run.playbookId } });
      }
      await recordInstantStep(tx, { runId: run.id, name, seq: position, kind: "comment", output: { text } });
    });
  }

  async function now(name?: string): Promise<Date> {
    const stepName = name ?? `now#${++nowCount}`;
    const { seq: position, recorded } = claim(stepName, "now");
    if (recorded) return new Date(recorded.output as string);
    const value = new Date();
    await recordInstantStep(db, { runId: run.id, name: stepName, seq: position, kind: "now", output: value.toISOString() });
    return value;
  }

  return {
    runId: run.id,
    playbookId: run.playbookId,
    input: run.input as TInput,
    alert: deps.alert,
    caseId: run.caseId,
    log,
    integrations: createPlaybookIntegrations({ db, run, log }),
    step: step as RunContext<TInput>["step"],
    comment,
    now,
  };
}
