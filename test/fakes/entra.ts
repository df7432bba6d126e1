// A local fake of the Microsoft identity platform token endpoint and Microsoft Graph v1.0, after
// Microsoft's documented requests and responses:
// - Token: POST /{tenant}/oauth2/v2.0/token, form grant_type=client_credentials, client_id,
//   client_secret, scope=<graph>/.default -> {token_type:"Bearer", expires_in, access_token};
//   a bad secret is 401 {error:"invalid_client", error_description:"AADSTS7000215: …", error_codes}
//   (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
// - Graph errors {error:{code, message, innerError}}: 401 InvalidAuthenticationToken, 404
//   Request_ResourceNotFound "Resource '…' does not exist or one of its queried reference-property
//   objects are not present." (learn.microsoft.com/graph/errors); 429 TooManyRequests with
//   Retry-After (learn.microsoft.com/graph/throttling).
// - users/{id|upn} GET/PATCH (204), revokeSignInSessions (200 {value:true}), memberOf and
//   transitiveMemberOf, groups?$filter=displayName eq '…', groups/{id}/members/$ref POST (204;
//   400 if already a member), groups/{id}/members/{id}/$ref DELETE (204),
//   identityProtection/riskyUsers/confirmCompromised POST (204).
import { randomBytes, randomUUID } from "node:crypto";
import { startFakeServer, type FakeRequest, type FakeResponse, type FakeServer } from "./http-fake";

export interface EntraUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  accountEnabled: boolean;
  /** riskyUsers riskLevel after confirmCompromised. */
  riskLevel: "none" | "high";
  /** signInSessionsValidFromDateTime moves on revokeSignInSessions. */
  sessionsValidFrom: string;
}
export interface EntraGroup {
  id: string;
  displayName: string;
  members: Set<string>;
}
export interface FakeEntra extends FakeServer {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  users: Map<string, EntraUser>;
  groups: Map<string, EntraGroup>;
  /** Answer the next `count` Graph requests with 429 and `Retry-After: seconds`. */
  throttleNext(count: number, seconds: number): void;
}

const innerError = () => ({ date: new Date().toISOString().slice(0, 19), "request-id": randomUUID(), "client-request-id": randomUUID() });
const graphError = (status: number, code: string, message: string): FakeResponse => ({ status, body: { error: { code, message, innerError: innerError() } } });
const notFound = (id: string) => graphError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

