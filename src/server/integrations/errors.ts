// Integration error types. Two of them fail a playbook step at once (NonRetriableError): a
// guardrail refusal, and a target that does not exist. Everything else may be retried by the step.
import { NonRetriableError } from "../engine/errors";

/** A call to an external system failed (HTTP status, LDAP result code, bad answer). */
export class IntegrationError extends Error {
  override name = "IntegrationError";
  constructor(
    message: string,
    readonly details: { status?: number; code?: string } = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** A guardrail refused a containment action: a protected entity, or a rate limit reached. */
export class GuardrailRefusal extends NonRetriableError {
  override name = "GuardrailRefusal";
  constructor(
    message: string,
    readonly rule: "protected_entity" | "rate_limit" | "duration_cap",
  ) {
    super(message);
  }
}

/** The user, group or object named in the call does not exist on the system. */
export class TargetNotFoundError extends NonRetriableError {
  override name = "TargetNotFoundError";
}

/** The playbook called an action wrongly (bad parameters, unknown connection or action). */
export class IntegrationUsageError extends NonRetriableError {
  override name = "IntegrationUsageError";
}
