// ctx.step: run a function once per run, journaled. Retries with backoff; backoffs over
// INLINE_BACKOFF_MAX_MS end the job and resume the run later with a scheduled job (run_at), so a
// slow retry never holds a worker slot. NonRetriableError fails at once; RetryAfterError sets the delay.
import type { Json, RunContext, StepOptions } from "./define-playbook";
import { ExecutionSuperseded, NonRetriableError, RetryAfterError, RunSuspended, StepFailedError, StepOutputError } from "./errors";
import { claim, suspend, write, type Execution } from "./execution";
import { enqueueRun, jobPending } from "./jobs";
import { toJson } from "./json";
import { recordStepEnd, recordStepStart } from "./journal";
import { runInStep } from "./step-scope";

/** Backoffs up to this long are waited in the job; longer ones reschedule the run. */
export const INLINE_BACKOFF_MAX_MS = 1_000;
const MAX_EXPONENTIAL_MS = 10 * 60_000;

export function backoffMs(options: StepOptions | undefined, attempt: number): number {
  const b = options?.backoff ?? "exponential";
  return typeof b === "number" ? Math.max(0, b) : Math.min(500 * 2 ** (attempt - 1), MAX_EXPONENTIAL_MS);
}

export const sleepMs = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

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

type StepFn = Parameters<RunContext["step"]>[1];

async function execute(exec: Execution, name: string, fn: StepFn, attempt: number, options: StepOptions | undefined): Promise<Json> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  exec.signal?.addEventListener("abort", onAbort, { once: true });
  const idempotencyKey = `${exec.run.id}:${name}`;
  const scope = { runId: exec.run.id, playbookId: exec.run.playbookId, caseId: exec.run.caseId, stepName: name, idempotencyKey, attempt, signal: controller.signal };
  try {
    const value = await withTimeout(
      Promise.resolve().then(() => runInStep(scope, () => fn({ idempotencyKey, attempt, signal: controller.signal }))),
      options?.timeout,
      name,
      controller,
    );
    return toJson(name, value);
  } finally {
    exec.signal?.removeEventListener("abort", onAbort);
  }
}

/** Waits until a scheduled retry is due: in the job when it is soon, else by rescheduling the run. */
async function waitForRetry(exec: Execution, name: string, wakeAt: Date, wakeJobId: number | null, lastError: string | null): Promise<void> {
  const delay = wakeAt.getTime() - Date.now();
  if (delay <= 0) return;
  if (delay <= INLINE_BACKOFF_MAX_MS && !exec.signal?.aborted) {
    await sleepMs(delay, exec.signal);
    if (!exec.signal?.aborted) return;
  }
  await suspend(exec, `retry of "${name}" at ${wakeAt.toISOString()}`, async (tx) => {
    if (await jobPending(tx, wakeJobId)) return;
    const jobId = await enqueueRun(tx, exec.run.id, wakeAt);
    await recordStepEnd(tx, { runId: exec.run.id, name, status: "waiting", error: lastError, wakeAt, wakeJobId: jobId });
  });
}

export async function runStep<T extends Json | void>(exec: Execution, name: string, fn: StepFn, options?: StepOptions): Promise<T> {
  const { seq, recorded } = claim(exec, name, "step");
  if (recorded?.status === "succeeded") return recorded.output as T;
  if (recorded?.status === "failed") throw new StepFailedError(name, recorded.attempt, new Error(recorded.error ?? "failed"));
  if (recorded?.status === "waiting" && recorded.wakeAt) await waitForRetry(exec, name, recorded.wakeAt, recorded.wakeJobId, recorded.error);
  const maxAttempts = 1 + Math.max(0, Math.floor(options?.retries ?? 0));
  let attempt = recorded?.attempt ?? 0;
  for (;;) {
    attempt++;
    await write(exec, (tx) => recordStepStart(tx, { runId: exec.run.id, name, seq, kind: "step", attempt }));
    let output: Json;
    try {
      output = await execute(exec, name, fn, attempt, options);
    } catch (error) {
      if (error instanceof RunSuspended || error instanceof ExecutionSuperseded) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const final = error instanceof NonRetriableError || error instanceof StepOutputError || attempt >= maxAttempts;
      if (final) {
        await write(exec, (tx) => recordStepEnd(tx, { runId: exec.run.id, name, status: "failed", error: message }));
        throw new StepFailedError(name, attempt, error);
      }
      const delay = error instanceof RetryAfterError ? error.delayMs : backoffMs(options, attempt);
      const wakeAt = new Date(Date.now() + delay);
      exec.log.warn({ step: name, attempt, err: message, retryInMs: delay }, "step failed; retrying");
      await write(exec, (tx) => recordStepEnd(tx, { runId: exec.run.id, name, status: "waiting", error: message, wakeAt }));
      await waitForRetry(exec, name, wakeAt, null, message);
      continue;
    }
    await write(exec, (tx) => recordStepEnd(tx, { runId: exec.run.id, name, status: "succeeded", output }));
    return output as T;
  }
}
