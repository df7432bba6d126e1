// A local fake of the Okta Management API, following Okta's documented requests and responses:
// - Auth `Authorization: SSWS <token>`; a bad token is 401 E0000011 "Invalid token provided".
//   Error object {errorCode, errorSummary, errorLink, errorId, errorCauses}:
//   https://developer.okta.com/docs/reference/error-codes/
// - Users: GET /api/v1/users/{id|login} (404 E0000007 "Not found: Resource not found: … (User)"),
//   GET /api/v1/users/me, GET /api/v1/users/{id}/groups.
// - Lifecycle: POST /api/v1/users/{id}/lifecycle/suspend (only ACTIVE users, else 400 E0000001),
//   /unsuspend (only SUSPENDED users), /reset_factors:
//   https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserLifecycle
// - Sessions: DELETE /api/v1/users/{id}/sessions?oauthTokens=true -> 204 (revokeUserSessions).
// - Groups: GET /api/v1/groups?q=, DELETE|PUT /api/v1/groups/{groupId}/users/{userId} -> 204.
// - Rate limits: 429 E0000047 with X-Rate-Limit-Limit/-Remaining/-Reset (epoch seconds):
//   https://developer.okta.com/docs/reference/rl-best-practices/
import { randomBytes } from "node:crypto";
import { startFakeServer, type FakeRequest, type FakeResponse, type FakeServer } from "./http-fake";

export interface OktaUser {
  id: string;
  status: "ACTIVE" | "SUSPENDED" | "STAGED" | "DEPROVISIONED" | "LOCKED_OUT";
  login: string;
  firstName: string;
  lastName: string;
  factors: string[];
  sessions: number;
}
export interface OktaGroup {
  id: string;
  name: string;
  members: Set<string>;
}

export interface FakeOkta extends FakeServer {
  token: string;
  users: Map<string, OktaUser>;
  groups: Map<string, OktaGroup>;
  /** Answer the next `count` requests with 429 E0000047, resetting `resetInSeconds` from now. */
  throttleNext(count: number, resetInSeconds: number): void;
}

const oktaError = (status: number, errorCode: string, errorSummary: string, errorCauses: Array<{ errorSummary: string }> = []): FakeResponse => ({
  status,
  body: { errorCode, errorSummary, errorLink: errorCode, errorId: `oae${randomBytes(8).toString("hex")}`, errorCauses },
});

