// ctx.approval: creates the approval and suspends the run; on replay after the decision, returns
// the result. The params are part of the replay check: a decision is never applied to other params.
import type { ApprovalOptions, ApprovalResult } from "./define-playbook";
import { approvalSpec } from "./approval-spec";
import { approvalForStep, createApproval, resultOf } from "./approvals";
import { changedArguments, claim, suspend, write, type Execution } from "./execution";
import { recordStepEnd, recordWaitingStep } from "./journal";

export async function runApproval(exec: Execution, name: string, options: ApprovalOptions): Promise<ApprovalResult> {
  const { seq, recorded } = claim(exec, name, "approval");
  const spec = approvalSpec(name, options);
  const recordedHash = (recorded?.input as { paramsHash?: string } | null)?.paramsHash;
  if (recorded && recordedHash !== spec.paramsHash) throw changedArguments(exec, `approval "${name}"`, "now asks for other params than the ones the approvers were shown");
  if (recorded?.status === "succeeded") return recorded.output as ApprovalResult;

  const existing = await approvalForStep(exec.db, exec.run.id, name);
  if (!existing) {
    await suspend(exec, `approval "${name}"`, async (tx) => {
      const created = await createApproval(tx, exec.run, name, spec);
      const input = { approvalId: created.id, title: spec.title, role: spec.role, quorum: spec.quorum, params: spec.params, paramsHash: spec.paramsHash, expiresAt: created.expiresAt.toISOString() };
      await recordWaitingStep(tx, { runId: exec.run.id, name, seq, kind: "approval", input });
    });
  }
  if (existing!.paramsHash !== spec.paramsHash) throw changedArguments(exec, `approval "${name}"`, "now asks for other params than the ones the approvers were shown");
  if (existing!.status === "pending") return suspend(exec, `approval "${name}"`);
  if (existing!.status === "cancelled") throw new Error(`approval "${name}" was cancelled`);
  const result = await resultOf(exec.db, existing!);
  await write(exec, (tx) => recordStepEnd(tx, { runId: exec.run.id, name, status: "succeeded", output: result }));
  return result;
}
