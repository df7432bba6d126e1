// Engine error types. Distinct classes so the runner can tell a playbook's own failure from a
// suspension, a replay mismatch, or an infrastructure problem that graphile should retry.
export class PlaybookError extends Error {
  override name = "PlaybookError";
}

/** Thrown by ctx.step after its last attempt failed; fails the run. */
export class StepFailedError extends PlaybookError {
  override name = "StepFailedError";
  constructor(readonly stepName: string, readonly attempts: number, cause: unknown) {
    super(`step "${stepName}" failed after ${attempts} attempt(s): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Thrown from inside a step to fail it at once, skipping its remaining retries: retrying cannot
 * help (a guardrail refused the action, the target does not exist). Like Inngest's NonRetriableError.
 */
export class NonRetryableError extends PlaybookError {
  override name = "NonRetryableError";
}

/** The code reached steps in another order than the journal recorded: it changed under the run. */
export class NonDeterminismError extends PlaybookError {
  override name = "NonDeterminismError";
}

/** A step returned something that is not JSON. */
export class StepOutputError extends PlaybookError {
  override name = "StepOutputError";
}

/** Signals that the run now waits (approval, sleep, event); the job ends without failing. */
export class RunSuspended extends Error {
  override name = "RunSuspended";
  constructor(readonly reason: string) {
    super(`run suspended: ${reason}`);
  }
}
