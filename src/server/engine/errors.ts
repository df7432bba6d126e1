// Engine error types. Distinct classes so the runner can tell a playbook's own failure from a
// suspension, a replay mismatch, or an infrastructure problem that graphile should retry.
// Playbook authors throw NonRetriableError ("don't retry") and RetryAfterError ("retry after").
export class PlaybookError extends Error {
  override name = "PlaybookError";
}

/** Thrown by ctx.step after its last attempt failed; fails the run. */
export class StepFailedError extends PlaybookError {
  override name = "StepFailedError";
  constructor(
    readonly stepName: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`step "${stepName}" failed after ${attempts} attempt(s): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Throw from a step to fail it at once, whatever its `retries` (bad input, permission denied, ...). */
export class NonRetriableError extends PlaybookError {
  override name = "NonRetriableError";
}

/** Throw from a step to retry it after a given delay (e.g. the vendor's Retry-After), counting an attempt. */
export class RetryAfterError extends PlaybookError {
  override name = "RetryAfterError";
  /** Milliseconds to wait before the next attempt. */
  readonly delayMs: number;
  constructor(message: string, retryAfter: number | Date) {
    super(message);
    this.delayMs = retryAfter instanceof Date ? Math.max(0, retryAfter.getTime() - Date.now()) : Math.max(0, retryAfter);
  }
}

/** The code reached steps in another order than the journal recorded: it changed under the run. */
export class NonDeterminismError extends PlaybookError {
  override name = "NonDeterminismError";
}

/** A step returned something that is not JSON. */
export class StepOutputError extends PlaybookError {
  override name = "StepOutputError";
}

/** Signals that the run now waits (approval, sleep, event, retry); the job ends without failing. */
export class RunSuspended extends Error {
  override name = "RunSuspended";
  constructor(readonly reason: string) {
    super(`run suspended: ${reason}`);
  }
}

/**
 * This execution no longer owns the run (it was cancelled, or another execution took it over after
 * this worker was presumed dead). It stops quietly without writing anything.
 */
export class ExecutionSuperseded extends Error {
  override name = "ExecutionSuperseded";
}