export async function startFakeOkta(seed: { users: Array<Partial<OktaUser> & { login: string }>; groups: Array<{ name: string; members: string[] }> }): Promise<FakeOkta> {
  const token = `00${randomBytes(20).toString("base64url")}`;
  const users = new Map<string, OktaUser>();
  for (const [i, u] of seed.users.entries()) {
    const id = `00u${String(i).padStart(3, "0")}${randomBytes(6).toString("hex")}`;
    users.set(id, { id, status: "ACTIVE", firstName: u.login.split("@")[0]!, lastName: "Test", factors: ["push", "sms"], sessions: 2, ...u });
  }
  const byLogin = (login: string) => [...users.values()].find((u) => u.login.toLowerCase() === login.toLowerCase());
  const groups = new Map<string, OktaGroup>();
  for (const [i, g] of seed.groups.entries()) {
    const id = `00g${String(i).padStart(3, "0")}${randomBytes(6).toString("hex")}`;
    groups.set(id, { id, name: g.name, members: new Set(g.members.map((login) => byLogin(login)!.id)) });
  }
  let baseUrl = "";
  const userJson = (u: OktaUser) => ({
    id: u.id,
    status: u.status,
    created: "2026-01-12T14:22:11.000Z",
    activated: "2026-01-12T14:23:01.000Z",
    statusChanged: "2026-01-12T14:23:01.000Z",
    lastLogin: null,
    lastUpdated: "2026-04-30T10:02:13.000Z",
    passwordChanged: null,
    type: { id: "otyfnjfba4ye7pgjB0g7" },
    profile: { login: u.login, email: u.login, firstName: u.firstName, lastName: u.lastName, mobilePhone: null, secondEmail: null },
    credentials: { provider: { type: "OKTA", name: "OKTA" } },
    _links: { self: { href: `${baseUrl}/api/v1/users/${u.id}` } },
  });
  const groupJson = (g: OktaGroup) => ({ id: g.id, type: "OKTA_GROUP", profile: { name: g.name, description: null }, _links: { self: { href: `${baseUrl}/api/v1/groups/${g.id}` } } });
  const findUser = (idOrLogin: string) => users.get(idOrLogin) ?? byLogin(idOrLogin);
  const userNotFound = (id: string) => oktaError(404, "E0000007", `Not found: Resource not found: ${id} (User)`);
  const withUser = (req: FakeRequest, fn: (u: OktaUser) => FakeResponse) => {
    const u = findUser(req.params.userId!);
    return u ? fn(u) : userNotFound(req.params.userId!);
  };
  const withMembership = (req: FakeRequest, fn: (g: OktaGroup, u: OktaUser) => FakeResponse) => {
    const g = groups.get(req.params.groupId!);
    if (!g) return oktaError(404, "E0000007", `Not found: Resource not found: ${req.params.groupId} (UserGroup)`);
    return withUser(req, (u) => fn(g, u));
  };
  const lifecycle = (from: OktaUser["status"], to: OktaUser["status"], operation: string) => (req: FakeRequest) =>
    withUser(req, (u) => {
      if (u.status !== from) return oktaError(400, "E0000001", `Api validation failed: ${operation}`, [{ errorSummary: `Cannot ${operation} a user that is not ${from.toLowerCase()}` }]);
      u.status = to;
      return { status: 200, body: {} };
    });

  const server = await startFakeServer({
    authorize: (req) => (req.headers.authorization === `SSWS ${token}` ? null : oktaError(401, "E0000011", "Invalid token provided")),
    notFound: (req) => oktaError(404, "E0000022", `The endpoint does not support the provided HTTP method: ${req.method} ${req.path}`),
    routes: [
      ["GET", "/api/v1/users/me", () => ({ status: 200, body: { ...userJson(users.values().next().value!), profile: { login: "vigil-service@example.com", email: "vigil-service@example.com" } } })],
      ["GET", "/api/v1/users/:userId", (req) => withUser(req, (u) => ({ status: 200, body: userJson(u) }))],
      ["GET", "/api/v1/users/:userId/groups", (req) => withUser(req, (u) => ({ status: 200, body: [...groups.values()].filter((g) => g.members.has(u.id)).map(groupJson) }))],
      ["POST", "/api/v1/users/:userId/lifecycle/suspend", lifecycle("ACTIVE", "SUSPENDED", "suspend")],
      ["POST", "/api/v1/users/:userId/lifecycle/unsuspend", lifecycle("SUSPENDED", "ACTIVE", "unsuspend")],
      ["POST", "/api/v1/users/:userId/lifecycle/reset_factors", (req) => withUser(req, (u) => ((u.factors = []), { status: 200, body: {} }))],
      ["DELETE", "/api/v1/users/:userId/sessions", (req) => withUser(req, (u) => ((u.sessions = 0), { status: 204 }))],
      ["GET", "/api/v1/groups", (req) => ({ status: 200, body: [...groups.values()].filter((g) => g.name.toLowerCase().startsWith((req.query.get("q") ?? "").toLowerCase())).map(groupJson) })],
      ["GET", "/api/v1/groups/:groupId", (req) => (groups.has(req.params.groupId!) ? { status: 200, body: groupJson(groups.get(req.params.groupId!)!) } : oktaError(404, "E0000007", `Not found: Resource not found: ${req.params.groupId} (UserGroup)`))],
      ["DELETE", "/api/v1/groups/:groupId/users/:userId", (req) => withMembership(req, (g, u) => (g.members.delete(u.id), { status: 204 }))],
      ["PUT", "/api/v1/groups/:groupId/users/:userId", (req) => withMembership(req, (g, u) => (g.members.add(u.id), { status: 204 }))],
    ],
  });
  baseUrl = server.url;
  return {
    ...server,
    token,
    users,
    groups,
    throttleNext(count, resetInSeconds) {
      server.interceptNext(count, () => ({
        ...oktaError(429, "E0000047", "API call exceeded rate limit due to too many requests."),
        headers: { "x-rate-limit-limit": "600", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(Math.ceil(Date.now() / 1000) + resetInSeconds) },
      }));
    },
  };
}

/** The fake's user by login, for assertions. */
export const oktaUser = (okta: FakeOkta, login: string) => [...okta.users.values()].find((u) => u.login === login)!;
