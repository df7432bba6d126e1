// The step being executed, available to code called from inside ctx.step (integrations read the
// idempotency key `runId:stepName` from here). AsyncLocalStorage follows the step's async calls.
import { AsyncLocalStorage } from "node:async_hooks";

export interface StepScope {
  runId: string;
  playbookId: string;
  caseId: string | null;
  stepName: string;
  /** `${runId}:${stepName}`: side-effecting calls pass it on so a retried step repeats nothing. */
  idempotencyKey: string;
  attempt: number;
  signal: AbortSignal;
}

const storage = new AsyncLocalStorage<StepScope>();

export function runInStep<T>(scope: StepScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The current step, or undefined outside ctx.step. */
export function currentStep(): StepScope | undefined {
  return storage.getStore();
}
