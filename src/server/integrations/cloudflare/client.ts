// Cloudflare IP Access Rules (mode "block") on one zone or on a whole account. Cloudflare has no
// expiry on access rules; the ledger's expiry job deletes the rule. A rule that already exists for
// the same address (error 10009) is reported as unchanged and never deleted by our rollback.
// Docs: https://developers.cloudflare.com/api/resources/firewall/subresources/access_rules/
//       https://developers.cloudflare.com/waf/tools/ip-access-rules/parameters/ (allowed ranges)
import { IntegrationError, IntegrationUsageError } from "../errors";
import { HttpError, type HttpClient } from "../http/client";
import type { IpTarget } from "../network/ip-target";

export interface CloudflareClientOptions {
  http: HttpClient;
  scope: { kind: "zone" | "account"; id: string };
}

export interface AccessRule {
  id: string;
  mode: string;
  notes: string;
  configuration: { target: string; value: string };
}

interface Envelope<T> {
  success: boolean;
  errors: Array<{ code: number; message: string }>;
  result: T;
}

/** The configuration Cloudflare expects for a target; ranges only at the prefixes it accepts. */
export function accessRuleConfiguration(target: IpTarget): { target: "ip" | "ip6" | "ip_range"; value: string } {
  if (!target.isRange) return { target: target.version === 4 ? "ip" : "ip6", value: target.value };
  const allowed = target.version === 4 ? [16, 24] : [32, 48, 64];
  if (!allowed.includes(target.prefix))
    throw new IntegrationUsageError(`Cloudflare IP Access Rules accept IPv${target.version} ranges only as /${allowed.join(", /")}; ${target.value} is a /${target.prefix}`);
  return { target: "ip_range", value: target.value };
}

export class CloudflareClient {
  constructor(private readonly options: CloudflareClientOptions) {}

  private get base(): string {
    const { kind, id } = this.options.scope;
    return `/client/v4/${kind === "zone" ? "zones" : "accounts"}/${encodeURIComponent(id)}/firewall/access_rules/rules`;
  }

  /** Creates a block rule; when one exists for the address already, returns it with created=false. */
  async block(target: IpTarget, notes: string): Promise<{ rule: AccessRule; created: boolean }> {
    const configuration = accessRuleConfiguration(target);
    try {
      const res = await this.options.http.post(this.base, { json: { mode: "block", configuration, notes: notes.slice(0, 500) } });
      return { rule: (res.body as Envelope<AccessRule>).result, created: true };
    } catch (e) {
      if (!this.hasError(e, 10009)) throw this.failure(e, "create the access rule");
      const existing = (await this.find(configuration))[0];
      if (!existing) throw this.failure(e, "create the access rule");
      return { rule: existing, created: false };
    }
  }

  /** Deletes a rule by id; an unknown id counts as already deleted. */
  async unblock(ruleId: string): Promise<boolean> {
    try {
      await this.options.http.delete(`${this.base}/${encodeURIComponent(ruleId)}`);
      return true;
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) return false;
      throw this.failure(e, "delete the access rule");
    }
  }

  /** Rules for exactly this configuration (any mode). */
  async find(configuration: { target: string; value: string }): Promise<AccessRule[]> {
    try {
      const res = await this.options.http.get(this.base, { query: { "configuration.target": configuration.target, "configuration.value": configuration.value, per_page: 50 } });
      return (res.body as Envelope<AccessRule[]>).result ?? [];
    } catch (e) {
      throw this.failure(e, "list access rules");
    }
  }

  private hasError(e: unknown, code: number): boolean {
    return e instanceof HttpError && ((e.body as Envelope<unknown> | undefined)?.errors ?? []).some((x) => x.code === code);
  }

  private failure(e: unknown, what: string): Error {
    if (!(e instanceof HttpError)) return e as Error;
    const errors = (e.body as Envelope<unknown> | undefined)?.errors ?? [];
    const detail = errors.map((x) => `${x.code} ${x.message}`).join("; ") || `HTTP ${e.status}`;
    if (e.status === 401 || e.status === 403 || errors.some((x) => x.code === 10000))
      return new IntegrationError(`Cloudflare refused the API token trying to ${what} (${detail}): it needs the "Account Firewall Access Rules" or "Zone Firewall Services" edit permission`, { status: e.status });
    return new IntegrationError(`Cloudflare could not ${what}: ${detail}`, { status: e.status, code: errors[0]?.code.toString() });
  }
}
