// A step that may fail without failing the run: wrap the step's body, and the step records
// { ok: false, error } instead of throwing. For optional work (notify, enrich, an identity action
// on a system that may not be connected), where the playbook reports the failure and goes on.
//   const sent = await ctx.step("notify reporter", () => settle(() => ctx.integrations.email.send(mail)));
//   if (!sent.ok) await ctx.comment(`Could not notify the reporter: ${sent.error}`);
import type { Json } from "./define-playbook";

export type Settled<T extends Json> = { ok: true; value: T } | { ok: false; error: string };

export async function settle<T extends Json>(fn: () => Promise<T> | T): Promise<Settled<T>> {
  try {
    const value = await fn();
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
