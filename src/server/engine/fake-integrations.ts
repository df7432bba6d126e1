// Recorded fakes for ctx.integrations, used by the playbook test harness and backtests. A Proxy
// answers any call path (ctx.integrations.<system>.<action>(...args), at any depth) from a script,
// records the call with the step's idempotency key, and never reaches a real system. It needs no
// knowledge of which integrations exist, so it works with whatever the integrations code exposes.
import type { PlaybookIntegrations } from "../integrations/playbook-api";
import { currentStep } from "./step-scope";

/** A scripted answer: a value, a list of successive values, a function of the call's arguments,
 * or `{ $throw: "message" }` to make the call fail (also inside a list). */
export type FakeAnswer = unknown;
/** Answers by call path, e.g. { "abuseipdb.check": { score: 90 }, "ad.disableUser": [{ ok: true }] }. */
export type FakeScript = Record<string, FakeAnswer>;

export interface IntegrationCall {
  /** "system.action" */
  path: string;
  args: unknown[];
  /** The step it was called from, and that step's idempotency key (null outside a step). */
  step: string | null;
  idempotencyKey: string | null;
  /** Whether the script had an answer; unscripted calls return null. */
  scripted: boolean;
  result?: unknown;
  error?: string;
}

class FakeCallError extends Error {
  override name = "FakeCallError";
}

function answer(script: FakeScript, path: string, args: unknown[], counts: Map<string, number>): { scripted: boolean; value: unknown } {
  if (!(path in script)) return { scripted: false, value: null };
  let entry = script[path];
  if (Array.isArray(entry)) {
    const n = counts.get(path) ?? 0;
    counts.set(path, n + 1);
    entry = entry[Math.min(n, entry.length - 1)];
  }
  if (typeof entry === "function") entry = (entry as (...a: unknown[]) => unknown)(...args);
  if (entry && typeof entry === "object" && "$throw" in entry) throw new FakeCallError(String((entry as { $throw: unknown }).$throw));
  return { scripted: true, value: entry };
}

const NOT_CALLS = new Set<PropertyKey>(["then", "catch", "finally", "toJSON", "constructor", "inspect", Symbol.toPrimitive, Symbol.toStringTag, Symbol.iterator, Symbol.asyncIterator]);

/** A ctx.integrations stand-in that records every call into `calls`. */
export function createFakeIntegrations(script: FakeScript, calls: IntegrationCall[]): PlaybookIntegrations {
  const counts = new Map<string, number>();
  const node = (path: string[]): unknown =>
    new Proxy(function fake() {}, {
      get(_target, prop) {
        if (NOT_CALLS.has(prop) || typeof prop === "symbol") return undefined;
        return node([...path, prop]);
      },
      async apply(_target, _this, args: unknown[]) {
        const step = currentStep();
        const call: IntegrationCall = { path: path.join("."), args, step: step?.stepName ?? null, idempotencyKey: step?.idempotencyKey ?? null, scripted: false };
        calls.push(call);
        try {
          const { scripted, value } = answer(script, call.path, args, counts);
          call.scripted = scripted;
          call.result = value;
          return value;
        } catch (e) {
          call.scripted = true;
          call.error = (e as Error).message;
          throw e;
        }
      },
    });
  return node([]) as PlaybookIntegrations;
}
