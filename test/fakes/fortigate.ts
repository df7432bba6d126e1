// Fake FortiOS REST API (cmdb) for address objects and address-group membership.
// Follows the FortiOS REST API reference (FNDN, "cmdb/firewall/address", "cmdb/firewall/addrgrp",
// https://docs.fortinet.com/document/fortigate/7.4.0/administration-guide/940602/using-apis):
// Authorization: Bearer <API token>, ?vdom=, JSON envelopes
// {"http_method","status":"success"|"error","http_status","vdom","path","name","mkey","results"},
// FortiOS error numbers in "error": -3 entry not found, -4 maximum number of entries reached
// (address-group member limit), -5 duplicate entry, -23 entry is in use; 401 for a bad token.
// Address objects of "type":"fqdn" (domain blocks) must carry an "fqdn"; FortiOS refuses one
// without it (-651, invalid value) and stores it like any other address.
import { json, startFakeServer, text, type FakeRequest, type FakeServer } from "./http-fake";

export interface FortigateFake extends FakeServer {
  token: string;
  /** Members of an address group (IPv4 "addrgrp" or IPv6 "addrgrp6"). */
  members(group: string, family?: 4 | 6): string[];
  address(name: string, family?: 4 | 6): Record<string, unknown> | undefined;
}

interface Table {
  addresses: Map<string, Record<string, unknown>>;
  groups: Map<string, Set<string>>;
}

export async function startFortigateFake(options: { token?: string; groups?: string[]; maxGroupMembers?: number } = {}): Promise<FortigateFake> {
  const token = options.token ?? "fake-fortigate-token";
  const max = options.maxGroupMembers ?? 600;
  const tables: Record<"4" | "6", Table> = {
    "4": { addresses: new Map(), groups: new Map((options.groups ?? ["vigil-block"]).map((g) => [g, new Set<string>()])) },
    "6": { addresses: new Map(), groups: new Map((options.groups ?? ["vigil-block"]).map((g) => [`${g}6`, new Set<string>()])) },
  };

  function envelope(req: FakeRequest, name: string, status: number, extra: Record<string, unknown>) {
    return json(status, {
      http_method: req.method,
      status: status < 400 ? "success" : "error",
      http_status: status,
      vdom: req.query.get("vdom") ?? "root",
      path: "firewall",
      name,
      serial: "FGVMFAKE00000001",
      version: "v7.4.3",
      build: 2573,
      ...extra,
    });
  }

  function handle(req: FakeRequest) {
    const kind = req.params.table ?? "";
    if (!["address", "address6", "addrgrp", "addrgrp6"].includes(kind)) return text(404, "");
    const family = kind.endsWith("6") ? "6" : "4";
    const table = tables[family];
    const key = req.params.key;
    const rawMember = req.params.member;
    const memberPath = req.path.endsWith("/member") || rawMember !== undefined;
    const body = (req.body ?? {}) as Record<string, unknown>;

    if (kind.startsWith("address")) {
      if (req.method === "GET") {
        const found = key ? table.addresses.get(key) : undefined;
        if (key && !found) return envelope(req, kind, 404, { error: -3, mkey: key });
        return envelope(req, kind, 200, { results: key ? [found] : [...table.addresses.values()] });
      }
      if (req.method === "POST") {
        const name = String(body.name ?? "");
        if (!name) return envelope(req, kind, 500, { error: -651 });
        if (body.type === "fqdn" && (kind !== "address" || typeof body.fqdn !== "string" || body.fqdn === "")) return envelope(req, kind, 500, { error: -651, mkey: name });
        if (table.addresses.has(name)) return envelope(req, kind, 500, { error: -5, mkey: name });
        table.addresses.set(name, { q_origin_key: name, ...body });
        return envelope(req, kind, 200, { mkey: name, revision: "1", revision_changed: true });
      }
      if (req.method === "DELETE" && key) {
        if (!table.addresses.has(key)) return envelope(req, kind, 404, { error: -3, mkey: key });
        if ([...table.groups.values()].some((g) => g.has(key))) return envelope(req, kind, 500, { error: -23, mkey: key });
        table.addresses.delete(key);
        return envelope(req, kind, 200, { mkey: key });
      }
    }

    const group = key ? table.groups.get(key) : undefined;
    if (!key || !group) return envelope(req, kind, 404, { error: -3, mkey: key });
    if (req.method === "GET" && !memberPath) {
      return envelope(req, kind, 200, { mkey: key, results: [{ name: key, q_origin_key: key, member: [...group].map((n) => ({ name: n, q_origin_key: n })) }] });
    }
    if (req.method === "POST" && memberPath) {
      const name = String(body.name ?? "");
      if (!table.addresses.has(name)) return envelope(req, kind, 424, { error: -3, mkey: name });
      if (group.has(name)) return envelope(req, kind, 500, { error: -5, mkey: name });
      if (group.size >= max) return envelope(req, kind, 500, { error: -4, mkey: name });
      group.add(name);
      return envelope(req, kind, 200, { mkey: name });
    }
    if (req.method === "DELETE" && memberPath && rawMember) {
      const name = rawMember;
      if (!group.delete(name)) return envelope(req, kind, 404, { error: -3, mkey: name });
      return envelope(req, kind, 200, { mkey: name });
    }
    return envelope(req, kind, 405, { error: -1 });
  }

  const base = "/api/v2/cmdb/firewall/:table";
  const server = await startFakeServer({
    routes: [
      ["GET", base, handle],
      ["POST", base, handle],
      ["GET", `${base}/:key`, handle],
      ["DELETE", `${base}/:key`, handle],
      ["POST", `${base}/:key/member`, handle],
      ["DELETE", `${base}/:key/member/:member`, handle],
    ],
    authorize: (req) => (req.headers.authorization === `Bearer ${token}` ? null : text(401, "")),
    notFound: () => text(404, ""),
  });
  return {
    ...server,
    token,
    members: (group, family = 4) => [...(tables[family === 4 ? "4" : "6"].groups.get(family === 4 ? group : `${group}6`) ?? [])],
    address: (name, family = 4) => tables[family === 4 ? "4" : "6"].addresses.get(name),
  };
}
