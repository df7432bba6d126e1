// Microsoft Graph transport for Entra ID: a client-credentials token from the identity platform
// (cached until shortly before it expires), then Graph calls with `Authorization: Bearer`.
// Graph errors ({error: {code, message}}) and token errors ({error, error_description}) become
// errors that say what to do. 429s are retried by the HTTP client honouring Retry-After.
//   token: POST {authority}/{tenant}/oauth2/v2.0/token (grant_type=client_credentials,
//          scope={graph}/.default) — learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
//   errors: learn.microsoft.com/graph/errors; throttling: learn.microsoft.com/graph/throttling
import { createHash } from "node:crypto";
import { z } from "zod";
import type { ActionContext } from "../define";
import { IntegrationError, TargetNotFoundError } from "../errors";
import { createHttpClient, HttpError, type HttpClient, type HttpRequest } from "../http/client";
import type { EntraConfig, EntraSecret } from "./schema";

const tokenSchema = z.object({ access_token: z.string(), expires_in: z.coerce.number(), token_type: z.string() });
const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });
const graphErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const graphUserSchema = z.object({ id: z.string(), userPrincipalName: z.string(), mail: z.string().nullish(), displayName: z.string().nullish(), accountEnabled: z.boolean().nullish() });
export type GraphUser = z.infer<typeof graphUserSchema>;
export const graphObjectSchema = z.looseObject({ id: z.string(), "@odata.type": z.string().optional(), displayName: z.string().nullish() });
const listOf = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item) });

/** Tokens by (token URL, client, secret hash); a token is reused until a minute before expiry. */
const tokenCache = new Map<string, { token: string; expiresAt: number }>();

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (value: string) => GUID.test(value);
/** OData string literal: quotes doubled. */
export const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;

export class GraphClient {
  private readonly graph: HttpClient;
  private readonly login: HttpClient;
  private readonly cacheKey: string;

  constructor(
    readonly config: EntraConfig,
    private readonly secret: EntraSecret,
    ctx: ActionContext,
  ) {
    const common = { allowPrivateNetwork: config.allowPrivateNetwork, timeoutMs: config.timeoutMs, signal: ctx.signal, onRetry: (info: object) => ctx.log.info(info, "entra: retrying") };
    this.login = createHttpClient({ baseUrl: config.authorityUrl, ...common });
    this.graph = createHttpClient({ baseUrl: `${config.graphUrl.replace(/\/$/, "")}/v1.0/`, ...common, headers: async () => ({ authorization: `Bearer ${await this.token()}` }) });
    this.cacheKey = [config.authorityUrl, config.tenantId, config.clientId, createHash("sha256").update(secret.clientSecret).digest("hex")].join("|");
  }

  async token(): Promise<string> {
    const cached = tokenCache.get(this.cacheKey);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    try {
      const res = await this.login.post(`/${encodeURIComponent(this.config.tenantId)}/oauth2/v2.0/token`, {
        form: { grant_type: "client_credentials", client_id: this.config.clientId, client_secret: this.secret.clientSecret, scope: `${this.config.graphUrl.replace(/\/$/, "")}/.default` },
      });
      const token = tokenSchema.parse(res.body);
      tokenCache.set(this.cacheKey, { token: token.access_token, expiresAt: Date.now() + Math.max(0, token.expires_in - 60) * 1000 });
      return token.access_token;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const parsed = tokenErrorSchema.safeParse(error.body);
      const detail = parsed.success ? `${parsed.data.error}: ${parsed.data.error_description?.split(/\r?\n/)[0] ?? ""}` : `status ${error.status}`;
      throw new IntegrationError(`Entra ID refused the client credentials (${detail}); check the tenant, client id and secret`, { status: error.status });
    }
  }

  /** Calls Graph; `what` names the object for a 404 ("user alice@contoso.com"). */
  async call<T>(request: HttpRequest, what: string, schema?: z.ZodType<T>): Promise<T> {
    try {
      const res = await this.graph.request(request);
      return schema ? schema.parse(res.body) : (res.body as T);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const parsed = graphErrorSchema.safeParse(error.body);
      const detail = parsed.success ? `${parsed.data.error.code}: ${parsed.data.error.message}` : `status ${error.status}`;
      if (error.status === 404) throw new TargetNotFoundError(`Entra ID has no ${what} (${detail})`);
      if (error.status === 401) throw new IntegrationError(`Microsoft Graph refused the token (${detail})`, { status: 401 });
      if (error.status === 403) throw new IntegrationError(`the app registration lacks a permission for this (${detail})`, { status: 403 });
      throw new IntegrationError(`Graph ${request.method} ${request.path} failed (${detail})`, { status: error.status }, { cause: error });
    }
  }

  getUser(user: string): Promise<GraphUser> {
    return this.call({ method: "GET", path: `users/${encodeURIComponent(user)}`, query: { $select: "id,userPrincipalName,mail,displayName,accountEnabled" } }, `user "${user}"`, graphUserSchema);
  }

  /** Groups the user belongs to; transitive includes nested groups. */
  async groupsOf(userId: string, options: { transitive?: boolean } = {}) {
    const relation = options.transitive ? "transitiveMemberOf" : "memberOf";
    const res = await this.call({ method: "GET", path: `users/${userId}/${relation}`, query: { $select: "id,displayName" } }, `user ${userId}`, listOf(graphObjectSchema));
    return res.value.filter((o) => o["@odata.type"] === undefined || o["@odata.type"] === "#microsoft.graph.group");
  }

  /** A group by object id or exact displayName. */
  async findGroup(group: string): Promise<{ id: string; displayName: string }> {
    if (isGuid(group)) {
      const g = await this.call({ method: "GET", path: `groups/${group}`, query: { $select: "id,displayName" } }, `group ${group}`, graphObjectSchema);
      return { id: g.id, displayName: g.displayName ?? g.id };
    }
    const res = await this.call({ method: "GET", path: "groups", query: { $filter: `displayName eq ${odataString(group)}`, $select: "id,displayName" } }, `group "${group}"`, listOf(graphObjectSchema));
    if (res.value.length !== 1) throw res.value.length ? new IntegrationError(`"${group}" names ${res.value.length} Entra groups; use the group id`) : new TargetNotFoundError(`Entra ID has no group named "${group}"`);
    return { id: res.value[0]!.id, displayName: res.value[0]!.displayName ?? group };
  }
}
