// Building blocks the identity systems share: the params every identity verb takes, and
// reversible pairs (disable/enable, remove/add membership) whose inverse is the other half,
// declared only when the call changed something.
import { z } from "zod";
import type { Json } from "../engine/define-playbook";
import type { ActionContext, ContainmentAction } from "./define";

export const userParams = z.object({ user: z.string().trim().min(1).max(1000) });
export const userGroupParams = z.object({ user: z.string().trim().min(1).max(1000), group: z.string().trim().min(1).max(1000) });

/** Two actions that undo each other: [forward, backward]. */
export function reversiblePair<TClient, TParams extends typeof userParams | typeof userGroupParams, TResult extends Json & { changed: boolean }>(spec: {
  params: TParams;
  names: [forward: string, backward: string];
  summaries: [forward: string, backward: string];
  /** Does the forward (true) or backward (false) change; reads the state first and reports `changed`. */
  run: (client: TClient, params: z.output<TParams>, forward: boolean, ctx: ActionContext) => Promise<TResult>;
  /** Params naming exactly what was changed (ids/DNs), for the other half. */
  inverseParams: (result: TResult) => Record<string, unknown>;
}): [ContainmentAction<TClient, TParams, TResult>, ContainmentAction<TClient, TParams, TResult>] {
  const half = (forward: boolean): ContainmentAction<TClient, TParams, TResult> => ({
    kind: "containment",
    summary: spec.summaries[forward ? 0 : 1],
    params: spec.params,
    target: (p) => ({ type: "user", value: p.user }),
    run: (client, p, ctx) => spec.run(client, p, forward, ctx),
    inverse: (_p, r) => (r.changed ? { action: spec.names[forward ? 1 : 0], params: spec.inverseParams(r) } : null),
    unchanged: (r) => !r.changed,
  });
  return [half(true), half(false)];
}
