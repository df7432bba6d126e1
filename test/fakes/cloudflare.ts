// Fake Cloudflare API v4, IP Access Rules of a zone:
//   https://developers.cloudflare.com/api/resources/firewall/subresources/access_rules/
//   (POST/GET /client/v4/zones/{zone_id}/firewall/access_rules/rules, DELETE .../rules/{id})
// Envelope {success, errors:[{code,message}], messages, result[, result_info]}; Bearer API token;
// a second rule for the same configuration is refused with 10009
// "firewallaccessrules.api.duplicate_of_existing"; unknown ids "firewallaccessrules.api.not_found";
// a bad token 10000 "Authentication error". ip_range accepts only /16 and /24 (IPv4) and
// /32, /48, /64 (IPv6), per https://developers.cloudflare.com/waf/tools/ip-access-rules/parameters/
import { randomBytes } from "node:crypto";
import { json, startFakeServer, type FakeRequest, type FakeServer } from "./http-fake";

export interface CloudflareRule {
  id: string;
  mode: string;
  notes: string;
  configuration: { target: string; value: string };
  allowed_modes: string[];
  created_on: string;
  modified_on: string;
  scope: { id: string; type: "zone" };
}

export interface CloudflareFake extends FakeServer {
  token: string;
  zoneId: string;
  rules(): CloudflareRule[];
}

const MODES = ["block", "challenge", "whitelist", "js_challenge", "managed_challenge"];
const fail = (status: number, code: number, message: string) => json(status, { success: false, errors: [{ code, message }], messages: [], result: null });
const ok = (result: unknown, extra: Record<string, unknown> = {}) => json(200, { success: true, errors: [], messages: [], result, ...extra });

function validRange(value: string): boolean {
  const [addr, prefix] = value.split("/");
  return addr?.includes(":") ? ["32", "48", "64"].includes(prefix ?? "") : ["16", "24"].includes(prefix ?? "");
}

export async function startCloudflareFake(options: { token?: string; zoneId?: string } = {}): Promise<CloudflareFake> {
  const token = options.token ?? "fake-cloudflare-token";
  const zoneId = options.zoneId ?? "023e105f4ecef8ad9ca31a8372d0c353";
  const rules = new Map<string, CloudflareRule>();
  const base = `/client/v4/zones/${zoneId}/firewall/access_rules/rules`;

  function create(req: FakeRequest) {
    const body = (req.body ?? {}) as { mode?: string; notes?: string; configuration?: { target?: string; value?: string } };
    const { mode, configuration } = body;
    if (!mode || !MODES.includes(mode) || !configuration?.target || !configuration.value) return fail(400, 10001, "firewallaccessrules.api.validation.invalid_request");
    if (configuration.target === "ip_range" && !validRange(configuration.value)) return fail(400, 10001, "firewallaccessrules.api.validation.invalid_ip_range");
    if ([...rules.values()].some((r) => r.configuration.target === configuration.target && r.configuration.value === configuration.value))
      return fail(400, 10009, "firewallaccessrules.api.duplicate_of_existing");
    const at = new Date().toISOString();
    const rule: CloudflareRule = {
      id: randomBytes(16).toString("hex"),
      mode,
      notes: body.notes ?? "",
      configuration: { target: configuration.target, value: configuration.value },
      allowed_modes: MODES,
      created_on: at,
      modified_on: at,
      scope: { id: zoneId, type: "zone" },
    };
    rules.set(rule.id, rule);
    return ok(rule);
  }

  function list(req: FakeRequest) {
    const target = req.query.get("configuration.target");
    const value = req.query.get("configuration.value");
    const mode = req.query.get("mode");
    const found = [...rules.values()].filter((r) => (!target || r.configuration.target === target) && (!value || r.configuration.value === value) && (!mode || r.mode === mode));
    const perPage = Number(req.query.get("per_page") ?? 20);
    const page = Number(req.query.get("page") ?? 1);
    const slice = found.slice((page - 1) * perPage, page * perPage);
    return ok(slice, { result_info: { page, per_page: perPage, count: slice.length, total_count: found.length, total_pages: Math.ceil(found.length / perPage) } });
  }

  const server = await startFakeServer({
    routes: [
      ["POST", base, create],
      ["GET", base, list],
      ["DELETE", `${base}/:id`, (req) => (rules.delete(req.params.id ?? "") ? ok({ id: req.params.id }) : fail(404, 10001, "firewallaccessrules.api.not_found"))],
    ],
    authorize: (req) => (req.headers.authorization === `Bearer ${token}` ? null : fail(403, 10000, "Authentication error")),
    notFound: (req) => fail(404, 7003, `Could not route to ${req.path}, perhaps your object identifier is invalid?`),
  });
  return { ...server, token, zoneId, rules: () => [...rules.values()] };
}
