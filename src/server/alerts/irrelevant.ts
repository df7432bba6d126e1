// A payload that is well formed but holds nothing Vigil alerts on: an Okta event hook batch of
// routine sign-ins, for example. It is a ParseError (so nothing is stored and the caller gets a
// 4xx by default), but a distinct one: intake may answer it with 2xx and no alert, since the
// sender did nothing wrong and should not retry.
import { ParseError } from "./types";

export class IrrelevantPayloadError extends ParseError {
  override name = "IrrelevantPayloadError";
  /** What was skipped, e.g. the Okta event types of the batch. */
  readonly ignored: readonly string[];

  constructor(message: string, ignored: readonly string[]) {
    super(message);
    this.ignored = ignored;
  }
}

export const isIrrelevantPayload = (e: unknown): e is IrrelevantPayloadError => e instanceof IrrelevantPayloadError;
