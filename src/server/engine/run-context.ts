// Builds the ctx a playbook's run() receives. Every effect goes through the journal: a completed
// step is replayed from run_steps, never executed twice; the order of steps must match the record.
// The operations live in step-runner.ts, approval-step.ts and waits.ts; the instant ones are here.
import { comments } from "../db/schema";
import type { CaseStatus } from "../db/schema/enums";
import { addCaseEvent } from "../cases/timeline";
import { createPlaybookIntegrations } from "../integrations/playbook-api";
import type { RunContext } from "./define-playbook";
import { autoName, claim, track, write, type Execution } from "./execution";
import { recordInstantStep } from "./journal";
import { runApproval } from "./approval-step";
import { applyCaseStatus, assertCaseStatus } from "./case-status";
import { runStep } from "./step-runner";
import { runSleep, runWaitFor } from "./waits";

async function comment(exec: Execution, text: string): Promise<void> {
  const name = autoName(exec, "comment");
  const { seq, recorded } = claim(exec, name, "comment");
  if (recorded) return;
  const { run } = exec;
  await write(exec, async (tx) => {
    if (run.caseId) {
      await tx.insert(comments).values({ caseId: run.caseId, author: `playbook:${run.playbookId}`, body: String(text) });
      await addCaseEvent(tx, { caseId: run.caseId, actor: `playbook:${run.id}`, kind: "comment", data: { text: String(text), playbookId: run.playbookId } });
    }
    await recordInstantStep(tx, { runId: run.id, name, seq, kind: "comment", output: { text: String(text) } });
  });
}

async function setCaseStatus(exec: Execution, status: CaseStatus, options?: { reason?: string }): Promise<void> {
  assertCaseStatus(status);
  const name = autoName(exec, "case status");
  const { seq, recorded } = claim(exec, name, "case-status");
  if (recorded) return;
  const { run } = exec;
  if (!run.caseId) throw new Error(`ctx.setCaseStatus("${status}"): this run has no case`);
  await write(exec, async (tx) => {
    const from = await applyCaseStatus(tx, { caseId: run.caseId!, status, actor: `playbook:${run.id}`, reason: options?.reason ?? null });
    await recordInstantStep(tx, { runId: run.id, name, seq, kind: "case-status", input: { status, reason: options?.reason ?? null }, output: { from, to: status } });
  });
}

async function now(exec: Execution, name?: string): Promise<Date> {
  const stepName = name ?? autoName(exec, "now");
  const { seq, recorded } = claim(exec, stepName, "now");
  if (recorded) return new Date(recorded.output as string);
  const value = new Date();
  await write(exec, (tx) => recordInstantStep(tx, { runId: exec.run.id, name: stepName, seq, kind: "now", output: value.toISOString() }));
  return value;
}

export function createRunContext<TInput>(exec: Execution): RunContext<TInput> {
  const { run } = exec;
  return {
    runId: run.id,
    playbookId: run.playbookId,
    input: run.input as TInput,
    alert: exec.alert,
    caseId: run.caseId,
    log: exec.log,
    integrations: createPlaybookIntegrations({ db: exec.db, run, log: exec.log }),
    step: ((name, fn, options) => track(exec, runStep(exec, name, fn, options))) as RunContext<TInput>["step"],
    approval: (name, options) => track(exec, runApproval(exec, name, options)),
    sleep: (name, duration) => track(exec, runSleep(exec, name, duration)),
    waitFor: (name, options) => track(exec, runWaitFor(exec, name, options)),
    comment: (text) => track(exec, comment(exec, text)),
    setCaseStatus: (status, options) => track(exec, setCaseStatus(exec, status, options)),
    now: (name) => track(exec, now(exec, name)),
  };
}
