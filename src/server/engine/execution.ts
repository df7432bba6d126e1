// The state of one execution of a run: the journal it replays, the names it has reached, whether
// it has suspended, and the fenced writer. Every ctx.* operation goes through claim(), which checks
// the replay against the journal (DBOS-style): a different order or kind is a non-determinism error.
import type { Db, Tx } from "../db/client";
import type { Logger } from "../logger";
import type { RunAlert } from "./define-playbook";
import { NonDeterminismError, RunSuspended } from "./errors";
import type { JournalEntry, StepKind } from "./journal";
import { fenced, markRunWaiting, type RunLease } from "./run-lease";
import { currentStep } from "./step-scope";

export interface RunRecord {
  id: string;
  playbookId: string;
  caseId: string | null;
  alertId: string | null;
  input: Record<string, unknown>;
  requestedBy: string | null;
  createdAt: Date;
  /** The version the run started with, and the version of the code running now. */
  versionHash: string | null;
  currentVersion: string;
}

export interface Execution {
  db: Db;
  run: RunRecord;
  alert: RunAlert | null;
  lease: Pick<RunLease, "runId" | "executionId">;
  log: Logger;
  signal?: AbortSignal;
  journal: Map<string, JournalEntry>;
  seen: Set<string>;
  seq: number;
  counters: Map<string, number>;
  /** Why the run suspended, once it has. Later operations suspend at once. */
  suspended: string | null;
  /** Operations still running (Promise.all branches); awaited before the job ends. */
  inflight: Set<Promise<unknown>>;
}

export function newExecution(init: Omit<Execution, "seen" | "seq" | "counters" | "suspended" | "inflight">): Execution {
  return { ...init, seen: new Set(), seq: 0, counters: new Map(), suspended: null, inflight: new Set() };
}

function changedMessage(exec: Execution): string {
  const { versionHash, currentVersion } = exec.run;
  return versionHash && versionHash !== currentVersion
    ? `playbook changed under a running run (started on version ${versionHash}, now ${currentVersion})`
    : "playbook changed under a running run";
}

/** Claims the next journal position for `name`; returns the entry recorded there, if any. */
export function claim(exec: Execution, name: string, kind: StepKind): { seq: number; recorded: JournalEntry | undefined } {
  if (exec.suspended) throw new RunSuspended(exec.suspended);
  if (typeof name !== "string" || !name || name.length > 200) throw new Error(`step name must be 1-200 characters, got "${String(name).slice(0, 40)}"`);
  const inside = currentStep();
  if (inside && inside.runId === exec.run.id) throw new Error(`ctx.${kind === "step" ? "step" : kind} "${name}" was called inside step "${inside.stepName}"; steps cannot be nested`);
  if (exec.seen.has(name)) throw new Error(`step name "${name}" is used twice in this run; step names must be unique`);
  exec.seen.add(name);
  const position = ++exec.seq;
  const recorded = exec.journal.get(name);
  if (recorded && (recorded.seq !== position || recorded.kind !== kind))
    throw new NonDeterminismError(`${changedMessage(exec)}: "${name}" was recorded as ${recorded.kind} #${recorded.seq}, now reached as ${kind} #${position}`);
  return { seq: position, recorded };
}

/** The next automatic name for unnamed operations: "comment#1", "comment#2", ... */
export function autoName(exec: Execution, prefix: string): string {
  const n = (exec.counters.get(prefix) ?? 0) + 1;
  exec.counters.set(prefix, n);
  return `${prefix}#${n}`;
}

/** After a successful end: every journal entry must have been reached again. */
export function assertJournalConsumed(exec: Execution): void {
  for (const entry of exec.journal.values())
    if (!exec.seen.has(entry.name))
      throw new NonDeterminismError(`${changedMessage(exec)}: the journal has ${entry.kind} "${entry.name}" (#${entry.seq}) that the code no longer reaches`);
}

/** A NonDeterminismError for a replayed operation whose arguments changed. */
export function changedArguments(exec: Execution, name: string, what: string): NonDeterminismError {
  return new NonDeterminismError(`${changedMessage(exec)}: ${name} ${what}`);
}

export function write<T>(exec: Execution, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return fenced(exec.db, exec.lease, fn);
}

/** Marks the run waiting (plus any writes of the caller) and ends this execution. */
export async function suspend(exec: Execution, reason: string, writes?: (tx: Tx) => Promise<void>): Promise<never> {
  await write(exec, async (tx) => {
    await writes?.(tx);
    await markRunWaiting(tx, exec.run.id);
  });
  return halt(exec, reason);
}

/** Ends this execution as suspended (the caller has already marked the run waiting). */
export function halt(exec: Execution, reason: string): never {
  exec.suspended ??= reason;
  throw new RunSuspended(reason);
}

/** Tracks an operation so the job waits for parallel branches before it ends. */
export function track<T>(exec: Execution, promise: Promise<T>): Promise<T> {
  exec.inflight.add(promise);
  const done = () => exec.inflight.delete(promise);
  promise.then(done, done);
  return promise;
}

export async function settle(exec: Execution): Promise<void> {
  while (exec.inflight.size > 0) await Promise.allSettled([...exec.inflight]);
}
