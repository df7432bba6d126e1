// ctx.sleep and ctx.waitFor: both record a waiting step and end the job; a scheduled job (run_at)
// or a delivered signal resumes the run, and the replay returns the recorded outcome.
import { sql } from "drizzle-orm";
import type { Json, SignalEvent, WaitForOptions } from "./define-playbook";
import { parseDuration, type Duration } from "./duration";
import { changedArguments, claim, halt, suspend, write, type Execution } from "./execution";
import { enqueueRun, jobPending } from "./jobs";
import { canonicalJson, toJson } from "./json";
import { recordStepEnd, recordWaitingStep, type JournalEntry } from "./journal";
import { markRunWaiting } from "./run-lease";
import { earlierSignal, lockEvent } from "./signals";

/** Re-suspends a waiting step, making sure a wake-up job exists for its wakeAt. */
function stillWaiting(exec: Execution, entry: JournalEntry, reason: string): Promise<never> {
  return suspend(exec, reason, async (tx) => {
    if (!entry.wakeAt || (await jobPending(tx, entry.wakeJobId))) return;
    const wakeJobId = await enqueueRun(tx, exec.run.id, entry.wakeAt);
    await tx.execute(sql`update run_steps set wake_job_id = ${wakeJobId} where run_id = ${exec.run.id} and name = ${entry.name}`);
  });
}

export async function runSleep(exec: Execution, name: string, duration: Duration): Promise<void> {
  const { seq, recorded } = claim(exec, name, "sleep");
  if (recorded?.status === "succeeded") return;
  if (!recorded) {
    const ms = parseDuration(duration, `ctx.sleep("${name}")`);
    const wakeAt = new Date(Date.now() + ms);
    await suspend(exec, `sleep "${name}" until ${wakeAt.toISOString()}`, async (tx) => {
      const wakeJobId = await enqueueRun(tx, exec.run.id, wakeAt);
      await recordWaitingStep(tx, { runId: exec.run.id, name, seq, kind: "sleep", input: { durationMs: ms }, wakeAt, wakeJobId });
    });
  }
  if (recorded!.wakeAt && recorded!.wakeAt.getTime() > Date.now()) return stillWaiting(exec, recorded!, `sleep "${name}"`);
  await write(exec, (tx) => recordStepEnd(tx, { runId: exec.run.id, name, status: "succeeded", output: { sleptUntil: recorded!.wakeAt?.toISOString() ?? null } }));
}

function waitSpec(name: string, options: WaitForOptions) {
  if (!options || typeof options.event !== "string" || !options.event) throw new Error(`ctx.waitFor("${name}"): event is required`);
  const match = toJson(`waitFor "${name}" match`, options.match ?? {}) as Record<string, Json>;
  const timeoutMs = options.timeout === undefined ? null : parseDuration(options.timeout, `ctx.waitFor("${name}"): timeout`);
  return { event: options.event, match, timeoutMs };
}

function asSignal(output: unknown): SignalEvent | null {
  if (!output || typeof output !== "object" || !("event" in output)) return null;
  const { signalId: _id, ...event } = output as SignalEvent & { signalId?: number };
  return event as SignalEvent;
}

export async function runWaitFor(exec: Execution, name: string, options: WaitForOptions): Promise<SignalEvent | null> {
  const { seq, recorded } = claim(exec, name, "wait");
  const spec = waitSpec(name, options);
  const recordedInput = recorded?.input as { event?: string; match?: unknown } | null;
  if (recorded && (recordedInput?.event !== spec.event || canonicalJson(recordedInput?.match ?? {}) !== canonicalJson(spec.match)))
    throw changedArguments(exec, `waitFor "${name}"`, "now waits for another event or match");
  if (recorded?.status === "succeeded") return asSignal(recorded.output);
  if (!recorded) return registerWait(exec, name, seq, spec);
  if (!recorded.wakeAt || recorded.wakeAt.getTime() > Date.now()) return stillWaiting(exec, recorded, `waitFor "${name}"`);
  // Timed out, unless a signal resolved it meanwhile: decide under the event lock.
  const outcome = await write(exec, async (tx) => {
    await lockEvent(tx, spec.event);
    const { rows } = await tx.execute<{ status: string; output: unknown }>(sql`select status, output from run_steps where run_id = ${exec.run.id} and name = ${name} for update`);
    if (rows[0]?.status === "succeeded") return rows[0].output;
    await recordStepEnd(tx, { runId: exec.run.id, name, status: "succeeded", output: { timedOut: true } });
    return null;
  });
  return asSignal(outcome);
}

async function registerWait(exec: Execution, name: string, seq: number, spec: ReturnType<typeof waitSpec>): Promise<SignalEvent | null> {
  const wakeAt = spec.timeoutMs === null ? null : new Date(Date.now() + spec.timeoutMs);
  const input = { event: spec.event, match: spec.match, timeoutMs: spec.timeoutMs };
  const found = await write(exec, async (tx) => {
    await lockEvent(tx, spec.event);
    const early = await earlierSignal(tx, exec.run, spec.event, spec.match);
    const wakeJobId = !early && wakeAt ? await enqueueRun(tx, exec.run.id, wakeAt) : null;
    await recordWaitingStep(tx, { runId: exec.run.id, name, seq, kind: "wait", input, wakeAt, wakeJobId });
    if (early) await recordStepEnd(tx, { runId: exec.run.id, name, status: "succeeded", output: early });
    else await markRunWaiting(tx, exec.run.id);
    return early;
  });
  return found ? asSignal(found) : halt(exec, `waitFor "${name}" (${spec.event})`);
}
