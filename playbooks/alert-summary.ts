// Example playbook: runs on every new case and writes a short triage summary of the alert's
// observables to the case timeline. One journaled step, one comment.
import { inlineCode } from "@/lib/markdown-code";
import { definePlaybook } from "@/server/engine";

export default definePlaybook({
  id: "alert-summary",
  title: "Alert summary",
  description: "Summarises the observables of the alert that opened a case and posts them as a comment.",
  trigger: { source: "*", on: "case" },
  async run(ctx) {
    const summary = await ctx.step("summarize observables", () => {
      const observables = ctx.alert?.observables;
      const counts = Object.fromEntries(Object.entries(observables ?? {}).filter(([, values]) => values.length > 0).map(([type, values]) => [type, values.length]));
      return { title: ctx.alert?.title ?? "(no alert)", severity: ctx.alert?.severity ?? null, counts };
    });
    const parts = Object.entries(summary.counts).map(([type, n]) => `${n} ${type}`);
    await ctx.comment(`Triage summary: ${inlineCode(summary.title)} (${summary.severity ?? "n/a"}) with ${parts.length ? parts.join(", ") : "no observables"}.`);
    return summary;
  },
});
