// Postgres enums shared across areas. The zod schemas in the domain folders reuse these value lists.
import { pgEnum } from "drizzle-orm/pg-core";

export const ROLES = ["analyst", "manager", "admin"] as const;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const CASE_STATUSES = ["new", "triage", "contained", "resolved", "false_positive"] as const;
export const OBSERVABLE_TYPES = ["ip", "user", "email", "host", "domain", "url", "md5", "sha1", "sha256"] as const;
export const RUN_STATUSES = ["queued", "running", "waiting", "succeeded", "failed", "cancelled"] as const;
export const STEP_STATUSES = ["running", "succeeded", "failed", "waiting", "skipped"] as const;
export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired", "cancelled"] as const;
// pending: claimed, the call to the system is under way; active: in force, can be rolled back;
// completed: done and nothing stays to undo (sessions revoked, or the target was already so).
export const CONTAINMENT_STATUSES = ["pending", "active", "completed", "rolled_back", "expired", "failed"] as const;

export type Role = (typeof ROLES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type ObservableType = (typeof OBSERVABLE_TYPES)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export type ContainmentStatus = (typeof CONTAINMENT_STATUSES)[number];

export const roleEnum = pgEnum("role", ROLES);
export const severityEnum = pgEnum("severity", SEVERITIES);
export const caseStatusEnum = pgEnum("case_status", CASE_STATUSES);
export const observableTypeEnum = pgEnum("observable_type", OBSERVABLE_TYPES);
export const runStatusEnum = pgEnum("run_status", RUN_STATUSES);
export const stepStatusEnum = pgEnum("step_status", STEP_STATUSES);
export const approvalStatusEnum = pgEnum("approval_status", APPROVAL_STATUSES);
export const containmentStatusEnum = pgEnum("containment_status", CONTAINMENT_STATUSES);
