// What a playbook passes to ctx.approval, validated, and what it gets back once decided.
// Pure: shared by the real engine and the test harness.
import { z } from "zod";
import { ROLES, type Role } from "../db/schema/enums";
import type { ApprovalDecisionSummary, ApprovalOptions, ApprovalResult, Json } from "./define-playbook";
import { parseDuration } from "./duration";
import { hashJson, toJson } from "./json";

const ROLE_ORDER: Record<Role, number> = { analyst: 1, manager: 2, admin: 3 };

/** Whether `role` is `required` or higher. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLE_ORDER[role] >= ROLE_ORDER[required];
}

export const approvalOptionsSchema = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  description: z.string().max(5_000).optional(),
  role: z.enum(ROLES).default("manager"),
  quorum: z.number().int().min(1).max(20).default(1),
  expiresIn: z.union([z.number(), z.string()]).default("24h"),
  onTimeout: z.enum(["reject", "approve"]).default("reject"),
  params: z.record(z.string(), z.unknown()).default({}),
});

export interface ApprovalSpec {
  title: string;
  description: string | null;
  role: Role;
  quorum: number;
  expiresInMs: number;
  onTimeout: "reject" | "approve";
  params: Record<string, Json>;
  paramsHash: string;
}

/** Validates ctx.approval's options; the message names the bad option. */
export function approvalSpec(name: string, options: ApprovalOptions): ApprovalSpec {
  const parsed = approvalOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`ctx.approval("${name}"): ${issue.path.join(".") || "options"}: ${issue.message}`);
  }
  const o = parsed.data;
  const params = toJson(`approval "${name}" params`, o.params) as Record<string, Json>;
  return {
    title: o.title ?? name,
    description: o.description ?? null,
    role: o.role,
    quorum: o.quorum,
    expiresInMs: parseDuration(o.expiresIn as string, `ctx.approval("${name}"): expiresIn`),
    onTimeout: o.onTimeout,
    params,
    paramsHash: hashJson(params),
  };
}

export interface DecisionRow {
  name: string;
  decision: string;
  reason: string | null;
  at: Date;
}

/** The value ctx.approval resolves to, from the approval's final status and its decisions. */
export function approvalResult(status: "approved" | "rejected" | "expired", onTimeout: string, decisions: DecisionRow[]): ApprovalResult {
  const summaries: ApprovalDecisionSummary[] = decisions.map((d) => ({ user: d.name, decision: d.decision === "reject" ? "reject" : "approve", reason: d.reason, at: d.at.toISOString() }));
  const rejecting = summaries.find((d) => d.decision === "reject");
  const approved = status === "approved" || (status === "expired" && onTimeout === "approve");
  return {
    approved,
    status,
    by: status === "expired" ? "timeout" : (rejecting ? [rejecting.user] : summaries.map((d) => d.user)).join(", "),
    reason: rejecting?.reason ?? summaries.at(-1)?.reason ?? null,
    decisions: summaries,
  };
}
