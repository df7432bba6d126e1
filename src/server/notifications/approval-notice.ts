// Tells the people who may decide an approval that it is waiting: one email per eligible approver
// with a link signed for that approver (the link builder is the engine's signed-link module:
// approvalLinkFor, which opens a page showing the params with Approve/Reject), and a chat message
// pointing to the approval page (never signed links in a shared channel). Eligible: role at or above the required one, not disabled, and not the requester
// (separation of duties). Called by the `approval.notify` job.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { approvals, cases, playbookRuns } from "../db/schema";
import { appendAudit } from "../audit/append";
import { publicUrl } from "../env";
import type { Logger } from "../logger";
import { slackEscape } from "../integrations/slack/client";
import type { Role } from "../db/schema/enums";
import { escapeHtml, type Notifier } from "./notifier";
import { eligibleApprovers } from "../engine/approval-links";

export interface ApprovalLinkRequest {
  approvalId: string;
  approver: { id: string; email: string };
  expiresAt: Date | null;
}
/** The signed link for one approver (one use, expires with the approval). */
export type ApprovalLinkBuilder = (request: ApprovalLinkRequest) => string | Promise<string>;

export interface ApprovalNoticeFacts {
  id: string;
  title: string;
  params: Record<string, unknown>;
  requiredRole: Role;
  quorum: number;
  expiresAt: Date | null;
  playbookId: string;
  caseNumber: number | null;
  caseTitle: string | null;
}

export interface NotifyResult {
  emailed: string[];
  failed: string[];
  chats: number;
}


function paramLines(params: Record<string, unknown>): string[] {
  return Object.entries(params).slice(0, 20).map(([k, v]) => `  ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`.slice(0, 300));
}

/** Subject, text and HTML of the approval email (pure). */
export function approvalEmail(facts: ApprovalNoticeFacts, link: string, pageUrl: string) {
  const onCase = facts.caseNumber !== null ? ` (case #${facts.caseNumber})` : "";
  const subject = `[Vigil] Approval needed: ${facts.title}${onCase}`;
  const lines = [
    `Playbook "${facts.playbookId}" asks for approval: ${facts.title}`,
    ...(facts.caseNumber !== null ? [`Case #${facts.caseNumber}: ${facts.caseTitle ?? ""}`] : []),
    ...(Object.keys(facts.params).length ? ["Parameters:", ...paramLines(facts.params)] : []),
    `Needs ${facts.quorum} ${facts.requiredRole}${facts.quorum > 1 ? "s" : ""}${facts.expiresAt ? `; expires ${facts.expiresAt.toISOString()}` : ""}.`,
    "",
    `Approve or reject (this link is yours alone and works once): ${link}`,
    "",
    `Or open the approvals inbox: ${pageUrl}`,
  ];
  const html = [
    `<p>Playbook <b>${escapeHtml(facts.playbookId)}</b> asks for approval: <b>${escapeHtml(facts.title)}</b>${escapeHtml(onCase)}</p>`,
    Object.keys(facts.params).length ? `<pre>${escapeHtml(paramLines(facts.params).join("\n"))}</pre>` : "",
    `<p><a href="${escapeHtml(link)}">Approve or reject</a> (this link is yours alone and works once)</p>`,
    `<p>Or open the approvals inbox: <a href="${escapeHtml(pageUrl)}">${escapeHtml(pageUrl)}</a></p>`,
  ].join("\n");
  return { subject, text: lines.join("\n"), html };
}

async function loadFacts(db: Db, approvalId: string) {
  const [row] = await db
    .select({
      id: approvals.id,
      title: approvals.title,
      params: approvals.params,
      requiredRole: approvals.requiredRole,
      quorum: approvals.quorum,
      expiresAt: approvals.expiresAt,
      status: approvals.status,
      requestedBy: approvals.requestedBy,
      runRequestedBy: playbookRuns.requestedBy,
      playbookId: playbookRuns.playbookId,
      caseNumber: cases.number,
      caseTitle: cases.title,
    })
    .from(approvals)
    .innerJoin(playbookRuns, eq(playbookRuns.id, approvals.runId))
    .leftJoin(cases, eq(cases.id, playbookRuns.caseId))
    .where(eq(approvals.id, approvalId))
    .limit(1);
  return row;
}

export async function notifyApprovers(db: Db, approvalId: string, deps: { notifier: Notifier; buildLink: ApprovalLinkBuilder; log: Logger }): Promise<NotifyResult> {
  const facts = await loadFacts(db, approvalId);
  if (!facts || facts.status !== "pending") return { emailed: [], failed: [], chats: 0 };
  // Who may decide is the engine's rule (role at least the required one, enabled, not the requester).
  const approvers = await eligibleApprovers(db, approvalId);
  const pageUrl = `${publicUrl()}/approvals`;
  const notice = { ...facts, params: (facts.params ?? {}) as Record<string, unknown> };
  const result: NotifyResult = { emailed: [], failed: [], chats: 0 };
  if (deps.notifier.canEmail) {
    for (const approver of approvers) {
      try {
        const link = await deps.buildLink({ approvalId: facts.id, approver, expiresAt: facts.expiresAt });
        await deps.notifier.email({ to: [approver.email], ...approvalEmail(notice, link, pageUrl) });
        result.emailed.push(approver.email);
      } catch (e) {
        deps.log.warn({ approvalId, approver: approver.id, err: (e as Error).message }, "approval email failed");
        result.failed.push(approver.email);
      }
    }
  }
  const onCase = facts.caseNumber !== null ? ` (case #${facts.caseNumber})` : "";
  result.chats = await deps.notifier.chat(`:raised_hand: Approval needed: *${slackEscape(facts.title)}*${onCase}, by playbook ${slackEscape(facts.playbookId)}. Decide: ${pageUrl}`);
  await db.transaction((tx) =>
    appendAudit(tx, { actor: "system", action: "approval.notify", subject: `approval:${facts.id}`, data: { emailed: result.emailed, failed: result.failed, chats: result.chats, eligible: approvers.length } }),
  );
  // Let the job retry when nobody could be told at all.
  if (approvers.length > 0 && result.emailed.length === 0 && result.chats === 0 && (deps.notifier.canEmail || result.failed.length > 0))
    throw new Error(`no approver of approval ${approvalId} could be notified (${result.failed.length} email(s) failed)`);
  return result;
}
