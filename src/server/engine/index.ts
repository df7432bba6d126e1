// The engine's public API for playbook authors: `import { definePlaybook } from "@/server/engine"`.
export { definePlaybook } from "./define-playbook";
export type {
  ApprovalOptions,
  ApprovalResult,
  Json,
  PlaybookDefinition,
  PlaybookTrigger,
  RunAlert,
  RunContext,
  SignalEvent,
  StepOptions,
  TriggerAlert,
  WaitForOptions,
} from "./define-playbook";
export type { Duration } from "./duration";
export { NonRetriableError, RetryAfterError } from "./errors";
export { confirmationLink } from "./confirm-links";
export { settle, type Settled } from "./settle";
export { alertText, pickObservables, type PickOptions } from "./alert-picks";
