// Manual runs: an analyst starts a playbook on a case with typed input (validated by the
// playbook's inputSchema), audited, in one transaction with its job.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { cases, playbooks } from "../db/schema";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append";
import { getPlaybook } from "./registry";
import { startRun } from "./runs";

export const startManualRunInput = z.object({
  playbookId: z.string().min(1).max(64),
  caseId: z.string().uuid().nullish(),
  input: z.record(z.string(), z.unknown()).default({}),
});
export type StartManualRunInput = z.input<typeof startManualRunInput>;

export async function startManualRun(tx: DbOrTx, user: { id: string }, raw: StartManualRunInput): Promise<{ runId: string }> {
  const req = startManualRunInput.parse(raw);
  const playbook = getPlaybook(req.playbookId);
  if (!playbook) throw new AppError("NOT_FOUND", `playbook "${req.playbookId}" does not exist`);
  const [row] = await tx.select({ enabled: playbooks.enabled }).from(playbooks).where(eq(playbooks.id, req.playbookId));
  if (row && !row.enabled) throw new AppError("CONFLICT", `playbook "${req.playbookId}" is disabled`);
  let input: Record<string, unknown> = req.input;
  if (playbook.inputSchema) {
    const parsed = playbook.inputSchema.safeParse(req.input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError("BAD_REQUEST", `input.${issue.path.join(".")}: ${issue.message}`);
    }
    input = parsed.data as Record<string, unknown>;
  }
  if (req.caseId) {
    const [found] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, req.caseId));
    if (!found) throw new AppError("NOT_FOUND", `case ${req.caseId} not found`);
  }
  const runId = await startRun(tx, { playbookId: playbook.id, caseId: req.caseId ?? null, input, requestedBy: user.id, actor: `user:${user.id}` });
  await appendAudit(tx, { actor: `user:${user.id}`, action: "run.start", subject: `run:${runId}`, data: { playbookId: playbook.id, caseId: req.caseId ?? null } });
  return { runId };
}
