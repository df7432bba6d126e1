// Who may call what: every tRPC procedure with its minimum role, and every route handler under
// src/app/api with the rule that lets a request in. This is the reviewable copy of the access
// rules; the procedures enforce them through analystProcedure/managerProcedure/adminProcedure, and
// test/integration/rbac-matrix.trpc.test.ts fails when the router and this table disagree (a
// procedure missing here, a name here that no longer exists, or a role that does not hold).
import type { MinRole } from "./trpc";

/** Minimum role per tRPC procedure path. "public" needs no session. */
export const PROCEDURE_ACCESS = {
  "alerts.list": "analyst",

  "approvals.list": "analyst",
  "approvals.byId": "analyst",
  "approvals.pendingCount": "analyst",
  // Managers and admins decide; the engine also refuses the run's requester (separation of duties),
  // users who already decided, and roles below the approval's own requiredRole.
  "approvals.decide": "manager",
  // Signed links are bound to one approver: a valid token is needed as well as the session.
  "approvals.byLink": "manager",
  "approvals.decideByLink": "manager",

  "audit.list": "admin",
  "audit.actions": "admin",
  "audit.verify": "admin",

  "auth.login": "public",
  "auth.logout": "public",
  "auth.me": "analyst",

  // Creates demo sources and sends sample alerts through this server's own webhook.
  "demo.load": "admin",

  "cases.list": "analyst",
  "cases.byId": "analyst",
  "cases.counts": "analyst",
  "cases.filterOptions": "analyst",
  "cases.acknowledge": "analyst",
  "cases.assign": "analyst",
  "cases.setStatus": "analyst",
  "cases.setSeverity": "analyst",
  "cases.comment": "analyst",
  "cases.bulkAssign": "analyst",
  "cases.bulkClose": "analyst",
  "cases.merge": "analyst",
  "cases.split": "analyst",

  "connections.integrations": "admin",
  "connections.list": "admin",
  "connections.create": "admin",
  "connections.update": "admin",
  "connections.setEnabled": "admin",
  "connections.test": "admin",

  "containment.list": "analyst",
  "containment.rollback": "analyst",

  "enrichments.forCase": "analyst",
  "enrichments.enrichObservable": "analyst",
  "enrichments.enrichCase": "analyst",

  "groupingRules.list": "analyst",
  "groupingRules.create": "admin",
  "groupingRules.update": "admin",
  "groupingRules.delete": "admin",

  "ingestFailures.list": "admin",
  "ingestFailures.byId": "admin",
  "ingestFailures.counters": "admin",
  "ingestFailures.replay": "admin",

  "metrics.dashboard": "analyst",

  "playbooks.list": "analyst",
  "playbooks.byId": "analyst",
  "playbooks.setEnabled": "admin",

  "runs.list": "analyst",
  "runs.byId": "analyst",
  "runs.start": "analyst",
  "runs.cancel": "analyst",
  "runs.retry": "analyst",
  "runs.signal": "analyst",

  "sources.list": "admin",
  "sources.kinds": "admin",
  "sources.create": "admin",
  "sources.update": "admin",
  "sources.rotate": "admin",

  "users.list": "admin",
  "users.create": "admin",
  "users.setRole": "admin",
  "users.setDisabled": "admin",
} as const satisfies Record<string, MinRole>;

export type ProcedurePath = keyof typeof PROCEDURE_ACCESS;

/**
 * How a route handler admits a request:
 * - public: anyone (no state is changed, nothing secret is returned)
 * - session: a live Vigil session cookie (any role); 401 without
 * - source-token: the source's own secret (bearer token, HMAC or Okta header); 401 without
 * - metrics-token: `Authorization: Bearer $VIGIL_METRICS_TOKEN` when that is set, else public
 * - signed-link: an HMAC-signed, expiring, one-use token in the body; refused (no change) without
 * - per-procedure: the tRPC endpoint; each procedure's role is in PROCEDURE_ACCESS, plus the CSRF guard
 */
export type RouteRule = "public" | "session" | "source-token" | "metrics-token" | "signed-link" | "per-procedure";

/** Every route handler file under src/app/api (path relative to src/app) and its methods' rules. */
export const ROUTE_ACCESS: Record<string, Partial<Record<"GET" | "POST", RouteRule>>> = {
  "api/health/route.ts": { GET: "public" },
  "api/metrics/route.ts": { GET: "metrics-token" },
  "api/live/route.ts": { GET: "session" },
  // POST: alert intake. GET: Okta's one-time verification, which also needs the source's secret.
  "api/webhooks/[source]/route.ts": { POST: "source-token", GET: "source-token" },
  // "Was this you?" answers from end users who have no Vigil account: the signed token is the key.
  "api/confirm/route.ts": { POST: "signed-link" },
  "api/trpc/[trpc]/route.ts": { GET: "per-procedure", POST: "per-procedure" },
};
