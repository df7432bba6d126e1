// The engine's public API for playbook authors: `import { definePlaybook } from "@/server/engine"`.
export { definePlaybook } from "./define-playbook";
export type { Json, PlaybookDefinition, PlaybookTrigger, RunAlert, RunContext, StepOptions, TriggerAlert } from "./define-playbook";