export async function startFakeEntra(seed: { users: string[]; groups: Array<{ displayName: string; members: string[] }>; nested?: Array<{ child: string; parent: string }> }): Promise<FakeEntra> {
  const tenantId = randomUUID();
  const clientId = randomUUID();
  const clientSecret = `s~${randomBytes(18).toString("base64url")}`;
  const tokens = new Set<string>();
  const users = new Map<string, EntraUser>();
  for (const upn of seed.users) {
    const id = randomUUID();
    users.set(id, { id, userPrincipalName: upn, displayName: upn.split("@")[0]!, accountEnabled: true, riskLevel: "none", sessionsValidFrom: "2026-01-01T00:00:00Z" });
  }
  const findUser = (key: string) => users.get(key) ?? [...users.values()].find((u) => u.userPrincipalName.toLowerCase() === key.toLowerCase());
  const groups = new Map<string, EntraGroup>();
  for (const g of seed.groups) {
    const id = randomUUID();
    groups.set(id, { id, displayName: g.displayName, members: new Set(g.members.map((upn) => findUser(upn)!.id)) });
  }
  const groupByName = (name: string) => [...groups.values()].find((g) => g.displayName === name)!;
  const parents = (seed.nested ?? []).map((n) => ({ child: groupByName(n.child).id, parent: groupByName(n.parent).id }));
  let graphBase = "";

  const userJson = (u: EntraUser) => ({ "@odata.context": `${graphBase}/v1.0/$metadata#users/$entity`, id: u.id, userPrincipalName: u.userPrincipalName, mail: u.userPrincipalName, displayName: u.displayName, accountEnabled: u.accountEnabled });
  const groupJson = (g: EntraGroup) => ({ "@odata.type": "#microsoft.graph.group", id: g.id, displayName: g.displayName });
  const withUser = (req: FakeRequest, fn: (u: EntraUser) => FakeResponse) => {
    const u = findUser(req.params.userId!);
    return u ? fn(u) : notFound(req.params.userId!);
  };
  const withGroup = (req: FakeRequest, fn: (g: EntraGroup) => FakeResponse) => {
    const g = groups.get(req.params.groupId!);
    return g ? fn(g) : notFound(req.params.groupId!);
  };
  const direct = (u: EntraUser) => [...groups.values()].filter((g) => g.members.has(u.id));
  const transitive = (u: EntraUser) => {
    const found = new Map(direct(u).map((g) => [g.id, g]));
    for (let changed = true, i = 0; changed && i < 10; i++) {
      changed = false;
      for (const { child, parent } of parents) {
        if (!found.has(child) || found.has(parent)) continue;
        found.set(parent, groups.get(parent)!);
        changed = true;
      }
    }
    return [...found.values()];
  };

  const token = (req: FakeRequest): FakeResponse => {
    const form = (req.body ?? {}) as Record<string, string>;
    if (req.params.tenant !== tenantId) return { status: 400, body: { error: "invalid_request", error_description: `AADSTS90002: Tenant '${req.params.tenant}' not found.`, error_codes: [90002] } };
    if (form.grant_type !== "client_credentials" || !form.scope?.endsWith("/.default")) return { status: 400, body: { error: "invalid_request", error_description: "AADSTS900144: The request body must contain the following parameter: 'grant_type'.", error_codes: [900144] } };
    if (form.client_id !== clientId || form.client_secret !== clientSecret)
      return { status: 401, body: { error: "invalid_client", error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${form.client_id}'.\r\nTrace ID: ${randomUUID()}`, error_codes: [7000215] } };
    const accessToken = `eyJ0eXAiOiJKV1Qi.${randomBytes(24).toString("base64url")}`;
    tokens.add(accessToken);
    return { status: 200, body: { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
  };

  const server = await startFakeServer({
    authorize: (req) => {
      if (req.path.endsWith("/oauth2/v2.0/token")) return null;
      const bearer = req.headers.authorization?.replace(/^Bearer /, "");
      return bearer && tokens.has(bearer) ? null : graphError(401, "InvalidAuthenticationToken", bearer ? "Access token validation failure. Invalid audience." : "Access token is empty.");
    },
    notFound: (req) => graphError(400, "BadRequest", `Resource not found for the segment '${req.path.split("/").pop()}'.`),
    routes: [
      ["POST", "/:tenant/oauth2/v2.0/token", token],
      ["GET", "/v1.0/users", (req) => ({ status: 200, body: { value: [...users.values()].slice(0, Number(req.query.get("$top") ?? 100)).map((u) => ({ id: u.id })) } })],
      ["GET", "/v1.0/users/:userId", (req) => withUser(req, (u) => ({ status: 200, body: userJson(u) }))],
      ["PATCH", "/v1.0/users/:userId", (req) => withUser(req, (u) => ((u.accountEnabled = (req.body as { accountEnabled: boolean }).accountEnabled), { status: 204 }))],
      ["POST", "/v1.0/users/:userId/revokeSignInSessions", (req) => withUser(req, (u) => ((u.sessionsValidFrom = new Date().toISOString()), { status: 200, body: { "@odata.context": `${graphBase}/v1.0/$metadata#Edm.Boolean`, value: true } }))],
      ["GET", "/v1.0/users/:userId/memberOf", (req) => withUser(req, (u) => ({ status: 200, body: { value: direct(u).map(groupJson) } }))],
      ["GET", "/v1.0/users/:userId/transitiveMemberOf", (req) => withUser(req, (u) => ({ status: 200, body: { value: transitive(u).map(groupJson) } }))],
      [
        "GET",
        "/v1.0/groups",
        (req) => {
          const name = /^displayName eq '((?:''|[^'])*)'$/.exec(req.query.get("$filter") ?? "")?.[1]?.replace(/''/g, "'");
          return { status: 200, body: { value: [...groups.values()].filter((g) => name === undefined || g.displayName === name).map(groupJson) } };
        },
      ],
      ["GET", "/v1.0/groups/:groupId", (req) => withGroup(req, (g) => ({ status: 200, body: groupJson(g) }))],
      [
        "POST",
        "/v1.0/groups/:groupId/members/$ref",
        (req) =>
          withGroup(req, (g) => {
            const id = /directoryObjects\/([^/]+)$/.exec((req.body as { "@odata.id"?: string })?.["@odata.id"] ?? "")?.[1];
            if (!id || !users.has(id)) return graphError(400, "Request_BadRequest", "Invalid object identifier.");
            if (g.members.has(id)) return graphError(400, "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'.");
            g.members.add(id);
            return { status: 204 };
          }),
      ],
      ["DELETE", "/v1.0/groups/:groupId/members/:userId/$ref", (req) => withGroup(req, (g) => (g.members.delete(req.params.userId!) ? { status: 204 } : notFound(req.params.userId!)))],
      [
        "POST",
        "/v1.0/identityProtection/riskyUsers/confirmCompromised",
        (req) => {
          for (const id of (req.body as { userIds?: string[] })?.userIds ?? []) {
            const u = users.get(id);
            if (!u) return notFound(id);
            u.riskLevel = "high";
          }
          return { status: 204 };
        },
      ],
    ],
  });
  graphBase = server.url;
  return {
    ...server,
    tenantId,
    clientId,
    clientSecret,
    users,
    groups,
    throttleNext(count, seconds) {
      server.interceptNext(count, () => ({ ...graphError(429, "TooManyRequests", "Too many requests."), headers: { "retry-after": String(seconds) } }));
    },
  };
}

export const entraUser = (entra: FakeEntra, upn: string) => [...entra.users.values()].find((u) => u.userPrincipalName === upn)!;
