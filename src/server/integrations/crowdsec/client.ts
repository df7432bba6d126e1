// CrowdSec Local API transport. Adding and deleting decisions needs a machine (watcher) login:
// POST /v1/watchers/login gives a JWT; a ban is an alert carrying one decision, POST /v1/alerts.
// Bouncer keys can only read. Docs: https://docs.crowdsec.net/docs/local_api/intro and the
// LAPI swagger (https://crowdsecurity.github.io/api_doc/lapi/); traps verified against 1.4.6
// are in the project's test-services notes (User-Agent must be `name/version`, every alert field
// is required, unknown ids answer 500 "doesn't exist").
import { z } from "zod";
import { HttpError, type HttpClient } from "../http/client";
import { IntegrationError } from "../errors";
import type { IpTarget } from "../network/ip-target";

export interface CrowdsecClientOptions {
  /** Bound to the LAPI base URL (e.g. http://127.0.0.1:8080). */
  http: HttpClient;
  machineId: string;
  password: string;
}

// LAPI 1.4 refuses a watcher login unless the User-Agent is exactly `name/version`.
const USER_AGENT = "vigil-soar/0.1";

const loginResponse = z.object({ code: z.number(), expire: z.string(), token: z.string().min(1) });
const decisionSchema = z.object({
  id: z.number(),
  origin: z.string(),
  type: z.string(),
  scope: z.string(),
  value: z.string(),
  duration: z.string(),
  scenario: z.string(),
});
const alertSchema = z.object({ id: z.number(), decisions: z.array(decisionSchema).nullable().optional() });
export type CrowdsecDecision = z.infer<typeof decisionSchema>;

export interface BanInput {
  target: IpTarget;
  durationSeconds: number;
  reason: string;
}

export class CrowdsecClient {
  private token: { value: string; expiresAt: number } | undefined;

  constructor(private readonly options: CrowdsecClientOptions) {}

  /** Adds a ban decision; returns the alert id and the decision ids (the inverse deletes these). */
  async addBan(input: BanInput): Promise<{ alertId: number; decisionIds: number[] }> {
    const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const scope = input.target.isRange ? "Range" : "Ip";
    const value = input.target.value;
    const reason = input.reason.slice(0, 500);
    // Every field is required by LAPI (a missing one is a 500, not a 400). origin "cscli" keeps
    // the decision visible to `cscli decisions list` without -a.
    const alert = {
      scenario: "vigil/block",
      scenario_hash: "",
      scenario_version: "",
      message: `vigil: ${reason}`,
      events_count: 1,
      events: [],
      start_at: now,
      stop_at: now,
      capacity: 0,
      leakspeed: "0",
      simulated: false,
      source: { scope, value },
      decisions: [{ origin: "cscli", type: "ban", scope, value, duration: `${input.durationSeconds}s`, scenario: `vigil: ${reason}` }],
    };
    const ids = z.array(z.string()).parse(await this.request("POST", "/v1/alerts", [alert]));
    const alertId = Number(ids[0]);
    const created = alertSchema.parse(await this.request("GET", `/v1/alerts/${alertId}`));
    return { alertId, decisionIds: (created.decisions ?? []).map((d) => d.id) };
  }

  /** Active decisions, optionally only those matching an IP or range. */
  async listDecisions(target?: IpTarget): Promise<CrowdsecDecision[]> {
    const query = new URLSearchParams({ has_active_decision: "true" });
    if (target) query.set(target.isRange ? "range" : "ip", target.value);
    const alerts = z.array(alertSchema).nullable().parse(await this.request("GET", `/v1/alerts?${query}`)) ?? [];
    return alerts.flatMap((a) => a.decisions ?? []);
  }

  /** Deletes one decision. Returns false when LAPI no longer knows it (already gone counts as done). */
  async deleteDecision(id: number): Promise<boolean> {
    try {
      const body = z.object({ nbDeleted: z.string() }).parse(await this.request("DELETE", `/v1/decisions/${id}`));
      return Number(body.nbDeleted) > 0;
    } catch (e) {
      if (e instanceof IntegrationError && /doesn't exist/.test(e.message)) return false;
      throw e;
    }
  }

  private async login(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 60_000) return this.token.value;
    const body = { machine_id: this.options.machineId, password: this.options.password, scenarios: [] };
    let res: unknown;
    try {
      res = (await this.options.http.post("/v1/watchers/login", { json: body, headers: { "user-agent": USER_AGENT } })).body;
    } catch (e) {
      if (e instanceof HttpError && (e.status === 401 || e.status === 403))
        throw new IntegrationError(`CrowdSec refused the machine login for "${this.options.machineId}": check the connection's machine id and password (cscli machines list)`, { status: e.status, code: "unauthorized" });
      throw this.failure(e, "/v1/watchers/login");
    }
    const parsed = loginResponse.parse(res);
    this.token = { value: parsed.token, expiresAt: Date.parse(parsed.expire) || Date.now() + 30 * 60_000 };
    return parsed.token;
  }

  private async request(method: "GET" | "POST" | "DELETE", path: string, json?: unknown): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const headers = { "user-agent": USER_AGENT, authorization: `Bearer ${await this.login()}` };
      try {
        return (await this.options.http.request({ method, path, json, headers })).body;
      } catch (e) {
        // An expired or revoked token: log in once more.
        if (e instanceof HttpError && e.status === 401 && attempt === 1) {
          this.token = undefined;
          continue;
        }
        throw this.failure(e, path);
      }
    }
  }

  private failure(e: unknown, path: string): Error {
    if (!(e instanceof HttpError)) return e as Error;
    const message = (e.body as { message?: string } | null)?.message ?? (typeof e.body === "string" ? e.body.slice(0, 200) : "");
    return new IntegrationError(`CrowdSec ${path} answered HTTP ${e.status}: ${message}`, { status: e.status });
  }
}
