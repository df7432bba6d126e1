// The playbooks the benchmark runs in its own worker, and the marks their steps leave: the time
// (performance.now() of this process) at which a step body started, keyed by alert or run id.
import { createHash } from "node:crypto";
import path from "node:path";
import alertSummary from "@playbooks/alert-summary";
import { definePlaybook, type RunContext } from "@/server/engine";
import { getPlaybook, registerPlaybook, replacePlaybook } from "@/server/engine/registry";

export const marks = {
  /** alert id → when the first step of the run it started began. */
  firstStep: new Map<string, number>(),
  /** run id → when the step after the approval began. */
  afterApproval: new Map<string, number>(),
  /** ten-step runs that finished their last step. */
  tenStepRunsDone: 0,
};

const PAYLOAD = Buffer.alloc(2048, "x");
/** The work of one step (and of one bare job in the baseline): hash a 2 KB payload. */
export function stepWork(): string {
  return createHash("sha256").update(PAYLOAD).digest("hex");
}

export const TEN_STEPS = definePlaybook({
  id: "bench-ten-steps",
  title: "Benchmark: ten steps",
  async run(ctx) {
    for (let i = 0; i < 10; i++) await ctx.step(`step ${i}`, () => stepWork());
    marks.tenStepRunsDone++;
  },
});

export const APPROVAL = definePlaybook({
  id: "bench-approval",
  title: "Benchmark: approval then a step",
  async run(ctx) {
    await ctx.step("before", () => stepWork());
    await ctx.approval("go", { title: "Benchmark approval", params: { runId: ctx.runId } });
    await ctx.step("after", () => {
      marks.afterApproval.set(ctx.runId, performance.now());
      return stepWork();
    });
  },
});

/** alert-summary, unchanged, except that the start of its first step body is marked. */
const MARKED_ALERT_SUMMARY = definePlaybook({
  ...alertSummary,
  run(ctx: RunContext) {
    let first = true;
    const step: RunContext["step"] = (name, fn, options) =>
      ctx.step(
        name,
        (info) => {
          if (first && ctx.alert) marks.firstStep.set(ctx.alert.id, performance.now());
          first = false;
          return fn(info);
        },
        options,
      );
    return alertSummary.run({ ...ctx, step });
  },
});

/** Registers the benchmark playbooks in this process; call before the worker starts. */
export function registerBenchPlaybooks(): void {
  const file = path.resolve("bench/playbooks.ts");
  for (const p of [TEN_STEPS, APPROVAL]) if (!getPlaybook(p.id)) registerPlaybook(p, file);
  // Same id and file as the real one, so the version recorded by the web app matches.
  replacePlaybook(MARKED_ALERT_SUMMARY, path.resolve("playbooks/alert-summary.ts"));
}
