// JSON helpers for the journal: step outputs must survive a JSON round trip, and approval params
// are hashed in a canonical form so a decision is bound to exactly what the approver saw.
import { createHash } from "node:crypto";
import type { Json } from "./define-playbook";
import { StepOutputError } from "./errors";

/** Round-trips a value through JSON, refusing what JSON cannot hold. */
export function toJson(stepName: string, value: unknown): Json {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as Json;
  } catch (e) {
    throw new StepOutputError(`step "${stepName}" returned a value that is not JSON: ${(e as Error).message}`);
  }
}

/** JSON with object keys sorted at every level, so equal values serialise equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function hashJson(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
