// Okta Management API transport: the shared HTTP client with `Authorization: SSWS <token>`, and
// Okta's error object ({errorCode, errorSummary, errorCauses}) turned into errors that say what
// to do. 429s are retried by the HTTP client using X-Rate-Limit-Reset.
import { z } from "zod";
import type { ActionContext } from "../define";
import { IntegrationError, TargetNotFoundError } from "../errors";
import { createHttpClient, HttpError, type HttpClient } from "../http/client";
import type { OktaConfig, OktaSecret } from "./schema";

export const oktaUserSchema = z.object({
  id: z.string(),
  status: z.string(),
  profile: z.looseObject({ login: z.string(), email: z.string().nullish(), firstName: z.string().nullish(), lastName: z.string().nullish() }),
});
export type OktaUser = z.infer<typeof oktaUserSchema>;

export const oktaGroupSchema = z.object({ id: z.string(), profile: z.looseObject({ name: z.string() }) });
export type OktaGroup = z.infer<typeof oktaGroupSchema>;

const oktaErrorSchema = z.object({ errorCode: z.string(), errorSummary: z.string(), errorCauses: z.array(z.object({ errorSummary: z.string() })).optional() });

/** Okta's error as one sentence: "E0000001 Api validation failed: suspend (Cannot suspend …)". */
function describeOktaError(error: HttpError): string {
  const parsed = oktaErrorSchema.safeParse(error.body);
  if (!parsed.success) return `Okta answered ${error.status}`;
  const causes = parsed.data.errorCauses?.map((c) => c.errorSummary).join("; ");
  return `${parsed.data.errorCode} ${parsed.data.errorSummary}${causes ? ` (${causes})` : ""}`;
}

export class OktaClient {
  private readonly http: HttpClient;

  constructor(
    readonly config: OktaConfig,
    secret: OktaSecret,
    ctx: ActionContext,
  ) {
    this.http = createHttpClient({
      baseUrl: config.orgUrl,
      allowPrivateNetwork: config.allowPrivateNetwork,
      timeoutMs: config.timeoutMs,
      headers: { authorization: `SSWS ${secret.apiToken}` },
      signal: ctx.signal,
      onRetry: (info) => ctx.log.info(info, "okta: retrying"),
    });
  }

  /** Calls Okta; `what` names the object for a 404 ("user alice@example.com"). */
  async call<T>(request: Parameters<HttpClient["request"]>[0], what: string, schema?: z.ZodType<T>): Promise<T> {
    try {
      const res = await this.http.request(request);
      return schema ? schema.parse(res.body) : (res.body as T);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (error.status === 404) throw new TargetNotFoundError(`Okta has no ${what} (${describeOktaError(error)})`);
      if (error.status === 401) throw new IntegrationError(`Okta refused the API token: ${describeOktaError(error)}; set a valid token on the connection`, { status: 401 });
      if (error.status === 403) throw new IntegrationError(`the API token may not do this: ${describeOktaError(error)}`, { status: 403 });
      throw new IntegrationError(`Okta ${request.method} ${request.path} failed: ${describeOktaError(error)}`, { status: error.status }, { cause: error });
    }
  }

  getUser(user: string): Promise<OktaUser> {
    return this.call({ method: "GET", path: `/api/v1/users/${encodeURIComponent(user)}` }, `user "${user}"`, oktaUserSchema);
  }

  groupsOf(userId: string): Promise<OktaGroup[]> {
    return this.call({ method: "GET", path: `/api/v1/users/${encodeURIComponent(userId)}/groups` }, `user ${userId}`, z.array(oktaGroupSchema));
  }

  /** A group by id (00g…) or exact name. */
  async findGroup(group: string): Promise<OktaGroup> {
    if (/^00g[0-9a-z]+$/i.test(group)) return this.call({ method: "GET", path: `/api/v1/groups/${group}` }, `group ${group}`, oktaGroupSchema);
    const found = await this.call({ method: "GET", path: "/api/v1/groups", query: { q: group, limit: 50 } }, `group "${group}"`, z.array(oktaGroupSchema));
    const exact = found.filter((g) => g.profile.name.toLowerCase() === group.toLowerCase());
    if (exact.length !== 1) throw exact.length ? new IntegrationError(`"${group}" names ${exact.length} Okta groups; use the group id`) : new TargetNotFoundError(`Okta has no group named "${group}"`);
    return exact[0]!;
  }
}
